import * as emr from 'aws-cdk-lib/aws-emr';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

import { IDLE_TIMEOUT_S, INSTANCE_TYPE } from '../../src/lib/aws/cluster';
import { EMR_MANAGED_POLICIES_TAG, SHARED_LOGS_PREFIX } from '../../src/lib/aws/conventions';
import { EMR_RELEASE_LABEL, stepPythonClusterConfiguration } from '../../src/lib/aws/release';
import type { EmrRoles } from './emrRoles';
import type { WorkshopNetwork } from './workshopNetwork';

/** An idle shared cluster ends itself after this long, so a forgotten one stops costing. */
export const SHARED_CLUSTER_IDLE_TIMEOUT_SECONDS = IDLE_TIMEOUT_S;

/** The same nodes as an attendee's own cluster, so the guide's sizing and costs hold for both. */
export const SHARED_CLUSTER_INSTANCE_TYPE = INSTANCE_TYPE;

/** An EMR configuration as the SDK (and `RunJobFlow`) spells it. */
export type SdkConfiguration = {
  Classification?: string;
  Properties?: Record<string, string>;
  Configurations?: SdkConfiguration[];
};

/** The same configuration in CloudFormation's shape (`ConfigurationProperties`, camelCase). */
export function cfnConfiguration(sdk: SdkConfiguration): emr.CfnCluster.ConfigurationProperty {
  return {
    classification: sdk.Classification,
    configurationProperties: sdk.Properties,
    configurations: sdk.Configurations?.map(cfnConfiguration),
  };
}

export type SharedClusterProps = {
  workshopName: string;
  bucket: s3.IBucket;
  emrRoles: EmrRoles;
  network: WorkshopNetwork;
};

/**
 * The instructor's cluster that every attendee may add steps to: attendees start running labs
 * at once instead of waiting for a cluster of their own.
 */
export class SharedCluster extends Construct {
  readonly cluster: emr.CfnCluster;

  constructor(scope: Construct, id: string, props: SharedClusterProps) {
    super(scope, id);
    const { bucket, emrRoles, network } = props;

    const instanceGroup = (name: string) => ({
      name,
      instanceCount: 1,
      instanceType: SHARED_CLUSTER_INSTANCE_TYPE,
      market: 'ON_DEMAND',
    });

    this.cluster = new emr.CfnCluster(this, 'Cluster', {
      name: `${props.workshopName}-shared`,
      releaseLabel: EMR_RELEASE_LABEL,
      applications: [{ name: 'Spark' }],
      // PySpark on the workshop's Python (EMR 7's `python3` is 3.9) for every step, also those
      // that do not name it: the same `spark-env` export the page's clusters get.
      configurations: [cfnConfiguration(stepPythonClusterConfiguration())],
      serviceRole: emrRoles.serviceRole.roleName,
      jobFlowRole: emrRoles.instanceProfile.instanceProfileName,
      logUri: bucket.s3UrlForObject(SHARED_LOGS_PREFIX),
      autoTerminationPolicy: { idleTimeout: SHARED_CLUSTER_IDLE_TIMEOUT_SECONDS },
      // Attendees' steps run side by side; YARN queues what does not fit.
      stepConcurrencyLevel: 10,
      instances: {
        ec2SubnetId: network.subnet.subnetId,
        // A cluster without steps must stay up for attendees; auto-termination ends it when idle.
        keepJobFlowAliveWhenNoSteps: true,
        terminationProtected: false,
        masterInstanceGroup: instanceGroup('Primary'),
        coreInstanceGroup: instanceGroup('Core'),
      },
      tags: [{ key: EMR_MANAGED_POLICIES_TAG.key, value: EMR_MANAGED_POLICIES_TAG.value }],
    });

    // The cluster launches only once its roles can do their work (it refers to the roles, not
    // to their policies) and its subnet reaches the internet (EMR needs it to bootstrap the
    // instances).
    this.cluster.node.addDependency(
      emrRoles.policies,
      network.subnet.internetConnectivityEstablished,
    );
  }
}
