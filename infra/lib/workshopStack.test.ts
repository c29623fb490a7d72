import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ATTENDEE_TAG_KEY,
  CLUSTER_TAG_KEYS,
  EMR_MANAGED_POLICIES_TAG,
} from '../../src/lib/aws/conventions';
import {
  EMR_RELEASE_LABEL,
  EMR_STEP_PYTHON,
  EMR_STEP_PYTHON_VERSION,
} from '../../src/lib/aws/release';
import {
  parseWorkshopLink,
  type WorkshopConfig,
  workshopLink,
} from '../../src/lib/aws/workshopConfig';
import { IDENTITY_ID } from './attendeeAccess';
import { createWorkshopApp, DEFAULT_SETTINGS, readSettings } from './workshopApp';
import { type WorkshopSettings, WorkshopStack } from './workshopStack';

const SITE = 'https://workshop.example.org';
const REPO = path.resolve(__dirname, '../..');

type Json = Record<string, unknown>;
type Statement = {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A CloudFormation value flattened to text, intrinsic functions and all, for `contains` checks. */
const text = (value: unknown): string => JSON.stringify(value);

function synth(settings: Partial<WorkshopSettings> = {}) {
  const app = new App();
  const stack = new WorkshopStack(app, 'Workshop', {
    settings: { ...DEFAULT_SETTINGS, siteOrigin: SITE, ...settings },
  });
  const template = Template.fromStack(stack);
  const logicalId = (element: unknown) => stack.getLogicalId(element as CfnElement);
  return { stack, template, json: template.toJSON() as Json, logicalId };
}

type Synth = ReturnType<typeof synth>;

/** Every IAM policy document in the template, with where it came from. */
function policyDocuments(json: Json): { where: string; statements: Statement[] }[] {
  const documents: { where: string; statements: Statement[] }[] = [];
  const resources = json.Resources as Record<string, { Type: string; Properties?: Json }>;
  for (const [id, { Type, Properties = {} }] of Object.entries(resources)) {
    const add = (where: string, document: unknown) =>
      documents.push({ where, statements: asList((document as Json).Statement as Statement[]) });
    if (Type === 'AWS::IAM::Policy' || Type === 'AWS::IAM::ManagedPolicy') {
      add(id, Properties.PolicyDocument);
    }
    if (Type === 'AWS::IAM::Role') {
      add(`${id} trust`, Properties.AssumeRolePolicyDocument);
      for (const inline of asList(Properties.Policies as Json[])) {
        add(`${id} ${String(inline.PolicyName)}`, inline.PolicyDocument);
      }
    }
  }
  return documents;
}

/** The statements of the inline policy attached to a role. */
function roleStatements({ template, logicalId }: Synth, role: unknown): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: logicalId(role) }] },
  });
  return Object.values(policies).flatMap((policy) =>
    asList(policy.Properties.PolicyDocument.Statement as Statement[]),
  );
}

