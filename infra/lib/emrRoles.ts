import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

import {
  ATTENDEES_PREFIX,
  SAMPLE_DATA_PREFIX,
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
    this.serviceRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PassInstanceRoleToEc2',
        actions: ['iam:PassRole'],
        resources: [this.instanceRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      }),
    );

    // Spark steps read lab code and sample data, write results, and EMR uploads logs: all in
    // the workshop bucket, under the attendees' and the shared cluster's prefixes.
    this.instanceRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WorkshopFiles',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: [
          bucket.arnForObjects(`${ATTENDEES_PREFIX}*`),
          bucket.arnForObjects(`${SHARED_LOGS_PREFIX}*`),
        ],
      }),
    );
    this.instanceRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadSampleData',
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects(`${SAMPLE_DATA_PREFIX}*`)],
      }),
    );
    this.instanceRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListWorkshopBucket',
        actions: ['s3:ListBucket', 's3:GetBucketLocation'],
        resources: [bucket.bucketArn],
      }),
    );
  }
}
