import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, DependencyGroup } from 'constructs';

import {
  ATTENDEES_PREFIX,
  SAMPLE_DATA_RAW_PREFIX,
  SHARED_LOGS_PREFIX,
} from '../../src/lib/aws/conventions';

export type EmrRolesProps = {
  bucket: s3.IBucket;
};

/**
 * The two roles every cluster runs with: the EMR service role (EMR provisions instances with
 * it) and the instance profile (Spark on the instances reads and writes S3 with it).
 */
export class EmrRoles extends Construct {
  readonly serviceRole: iam.Role;
  readonly instanceRole: iam.Role;
  readonly instanceProfile: iam.InstanceProfile;
  /**
   * The roles' policies. A cluster refers to the roles (so it waits for them) but not to their
   * policies, which are separate resources: it must wait for these too.
   */
  readonly policies = new DependencyGroup();

  constructor(scope: Construct, id: string, props: EmrRolesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { bucket } = props;

    this.serviceRole = new iam.Role(this, 'ServiceRole', {
      description: 'EMR service role for the workshop clusters',
      // Only EMR acting for a cluster of this account and Region may assume it (confused deputy).
      assumedBy: new iam.ServicePrincipal('elasticmapreduce.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'elasticmapreduce',
              resource: '*',
            }),
          },
        },
      }),
      // The v2 policy acts only in networks tagged for-use-with-amazon-emr-managed-policies.
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEMRServicePolicy_v2'),
      ],
    });

    this.instanceRole = new iam.Role(this, 'InstanceRole', {
      description: 'EC2 instance profile role for the workshop clusters: the workshop bucket only',
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    });
    // EMR requires the instance profile to have the same name as its role.
    this.instanceProfile = new iam.InstanceProfile(this, 'InstanceProfile', {
      role: this.instanceRole,
      instanceProfileName: this.instanceRole.roleName,
    });

    // AmazonEMRServicePolicy_v2 may pass only a role named EMR_EC2_DefaultRole; ours is not.
    this.grant(
      this.serviceRole,
      new iam.PolicyStatement({
        sid: 'PassInstanceRoleToEc2',
        actions: ['iam:PassRole'],
        resources: [this.instanceRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      }),
    );

    for (const statement of instanceStatements(bucket)) this.grant(this.instanceRole, statement);
  }

  private grant(role: iam.Role, statement: iam.PolicyStatement): void {
    const { policyDependable } = role.addToPrincipalPolicy(statement);
    if (policyDependable) this.policies.add(policyDependable);
  }
}

/** The sample data the stack uploads, as a path without its trailing slash: `sample-data/raw`. */
const SAMPLE_DATA_PATH = SAMPLE_DATA_RAW_PREFIX.replace(/\/$/, '');

/**
 * What Spark and EMR on the cluster's instances may do, and nothing else. Every step runs with
 * this role, whoever added it: it reaches every attendee's files (see the instructor guide).
 *
 * AWS's guidance for the EC2 instance profile (EMR management guide, "least-privilege
 * permissions"): EMR itself needs no permissions to launch, monitor and manage a cluster (its
 * system logs go to EMR's own buckets by other means); applications need S3 for their data
 * (EMRFS, for `s3://` paths), and archiving logs needs `s3:PutObject` on the cluster's
 * `LogUri`. No other bucket, no other service: the labs use neither.
 */
export function instanceStatements(bucket: s3.IBucket): iam.PolicyStatement[] {
  return [
    // Under attendees/<attendee>/: a run's code (read), its output (written), the
    // attendee's work folder (stores and streaming checkpoints, rewritten and cleaned up by
    // Spark), and an attendee cluster's logs (its LogUri). Spark's output committer uploads
    // in parts, hence AbortMultipartUpload.
    new iam.PolicyStatement({
      sid: 'AttendeeFiles',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
      resources: [bucket.arnForObjects(`${ATTENDEES_PREFIX}*`)],
    }),
    // The shared cluster's LogUri: EMR on the instances uploads step and container logs there.
    // It only writes: step code cannot read the logs of other attendees' steps.
    new iam.PolicyStatement({
      sid: 'SharedClusterLogs',
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`${SHARED_LOGS_PREFIX}*`)],
    }),
    // The raw events the stack uploads, read-only. The labs read `sample-data/raw` (no slash):
    // the file system first asks for that key itself, then lists under it.
    new iam.PolicyStatement({
      sid: 'ReadSampleData',
      actions: ['s3:GetObject'],
      resources: [
        bucket.arnForObjects(SAMPLE_DATA_PATH),
        bucket.arnForObjects(`${SAMPLE_DATA_PATH}/*`),
      ],
    }),
    // Listing (directories, "does this output exist?") only under those prefixes; the shared
    // logs and the rest of the bucket stay unlisted. S3 answers 404 for a missing key only to
    // a caller that may list it, 403 otherwise: a step failing with 403 on a path that does not
    // exist yet points here. (Not yet tried on AWS itself: moto does not enforce IAM.)
    new iam.PolicyStatement({
      sid: 'ListWorkshopPrefixes',
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: {
        StringLike: {
          's3:prefix': [`${ATTENDEES_PREFIX}*`, SAMPLE_DATA_PATH, `${SAMPLE_DATA_PATH}/*`],
        },
      },
    }),
    // Kept: S3 clients on the cluster (EMRFS, the AWS SDK) may ask for a bucket's Region to
    // reach its regional endpoint. It tells the Region only, nothing about the objects.
    new iam.PolicyStatement({
      sid: 'LocateWorkshopBucket',
      actions: ['s3:GetBucketLocation'],
      resources: [bucket.bucketArn],
    }),
  ];
}
