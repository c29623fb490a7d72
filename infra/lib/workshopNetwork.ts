import { Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

import { EMR_MANAGED_POLICIES_TAG } from '../../src/lib/aws/conventions';

/**
 * A small VPC with one public subnet for the clusters: no NAT gateway to pay for, and the
 * tag EMR's v2 managed service policy requires before it launches anything into a network.
 */
export class WorkshopNetwork extends Construct {
  readonly vpc: ec2.Vpc;
  readonly subnet: ec2.ISubnet;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.80.0.0/16'),
      maxAzs: 1,
      natGateways: 0,
      subnetConfiguration: [{ name: 'clusters', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 20 }],
      // Nothing uses the default security group: EMR creates and tags its own.
      restrictDefaultSecurityGroup: true,
    });
    Tags.of(this.vpc).add(EMR_MANAGED_POLICIES_TAG.key, EMR_MANAGED_POLICIES_TAG.value);

    const [subnet] = this.vpc.publicSubnets;
    if (!subnet) throw new Error('The workshop VPC has no public subnet');
    this.subnet = subnet;
  }
}