function statementBySid(statements: Statement[], sid: string): Statement {
  const found = statements.find((statement) => statement.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${text(statements.map((s) => s.Sid))}`);
  return found;
}

describe('the workshop stack', () => {
  let plain: Synth;
  let withShared: Synth;

  beforeAll(() => {
    plain = synth();
    withShared = synth({ sharedCluster: true, workshopName: 'spring-school' });
  });

  describe('bucket', () => {
    it('blocks public access, encrypts, and accepts the site from browsers', () => {
      plain.template.resourceCountIs('AWS::S3::Bucket', 1);
      plain.template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
        CorsConfiguration: {
          CorsRules: [
            {
              AllowedOrigins: [SITE],
              AllowedMethods: ['GET', 'PUT', 'HEAD'],
              AllowedHeaders: ['*'],
              ExposedHeaders: ['ETag'],
              MaxAge: Match.anyValue(),
            },
          ],
        },
      });
    });

    it('expires attendee files after 14 days', () => {
      plain.template.hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({ Prefix: 'attendees/', ExpirationInDays: 14, Status: 'Enabled' }),
          ]),
        },
      });
    });

    it('refuses every request without TLS', () => {
      const bucketId = plain.logicalId(plain.stack.storage.bucket.node.defaultChild);
      plain.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('grants nothing to everyone in the bucket policy', () => {
      for (const policy of Object.values(plain.template.findResources('AWS::S3::BucketPolicy'))) {
        for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) {
          if (statement.Effect === 'Allow') expect(text(statement.Principal)).not.toContain('"*"');
        }
      }
    });

    it('is removed with the stack, objects included', () => {
      plain.template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
      plain.template.resourceCountIs('Custom::S3AutoDeleteObjects', 1);
    });

    it('receives the sample data under sample-data/raw/', () => {
      plain.template.hasResourceProperties('Custom::CDKBucketDeployment', {
        DestinationBucketName: {
          Ref: plain.logicalId(plain.stack.storage.bucket.node.defaultChild),
        },
        DestinationBucketKeyPrefix: 'sample-data/raw/',
      });
    });
  });

  describe('sign-in', () => {
    it('has an identity pool without guest identities, fed by the site client', () => {
      const { template, stack, logicalId } = plain;
      template.hasResourceProperties('AWS::Cognito::IdentityPool', {
        AllowUnauthenticatedIdentities: false,
        AllowClassicFlow: false,
        CognitoIdentityProviders: [
          Match.objectLike({
            ClientId: { Ref: logicalId(stack.attendees.userPoolClient.node.defaultChild) },
          }),
        ],
      });
      template.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
        Roles: {
          authenticated: {
            'Fn::GetAtt': [logicalId(stack.attendees.attendeeRole.node.defaultChild), 'Arn'],
          },
        },
      });
      const [attachment] = Object.values(
        template.findResources('AWS::Cognito::IdentityPoolRoleAttachment'),
      );
      expect(Object.keys(attachment?.Properties.Roles ?? {})).toEqual(['authenticated']);
    });

    it('lets only the instructor create accounts, and the site sign in without a secret', () => {
      plain.template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      });
      plain.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
      });
    });
  });

  describe('attendee role', () => {
    let statements: Statement[];
    beforeAll(() => {
      statements = roleStatements(plain, plain.stack.attendees.attendeeRole.node.defaultChild);
    });

    it('trusts only authenticated identities of this identity pool, with their session tags', () => {
      const { template, stack, logicalId } = plain;
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
              Principal: { Federated: 'cognito-identity.amazonaws.com' },
              Condition: {
                StringEquals: {
                  'cognito-identity.amazonaws.com:aud': {
                    Ref: logicalId(stack.attendees.identityPool),
                  },
                },
                'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
              },
            },
          ],
        },
      });
    });

    it('tags each attendee session with the user pool sub, the key of their prefix', () => {
      const { template, stack, logicalId } = plain;
      template.hasResourceProperties('AWS::Cognito::IdentityPoolPrincipalTag', {
        IdentityPoolId: { Ref: logicalId(stack.attendees.identityPool) },
        PrincipalTags: { attendee: 'sub' },
        UseDefaults: false,
      });
    });

    it("reads and writes only the attendee's own prefix, plus reads the sample data", () => {
      const ownFiles = statementBySid(statements, 'OwnFiles');
      expect(asList(ownFiles.Action).sort()).toEqual([
        's3:DeleteObject',
        's3:GetObject',
        's3:PutObject',
      ]);
      // Keyed by the session tag the identity pool sets from the user pool's sub (no colon).
      expect(text(ownFiles.Resource)).toContain('/attendees/${aws:PrincipalTag/attendee}/*');

      const listing = statementBySid(statements, 'ListOwnFiles');
      expect(listing.Action).toBe('s3:ListBucket');
      expect(listing.Condition).toEqual({
        StringLike: { 's3:prefix': ['attendees/${aws:PrincipalTag/attendee}/*'] },
      });

      const sample = statementBySid(statements, 'ReadSampleData');
      expect(sample.Action).toBe('s3:GetObject');
      expect(text(sample.Resource)).toContain('/sample-data/*');

      // No other statement touches S3.
      const s3Sids = statements
        .filter((statement) => asList(statement.Action).some((action) => action.startsWith('s3:')))
        .map((statement) => statement.Sid);
      expect(s3Sids.sort()).toEqual(['ListOwnFiles', 'OwnFiles', 'ReadSampleData']);
    });

    it('launches clusters only tagged with the caller identity and the workshop tag keys', () => {
      const launch = statementBySid(statements, 'LaunchOwnCluster');
      expect(launch.Action).toBe('elasticmapreduce:RunJobFlow');
      expect(launch.Condition).toEqual({
        StringEquals: { [`aws:RequestTag/${ATTENDEE_TAG_KEY}`]: IDENTITY_ID },
        'ForAllValues:StringEquals': { 'aws:TagKeys': [...CLUSTER_TAG_KEYS] },
      });
      expect(CLUSTER_TAG_KEYS).toContain(EMR_MANAGED_POLICIES_TAG.key);

      const tag = statementBySid(statements, 'TagOwnClusterAtLaunch');
      expect(tag.Action).toBe('elasticmapreduce:AddTags');
      expect(tag.Condition?.StringEquals).toEqual({
        [`elasticmapreduce:ResourceTag/${ATTENDEE_TAG_KEY}`]: IDENTITY_ID,
        [`aws:RequestTag/${ATTENDEE_TAG_KEY}`]: IDENTITY_ID,
      });
    });

    it("acts only on clusters tagged with the caller's identity", () => {
      const use = statementBySid(statements, 'UseOwnCluster');
      expect(asList(use.Action).sort()).toEqual(
        [
          'AddJobFlowSteps',
          'CancelSteps',
          'DescribeCluster',
          'DescribeStep',
          'ListSteps',
          'TerminateJobFlows',
        ].map((action) => `elasticmapreduce:${action}`),
      );
      expect(text(use.Resource)).toContain(':cluster/*');
      expect(use.Condition).toEqual({
        StringEquals: { 'elasticmapreduce:ResourceTag/workshop-attendee': IDENTITY_ID },
      });

      // Every EMR action but the list and the tagged launch needs the tag or names a cluster.
      for (const statement of statements) {
        const emr = asList(statement.Action).filter((a) => a.startsWith('elasticmapreduce:'));
        if (emr.length === 0 || statement.Sid === 'ListClusters') continue;
        expect(text(statement.Condition), statement.Sid).toContain(IDENTITY_ID);
      }
    });

    it('uses "*" only for listing clusters and the tag-conditioned launch', () => {
      const starred = statements.filter((statement) => asList(statement.Resource).includes('*'));
      expect(starred.map((statement) => [statement.Sid, statement.Action])).toEqual([
        ['ListClusters', 'elasticmapreduce:ListClusters'],
        ['LaunchOwnCluster', 'elasticmapreduce:RunJobFlow'],
      ]);
    });

    it('has no shared-cluster access when there is no shared cluster', () => {
      expect(statements.map((statement) => statement.Sid)).not.toContain('UseSharedCluster');
      expect(Object.keys(plain.template.findOutputs('SharedClusterId'))).toEqual([]);
    });
  });

  describe('no wildcard grants', () => {
    it('walks every IAM policy, including the CDK custom resources', () => {
      const where = policyDocuments(plain.json).map((document) => document.where);
      // The attendee, EMR service and instance roles, plus BucketDeployment's handler and the
      // VPC's default-security-group handler: CDK's own roles are checked like ours.
      expect(where).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^AttendeesAttendeeRoleDefaultPolicy/),
          expect.stringMatching(/^EmrServiceRoleDefaultPolicy/),
          expect.stringMatching(/^EmrInstanceRoleDefaultPolicy/),
          expect.stringMatching(/^CustomCDKBucketDeployment.*DefaultPolicy/),
          expect.stringMatching(/^CustomVpcRestrictDefaultSG.*Role.* Inline$/),
        ]),
      );
    });

    it.each([
      ['without a shared cluster', () => plain],
      ['with a shared cluster', () => withShared],
    ])('grants no service-wide action on every resource (%s)', (_name, get) => {
      for (const { where, statements } of policyDocuments(get().json)) {
        for (const statement of statements) {
          if (statement.Effect !== 'Allow') continue;
          const actions = asList(statement.Action);
          const resources = asList(statement.Resource);
          const context = `${where} ${text(statement)}`;
          expect(actions, context).not.toContain('*');
          if (resources.includes('*')) {
            expect(
              actions.filter((action) => action.endsWith(':*')),
              context,
            ).toEqual([]);
            // "*" is acceptable only for list actions without resource-level permissions,
            // or when conditions narrow it.
            const listOnly = actions.every((action) => action === 'elasticmapreduce:ListClusters');
            expect(listOnly || statement.Condition !== undefined, context).toBe(true);
          }
        }
      }
    });

    it('passes only the two EMR roles, and only to EMR and EC2', () => {
      const { stack, logicalId, json } = withShared;
      const serviceRole = logicalId(stack.emrRoles.serviceRole.node.defaultChild);
      const instanceRole = logicalId(stack.emrRoles.instanceRole.node.defaultChild);
      const passRoles = policyDocuments(json).flatMap(({ where, statements }) =>
        statements
          .filter((statement) => asList(statement.Action).some((a) => a.startsWith('iam:PassRole')))
          .map((statement) => ({ where, statement })),
      );
      expect(passRoles.map(({ where }) => where.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
        'AttendeesAttendeeRoleDefaultPolicy',
        'EmrServiceRoleDefaultPolicy',
      ]);
      for (const { where, statement } of passRoles) {
        const resources = asList(statement.Resource);
        const expected = where.startsWith('Attendees')
          ? [serviceRole, instanceRole]
          : [instanceRole];
        expect(resources).toEqual(expected.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })));
        const services = asList(statement.Condition?.StringEquals?.['iam:PassedToService']);
        expect(services.length).toBeGreaterThan(0);
        for (const service of services) {
          expect(['elasticmapreduce.amazonaws.com', 'ec2.amazonaws.com']).toContain(service);
        }
      }
    });
  });

  describe('EMR roles and network', () => {
    it('gives the EMR service role the v2 managed policy, assumable by EMR of this account', () => {
      const { template, stack, logicalId } = plain;
      const role =
        template.toJSON().Resources[logicalId(stack.emrRoles.serviceRole.node.defaultChild)];
      expect(text(role.Properties.ManagedPolicyArns)).toContain(
        ':iam::aws:policy/service-role/AmazonEMRServicePolicy_v2',
      );
      const [trust] = role.Properties.AssumeRolePolicyDocument.Statement as Statement[];
      expect(trust?.Principal).toEqual({ Service: 'elasticmapreduce.amazonaws.com' });
      expect(trust?.Condition?.StringEquals).toEqual({
        'aws:SourceAccount': { Ref: 'AWS::AccountId' },
      });
    });

    it('names the instance profile after its role, as EMR requires', () => {
      const { template, stack, logicalId } = plain;
      const role = { Ref: logicalId(stack.emrRoles.instanceRole.node.defaultChild) };
      template.hasResourceProperties('AWS::IAM::InstanceProfile', {
        InstanceProfileName: role,
        Roles: [role],
      });
    });

    it('keeps the instance role inside the workshop bucket', () => {
      const statements = roleStatements(plain, plain.stack.emrRoles.instanceRole.node.defaultChild);
      const bucketId = plain.logicalId(plain.stack.storage.bucket.node.defaultChild);
      for (const statement of statements) {
        for (const resource of asList(statement.Resource)) {
          expect(text(resource), statement.Sid).toContain(bucketId);
        }
      }
    });

    it.each([
      ['without a shared cluster', () => plain],
      ['with a shared cluster', () => withShared],
    ])(
      'lets steps reach only the prefixes the labs use, and list only those (%s)',
      (_name, get) => {
        const synthed = get();
        const { stack, logicalId } = synthed;
        const statements = roleStatements(synthed, stack.emrRoles.instanceRole.node.defaultChild);
        const bucketArn = {
          'Fn::GetAtt': [logicalId(stack.storage.bucket.node.defaultChild), 'Arn'],
        };
        const objects = (key: string) => ({ 'Fn::Join': ['', [bucketArn, `/${key}`]] });
        const grants = statements.map(({ Sid, Effect, Action, Resource, Condition }) => ({
          Sid,
          Effect,
          Action: asList(Action).sort(),
          Resource: asList(Resource),
          Condition,
        }));
        expect(grants).toEqual([
          {
            // Runs (code, output), work folders and attendee clusters' logs: every attendee's.
            Sid: 'AttendeeFiles',
            Effect: 'Allow',
            Action: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'],
            Resource: [objects('attendees/*')],
            Condition: undefined,
          },
          {
            // EMR uploads the shared cluster's logs; steps cannot read them back.
            Sid: 'SharedClusterLogs',
            Effect: 'Allow',
            Action: ['s3:PutObject'],
            Resource: [objects('shared/logs/*')],
            Condition: undefined,
          },
          {
            // Only the data the stack uploads, read-only (the key itself: Spark's first probe).
            Sid: 'ReadSampleData',
            Effect: 'Allow',
            Action: ['s3:GetObject'],
            Resource: [objects('sample-data/raw'), objects('sample-data/raw/*')],
            Condition: undefined,
          },
          {
            Sid: 'ListWorkshopPrefixes',
            Effect: 'Allow',
            Action: ['s3:ListBucket'],
            Resource: [bucketArn],
            Condition: {
              StringLike: { 's3:prefix': ['attendees/*', 'sample-data/raw', 'sample-data/raw/*'] },
            },
          },
          {
            Sid: 'LocateWorkshopBucket',
            Effect: 'Allow',
            Action: ['s3:GetBucketLocation'],
            Resource: [bucketArn],
            Condition: undefined,
          },
        ]);

        // Those are the prefixes the stack really uses: it uploads the sample data to
        // sample-data/raw/, and the shared cluster logs to shared/logs/.
        synthed.template.hasResourceProperties('Custom::CDKBucketDeployment', {
          DestinationBucketKeyPrefix: 'sample-data/raw/',
        });
        if (stack.shared) {
          synthed.template.hasResourceProperties('AWS::EMR::Cluster', {
            LogUri: { 'Fn::Join': ['', ['s3://', Match.anyValue(), '/shared/logs/']] },
          });
        }

        // Nothing else on the instance role: no managed or inline policies of its own, and no
        // other policy resource attached to it.
        const resources = synthed.json.Resources as Record<
          string,
          { Type: string; Properties: Json }
        >;
        const instanceRoleId = logicalId(stack.emrRoles.instanceRole.node.defaultChild);
        expect(resources[instanceRoleId]?.Properties.ManagedPolicyArns).toBeUndefined();
        expect(resources[instanceRoleId]?.Properties.Policies).toBeUndefined();
        const attached = Object.entries(resources)
          .filter(([, { Type, Properties }]) => Type.startsWith('AWS::IAM::') && Properties.Roles)
          .filter(([, { Properties }]) =>
            text(Properties.Roles).includes(text({ Ref: instanceRoleId })),
          )
          .map(([id, { Type }]) => `${Type} ${id.replace(/[0-9A-F]{8}$/, '')}`);
        expect(attached.sort()).toEqual([
          'AWS::IAM::InstanceProfile EmrInstanceProfile',
          'AWS::IAM::Policy EmrInstanceRoleDefaultPolicy',
        ]);
      },
    );

    it('tags the VPC and its public subnet for the EMR managed policies', () => {
      const tag = { Key: EMR_MANAGED_POLICIES_TAG.key, Value: EMR_MANAGED_POLICIES_TAG.value };
      plain.template.hasResourceProperties('AWS::EC2::VPC', { Tags: Match.arrayWith([tag]) });
      plain.template.resourceCountIs('AWS::EC2::Subnet', 1);
      plain.template.hasResourceProperties('AWS::EC2::Subnet', {
        MapPublicIpOnLaunch: true,
        Tags: Match.arrayWith([tag]),
      });
      plain.template.resourceCountIs('AWS::EC2::NatGateway', 0);
    });
  });

  describe('shared cluster', () => {
    it('is not created unless asked for', () => {
      plain.template.resourceCountIs('AWS::EMR::Cluster', 0);
    });

    it('runs the workshop release with Spark and ends itself when idle', () => {
      const { template, stack, logicalId } = withShared;
      template.resourceCountIs('AWS::EMR::Cluster', 1);
      const group = { InstanceCount: 1, InstanceType: 'm5.xlarge', Market: 'ON_DEMAND' };
      template.hasResourceProperties('AWS::EMR::Cluster', {
        ReleaseLabel: EMR_RELEASE_LABEL,
        Applications: [{ Name: 'Spark' }],
        AutoTerminationPolicy: { IdleTimeout: 3600 },
        ServiceRole: { Ref: logicalId(stack.emrRoles.serviceRole.node.defaultChild) },
        JobFlowRole: { Ref: logicalId(stack.emrRoles.instanceProfile.node.defaultChild) },
        LogUri: {
          'Fn::Join': [
            '',
            ['s3://', { Ref: logicalId(stack.storage.bucket.node.defaultChild) }, '/shared/logs/'],
          ],
        },
        Instances: Match.objectLike({
          Ec2SubnetId: { Ref: logicalId(stack.network.subnet.node.defaultChild) },
          MasterInstanceGroup: Match.objectLike(group),
          CoreInstanceGroup: Match.objectLike(group),
        }),
        Tags: Match.arrayWith([
          { Key: EMR_MANAGED_POLICIES_TAG.key, Value: EMR_MANAGED_POLICIES_TAG.value },
        ]),
      });
    });

    it('runs PySpark on the workshop Python for every step, named or not', () => {
      expect(EMR_STEP_PYTHON).toBe(`/usr/bin/python${EMR_STEP_PYTHON_VERSION}`);
      const [cluster] = Object.values(withShared.template.findResources('AWS::EMR::Cluster'));
      expect(cluster?.Properties.Configurations).toEqual([
        {
          Classification: 'spark-env',
          Configurations: [
            {
              Classification: 'export',
              ConfigurationProperties: {
                PYSPARK_PYTHON: EMR_STEP_PYTHON,
                PYSPARK_DRIVER_PYTHON: EMR_STEP_PYTHON,
              },
            },
          ],
        },
      ]);
    });

    it('waits for its roles, their policies and the route to the internet', () => {
      const { stack, logicalId, template } = withShared;
      const [cluster] = Object.values(template.findResources('AWS::EMR::Cluster'));
      const dependsOn = asList(cluster?.DependsOn as string[] | undefined);
      const policies = Object.keys(template.findResources('AWS::IAM::Policy')).filter((id) =>
        /^Emr(Service|Instance)RoleDefaultPolicy/.test(id),
      );
      expect(policies).toHaveLength(2);
      expect(dependsOn).toEqual(expect.arrayContaining(policies));
      expect(dependsOn.some((id) => id.includes('DefaultRoute'))).toBe(true);
      // The roles themselves it already refers to.
      const props = text(cluster?.Properties);
      expect(props).toContain(
        text({ Ref: logicalId(stack.emrRoles.serviceRole.node.defaultChild) }),
      );
      expect(props).toContain(
        text({ Ref: logicalId(stack.emrRoles.instanceProfile.node.defaultChild) }),
      );
    });

    it('lets attendees add and follow steps on it, but not end it', () => {
      const { stack, logicalId } = withShared;
      const statements = roleStatements(withShared, stack.attendees.attendeeRole.node.defaultChild);
      const shared = statementBySid(statements, 'UseSharedCluster');
      expect(asList(shared.Action)).not.toContain('elasticmapreduce:TerminateJobFlows');
      expect(asList(shared.Action)).toContain('elasticmapreduce:AddJobFlowSteps');
      const resource = text(shared.Resource);
      expect(resource).toContain(':cluster/');
      expect(resource).toContain(text({ Ref: logicalId(stack.shared?.cluster) }));
      expect(resource).not.toContain('cluster/*');
    });
  });

  describe('tags', () => {
    it.each([
      ['emr-spark-workshop', () => plain],
      ['spring-school', () => withShared],
    ])('tags every resource that takes tags with workshop=%s', (name, get) => {
      const { json, stack } = get();
      const resources = json.Resources as Record<string, { Type: string; Properties?: Json }>;
      const untagged: string[] = [];
      for (const [id, { Type, Properties = {} }] of Object.entries(resources)) {
        const tags = Properties.Tags ?? Properties.IdentityPoolTags;
        const tagged =
          Type === 'AWS::Cognito::UserPool'
            ? (Properties.UserPoolTags as Json | undefined)?.workshop === name
            : asList(tags as { Key: string; Value: string }[]).some(
                (tag) => tag.Key === 'workshop' && tag.Value === name,
              );
        if (!tagged) untagged.push(`${id} ${Type}`);
      }
      // What remains takes no tags in CloudFormation, or is a handler CDK declares as a raw
      // resource (its CustomResourceProvider*): those get the stack's tags, below, which
      // CloudFormation applies to every resource that takes tags.
      const cannotTakeTags =
        /AWS::IAM::Policy$|BucketPolicy$|InstanceProfile$|LayerVersion$|UserPoolClient$|RoleAttachment$|IdentityPoolPrincipalTag$|::Route$|RouteTableAssociation$|VPCGatewayAttachment$| Custom::|CustomResourceProvider(Role|Handler)/;
      expect(untagged.filter((entry) => !cannotTakeTags.test(entry))).toEqual([]);
      expect(untagged.length).toBeGreaterThan(0);
      expect(stack.tags.tagValues()).toEqual({ workshop: name });
    });
  });

  describe('outputs', () => {
    const fake: WorkshopConfig = {
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_AbC123xyz',
      userPoolClientId: '4example7clientid0123456789',
      identityPoolId: 'eu-west-1:0b2c4d6e-1111-2222-3333-444455556666',
      bucket: 'workshop-storagebucket5cb7c8ea-1a2b3c4d5e6f',
      sharedClusterId: 'j-2AXXXXXXGAPLF',
      releaseLabel: EMR_RELEASE_LABEL,
      serviceRole: 'spring-school-EmrServiceRole0B4E58BF-AbCdEfGh1234',
      instanceProfile: 'spring-school-EmrInstanceRole2BD5E0CB-IjKlMnOp5678',
      subnetId: 'subnet-0123456789abcdef0',
      workshop: 'spring-school',
    };
    // The stack never emits `endpoint`: that field is for a local AWS stand-in only.
    const outputFor: Record<Exclude<keyof WorkshopConfig, 'endpoint'>, string> = {
      region: 'Region',
      userPoolId: 'UserPoolId',
      userPoolClientId: 'UserPoolClientId',
      identityPoolId: 'IdentityPoolId',
      bucket: 'Bucket',
      sharedClusterId: 'SharedClusterId',
      releaseLabel: 'ReleaseLabel',
      serviceRole: 'EmrServiceRole',
      instanceProfile: 'EmrInstanceProfile',
      subnetId: 'SubnetId',
      workshop: 'WorkshopName',
    };

    /**
     * What CloudFormation would make of the link: each placeholder in its `Fn::Join` is the
     * same intrinsic as one of the other outputs, which stands for a fake deployed value.
     */
    function deployedLink({ json }: Synth, config: WorkshopConfig): string {
      const outputs = json.Outputs as Record<string, { Value: unknown }>;
      const valueOf = new Map<string, string>();
      for (const [field, output] of Object.entries(outputFor)) {
        const value = config[field as keyof WorkshopConfig];
        if (value !== undefined && outputs[output]) valueOf.set(text(outputs[output].Value), value);
      }
      const link = outputs.WorkshopLink?.Value as { 'Fn::Join': [string, unknown[]] };
      const [separator, parts] = link['Fn::Join'];
      return parts
        .map((part) => {
          if (typeof part === 'string') return part;
          const value = valueOf.get(text(part));
          if (value === undefined) throw new Error(`the link uses ${text(part)}, no output does`);
          return value;
        })
        .join(separator);
    }

    it('lists what the site needs', () => {
      const outputs = Object.keys(withShared.template.findOutputs('*')).sort();
      expect(outputs).toEqual([...Object.values(outputFor), 'WorkshopLink'].sort());
      withShared.template.hasOutput('ReleaseLabel', { Value: EMR_RELEASE_LABEL });
      withShared.template.hasOutput('Region', { Value: { Ref: 'AWS::Region' } });
    });

    it('builds the workshop link exactly as the site writes and reads it', () => {
      const link = deployedLink(withShared, fake);
      expect(link).toBe(workshopLink(SITE, fake));
      expect(link.startsWith(`${SITE}/connect#region=eu-west-1&`)).toBe(true);
      expect(parseWorkshopLink(link)).toEqual({ ok: true, config: fake });
    });

    it('leaves the shared cluster out of the link when there is none', () => {
      const { sharedClusterId: _none, ...shared } = fake;
      const config = { ...shared, workshop: 'emr-spark-workshop' };
      const link = deployedLink(plain, config);
      expect(link).toBe(workshopLink(SITE, config));
      expect(link).not.toContain('sharedClusterId');
      expect(parseWorkshopLink(link)).toEqual({ ok: true, config });
    });
  });
});

