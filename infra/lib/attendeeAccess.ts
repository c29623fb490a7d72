import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

import {
  ATTENDEE_KEY_CLAIM,
  ATTENDEE_KEY_VARIABLE,
  ATTENDEE_PRINCIPAL_TAG,
  ATTENDEE_TAG_KEY,
  attendeePrefix,
  CLUSTER_TAG_KEYS,
  SAMPLE_DATA_PREFIX,
} from '../../src/lib/aws/conventions';
import type { EmrRoles } from './emrRoles';

/**
 * The IAM policy variable for the caller's Cognito identity id (`region:uuid`). IAM fills it in
 * at request time, so it must reach the template literally: it is a plain string here, never
 * a CDK token or an `Fn::Sub`.
 */
export const IDENTITY_ID = '${cognito-identity.amazonaws.com:sub}';

export type AttendeeAccessProps = {
  bucket: s3.IBucket;
  emrRoles: EmrRoles;
  /** The id of the instructor's shared cluster, when there is one. */
  sharedClusterId?: string;
};

/**
 * How attendees get in: a user pool to sign in, an identity pool that trades the sign-in for
 * temporary credentials of the attendee role, and that role, which reaches only the attendee's
 * own files and clusters.
 */
export class AttendeeAccess extends Construct {
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly identityPool: cognito.CfnIdentityPool;
  readonly attendeeRole: iam.Role;

