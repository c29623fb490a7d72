import { Aws, CfnOutput, Stack, type StackProps, Tags, Token } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

import { WORKSHOP_TAG_KEY } from '../../src/lib/aws/conventions';
import { EMR_RELEASE_LABEL } from '../../src/lib/aws/release';
import {
  encodeLinkValue,
  type WorkshopConfig,
  workshopLink,
} from '../../src/lib/aws/workshopConfig';
import { AttendeeAccess } from './attendeeAccess';
import { EmrRoles } from './emrRoles';
import { SharedCluster } from './sharedCluster';
import { WorkshopBucket } from './workshopBucket';
import { WorkshopNetwork } from './workshopNetwork';

export type WorkshopSettings = {
  /** Where the site runs; the bucket accepts browser calls from this origin only. */
  siteOrigin: string;
  /** Whether to start a shared cluster every attendee can add steps to. */
  sharedCluster: boolean;
  /** Tags every resource (`workshop=<name>`) and names the stack. */
  workshopName: string;
};

export type WorkshopStackProps = StackProps & {
  settings: WorkshopSettings;
  /** The raw events to upload; the lab's own sample data unless a test says otherwise. */
  sampleDataDir?: string;
};

/** Everything one workshop needs in an AWS account; its outputs form the workshop link. */
export class WorkshopStack extends Stack {
  readonly config: WorkshopConfig;
  readonly storage: WorkshopBucket;
  readonly network: WorkshopNetwork;
  readonly emrRoles: EmrRoles;
  readonly attendees: AttendeeAccess;
  readonly shared?: SharedCluster;

  constructor(scope: Construct, id: string, props: WorkshopStackProps) {
    super(scope, id, props);
    const { settings } = props;

    Tags.of(this).add(WORKSHOP_TAG_KEY, settings.workshopName);

    this.storage = new WorkshopBucket(this, 'Storage', {
      siteOrigin: settings.siteOrigin,
      sampleDataDir: props.sampleDataDir,
    });
    const { bucket } = this.storage;
    this.network = new WorkshopNetwork(this, 'Network');
    this.emrRoles = new EmrRoles(this, 'Emr', { bucket });
    if (settings.sharedCluster) {
      this.shared = new SharedCluster(this, 'Shared', {
        workshopName: settings.workshopName,
        bucket,
        emrRoles: this.emrRoles,
        network: this.network,
      });
    }
    const sharedClusterId = this.shared?.cluster.ref;
    this.attendees = new AttendeeAccess(this, 'Attendees', {
      bucket,
      emrRoles: this.emrRoles,
      sharedClusterId,
    });

    this.config = {
      region: Aws.REGION,
      userPoolId: this.attendees.userPool.userPoolId,
      userPoolClientId: this.attendees.userPoolClient.userPoolClientId,
      identityPoolId: this.attendees.identityPool.ref,
      bucket: bucket.bucketName,
      sharedClusterId,
      releaseLabel: EMR_RELEASE_LABEL,
      serviceRole: this.emrRoles.serviceRole.roleName,
      instanceProfile: this.emrRoles.instanceProfile.instanceProfileName,
      subnetId: this.network.subnet.subnetId,
      workshop: settings.workshopName,
    };

    const outputs: Record<string, [string | undefined, string]> = {
      Region: [this.config.region, 'Region of the workshop resources'],
      UserPoolId: [this.config.userPoolId, 'Cognito user pool of the attendees'],
      UserPoolClientId: [this.config.userPoolClientId, 'User pool client the site signs in with'],
      IdentityPoolId: [this.config.identityPoolId, 'Identity pool giving attendees credentials'],
      Bucket: [this.config.bucket, 'Workshop bucket (attendees/<identity id>/, sample-data/)'],
      SharedClusterId: [this.config.sharedClusterId, 'Shared cluster attendees add steps to'],
      ReleaseLabel: [this.config.releaseLabel, 'EMR release of the workshop clusters'],
      EmrServiceRole: [this.config.serviceRole, 'EMR service role (RunJobFlow ServiceRole)'],
      EmrInstanceProfile: [
        this.config.instanceProfile,
        'Instance profile (RunJobFlow JobFlowRole)',
      ],
      SubnetId: [this.config.subnetId, 'Public subnet tagged for the EMR managed policies'],
      WorkshopName: [this.config.workshop, 'The workshop tag on everything it creates'],
    };
    for (const [name, [value, description]] of Object.entries(outputs)) {
      if (value !== undefined) new CfnOutput(this, name, { value, description });
    }

    // The same function the site parses with builds the link. Deploy-time values pass through
    // unencoded: CloudFormation joins them in, and they are URL-safe ids and generated names.
    new CfnOutput(this, 'WorkshopLink', {
      description: 'Give this link to the attendees: it connects the site to this workshop',
      value: workshopLink(settings.siteOrigin, this.config, (value) =>
        Token.isUnresolved(value) ? value : encodeLinkValue(value),
      ),
    });
  }
}