describe('readSettings', () => {
  const read = (context: Record<string, unknown>) => readSettings((key) => context[key]);

  it('defaults to a local site without a shared cluster', () => {
    expect(read({})).toEqual({
      siteOrigin: 'http://localhost:3000',
      sharedCluster: false,
      workshopName: 'emr-spark-workshop',
    });
  });

  it('reads command-line context, where everything is a string', () => {
    expect(
      read({
        siteOrigin: 'https://workshop.example.org/',
        sharedCluster: 'true',
        workshopName: 'w1',
      }),
    ).toEqual({
      siteOrigin: 'https://workshop.example.org',
      sharedCluster: true,
      workshopName: 'w1',
    });
    expect(read({ sharedCluster: false }).sharedCluster).toBe(false);
  });

  it.each([
    [{ siteOrigin: 'workshop.example.org' }, /siteOrigin must be a URL/],
    [{ siteOrigin: 'ftp://workshop.example.org' }, /http\(s\)/],
    [{ siteOrigin: 'https://example.github.io/workshop' }, /without a path/],
    [{ sharedCluster: 'yes' }, /sharedCluster must be true or false/],
    [{ workshopName: '2024 workshop' }, /workshopName must start with a letter/],
  ])('refuses %o', (context, message) => {
    expect(() => read(context)).toThrow(message);
  });
});