  constructor(scope: Construct, id: string, props: AttendeeAccessProps) {
    super(scope, id);

    // Accounts are created by the instructor, never by sign-up.
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      passwordPolicy: { minLength: 12, requireSymbols: false },
      accountRecovery: cognito.AccountRecovery.NONE,
      // A workshop is temporary: `cdk destroy` removes the attendee accounts too.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // The site is a public browser app: no client secret; sign-in with the password (simple
    // for a workshop) or SRP.
    this.userPoolClient = this.userPool.addClient('SiteClient', {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      preventUserExistenceErrors: true,
    });

    // Authenticated identities only: AWS scopes guest credentials of the enhanced flow down
    // to services without S3 or EMR, and a workshop has no use for anonymous callers.
    this.identityPool = new cognito.CfnIdentityPool(this, 'IdentityPool', {
      allowUnauthenticatedIdentities: false,
      allowClassicFlow: false,
      cognitoIdentityProviders: [
        {
          providerName: this.userPool.userPoolProviderName,
          clientId: this.userPoolClient.userPoolClientId,
          serverSideTokenCheck: true,
        },
      ],
    });

    this.attendeeRole = new iam.Role(this, 'AttendeeRole', {
      description: 'Signed-in workshop attendees: their own S3 prefix and EMR clusters',
      assumedBy: new iam.FederatedPrincipal(
        'cognito-identity.amazonaws.com',
        {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': this.identityPool.ref },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
        'sts:AssumeRoleWithWebIdentity',
        // The identity pool tags the session with the attendee's key (below).
      ).withSessionTags(),
    });

    // The attendee's S3 prefix is keyed by the user pool's `sub`, passed to IAM as a session
    // tag: the identity id would put a colon in every path, which Hadoop (and so spark-submit)
    // refuses. See conventions.ts.
    new cognito.CfnIdentityPoolPrincipalTag(this, 'AttendeeKeyTag', {
      identityPoolId: this.identityPool.ref,
      identityProviderName: this.userPool.userPoolProviderName,
      principalTags: { [ATTENDEE_PRINCIPAL_TAG]: ATTENDEE_KEY_CLAIM },
      useDefaults: false,
    });

    new cognito.CfnIdentityPoolRoleAttachment(this, 'Roles', {
      identityPoolId: this.identityPool.ref,
      roles: { authenticated: this.attendeeRole.roleArn },
    });

    for (const statement of attendeeStatements(Stack.of(this), props)) {
      this.attendeeRole.addToPolicy(statement);
    }
  }
}

/** Following a cluster and running steps on it: on their own clusters and the shared one. */
const STEP_ACTIONS = [
  'elasticmapreduce:DescribeCluster',
  'elasticmapreduce:ListSteps',
  'elasticmapreduce:DescribeStep',
  'elasticmapreduce:AddJobFlowSteps',
  'elasticmapreduce:CancelSteps',
] as const;

/** Everything an attendee may do, statement by statement. */
function attendeeStatements(stack: Stack, props: AttendeeAccessProps): iam.PolicyStatement[] {
  const { bucket, emrRoles, sharedClusterId } = props;
  const clusterArn = (clusterId: string) =>
    stack.formatArn({ service: 'elasticmapreduce', resource: 'cluster', resourceName: clusterId });
  const ownCluster = { [`elasticmapreduce:ResourceTag/${ATTENDEE_TAG_KEY}`]: IDENTITY_ID };
  const ownFiles = attendeePrefix(ATTENDEE_KEY_VARIABLE);

  const statements = [
    // ListClusters has no resource-level permissions, so it cannot be narrowed below "*". It
    // only lists ids, names and states (the page finds the attendee's running cluster with it);
    // everything that reads or changes a cluster is scoped by tag below.
    new iam.PolicyStatement({
      sid: 'ListClusters',
      actions: ['elasticmapreduce:ListClusters'],
      resources: ['*'],
    }),
    // RunJobFlow has no resource to scope either: the request must tag the new cluster with the
    // caller's own identity id, and may use no other tag keys than the workshop's.
    new iam.PolicyStatement({
      sid: 'LaunchOwnCluster',
      actions: ['elasticmapreduce:RunJobFlow'],
      resources: ['*'],
      conditions: {
        StringEquals: { [`aws:RequestTag/${ATTENDEE_TAG_KEY}`]: IDENTITY_ID },
        'ForAllValues:StringEquals': { 'aws:TagKeys': [...CLUSTER_TAG_KEYS] },
      },
    }),
    // Creating a tagged cluster is also an AddTags on it: allowed only with the same tag, on a
    // cluster that carries the caller's id, so nobody can tag their way into another cluster.
    new iam.PolicyStatement({
      sid: 'TagOwnClusterAtLaunch',
      actions: ['elasticmapreduce:AddTags'],
      resources: [clusterArn('*')],
      conditions: {
        StringEquals: { ...ownCluster, [`aws:RequestTag/${ATTENDEE_TAG_KEY}`]: IDENTITY_ID },
        'ForAllValues:StringEquals': { 'aws:TagKeys': [...CLUSTER_TAG_KEYS] },
      },
    }),
    new iam.PolicyStatement({
      sid: 'UseOwnCluster',
      actions: [...STEP_ACTIONS, 'elasticmapreduce:TerminateJobFlows'],
      resources: [clusterArn('*')],
      conditions: { StringEquals: ownCluster },
    }),
    // RunJobFlow passes both roles; the service role then passes the instance role to EC2.
    new iam.PolicyStatement({
      sid: 'PassEmrRoles',
      actions: ['iam:PassRole'],
      resources: [emrRoles.serviceRole.roleArn, emrRoles.instanceRole.roleArn],
      conditions: {
        StringEquals: {
          'iam:PassedToService': ['elasticmapreduce.amazonaws.com', 'ec2.amazonaws.com'],
        },
      },
    }),
    // The first cluster in an account creates EMR's cleanup service-linked role, as its caller.
    new iam.PolicyStatement({
      sid: 'CreateEmrCleanupRole',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [
        stack.formatArn({
          service: 'iam',
          region: '',
          resource: 'role',
          resourceName:
            'aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup*',
        }),
      ],
      conditions: { StringEquals: { 'iam:AWSServiceName': 'elasticmapreduce.amazonaws.com' } },
    }),
    new iam.PolicyStatement({
      sid: 'OwnFiles',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [bucket.arnForObjects(`${ownFiles}*`)],
    }),
    new iam.PolicyStatement({
      sid: 'ListOwnFiles',
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${ownFiles}*`] } },
    }),
    new iam.PolicyStatement({
      sid: 'ReadSampleData',
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects(`${SAMPLE_DATA_PREFIX}*`)],
    }),
  ];

  if (sharedClusterId !== undefined) {
    // The shared cluster is the instructor's: attendees add and follow steps, never end it.
    statements.push(
      new iam.PolicyStatement({
        sid: 'UseSharedCluster',
        actions: [...STEP_ACTIONS],
        resources: [clusterArn(sharedClusterId)],
      }),
    );
  }
  return statements;
}