describe('the CDK app', () => {
  const outdirs: string[] = [];
  const tempOutdir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'workshop-cdk-'));
    outdirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
  });

  const readTemplate = (outdir: string, stackName: string) => {
    const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const artifact = Object.values(manifest.artifacts as Record<string, Json>).find(
      (candidate) => candidate.type === 'aws:cloudformation:stack',
    ) as { properties: { templateFile: string; stackName?: string; tags?: Json } };
    expect(artifact.properties.stackName ?? 'Workshop').toBe(stackName);
    expect(artifact.properties.tags).toEqual({ workshop: stackName });
    const file = path.join(outdir, artifact.properties.templateFile);
    return JSON.parse(readFileSync(file, 'utf8')) as Json;
  };

  it('synthesizes in-process with the given context, without an AWS account', () => {
    const outdir = tempOutdir();
    createWorkshopApp({
      outdir,
      context: { workshopName: 'in-process', sharedCluster: 'true' },
    }).synth();
    const template = readTemplate(outdir, 'in-process');
    const types = Object.values(template.Resources as Record<string, { Type: string }>).map(
      (resource) => resource.Type,
    );
    expect(types).toContain('AWS::EMR::Cluster');
    expect(types).toContain('AWS::Cognito::IdentityPool');
  });

  it('runs infra/bin/workshop.ts as the CDK CLI would, sample data included', async () => {
    const outdir = tempOutdir();
    await promisify(execFile)(
      path.join(REPO, 'node_modules/.bin/tsx'),
      [path.join(REPO, 'infra/bin/workshop.ts')],
      {
        cwd: REPO,
        env: {
          ...process.env,
          CDK_OUTDIR: outdir,
          CDK_CONTEXT_JSON: JSON.stringify({ workshopName: 'from-bin' }),
        },
      },
    );
    const template = readTemplate(outdir, 'from-bin');
    expect(Object.keys(template.Resources as Json).length).toBeGreaterThan(20);
    expect(text(template.Outputs)).toContain('http://localhost:3000/connect#region=');

    // The sample data is staged as an asset, ready for `cdk deploy` to upload.
    const staged = readdirSync(outdir)
      .filter((entry) => entry.startsWith('asset.'))
      .map((entry) => path.join(outdir, entry));
    const sampleAsset = staged.find((dir) => existsSync(path.join(dir, 'events-00000.jsonl')));
    expect(sampleAsset, text(staged)).toBeDefined();
  });
});
