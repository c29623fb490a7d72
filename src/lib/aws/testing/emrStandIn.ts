/**
 * Amazon EMR as the tests have it: moto's server with the workshop bucket and its sample data,
 * an attendee's cluster launched with the page's own `RunJobFlow` request, the harness playing
 * that cluster, and the page's EMR runner pointed at it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EMRClient, RunJobFlowCommand } from '@aws-sdk/client-emr';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

import { LAB_MANIFESTS } from '../../labs/manifests';
import { workshopPackage } from '../../labs/workshopPackage';
import { runJobFlowRequest } from '../cluster';
import { EmrLabRunner } from '../emrRunner';
import type { WorkshopConfig } from '../workshopConfig';
import { ClusterHarness } from './clusterHarness';
import { startMotoServer, TEST_CREDENTIALS, TEST_REGION, type MotoServer } from './motoServer';

export type EmrStandIn = {
  moto: MotoServer;
  harness: ClusterHarness;
  runner: EmrLabRunner;
  clusterId: string;
  /** Client configuration with moto's (administrator) credentials. */
  admin: () => {
    region: string;
    endpoint: string;
    credentials: typeof TEST_CREDENTIALS;
    forcePathStyle: true;
  };
  /** Stops the harness, then moto (which fails on any request AWS would refuse). */
  stop: () => Promise<void>;
};

export async function startEmrStandIn(attendee: {
  bucket: string;
  identityId: string;
  attendeeKey: string;
}): Promise<EmrStandIn> {
  const moto = await startMotoServer();
  const admin = () => ({
    region: TEST_REGION,
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
    forcePathStyle: true as const,
  });
  const { bucket } = attendee;
  const s3 = new S3Client(admin());
  await s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      CreateBucketConfiguration: { LocationConstraint: TEST_REGION },
    }),
  );
  // What the instructor's stack uploads: the sample data.
  const sampleDir = join('labs', 'sample-data', 'raw');
  for (const name of readdirSync(sampleDir)) {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `sample-data/raw/${name}`,
        Body: readFileSync(join(sampleDir, name)),
      }),
    );
  }
  const config: WorkshopConfig = {
    region: TEST_REGION,
    userPoolId: `${TEST_REGION}_test`,
    userPoolClientId: 'client',
    identityPoolId: `${TEST_REGION}:0000aaaa-0000-0000-0000-000000000000`,
    bucket,
    releaseLabel: 'emr-7.13.0',
    serviceRole: 'EmrService',
    instanceProfile: 'EmrInstance',
    subnetId: 'subnet-0abc123',
  };
  const cluster = await new EMRClient(admin()).send(
    new RunJobFlowCommand(runJobFlowRequest(config, { ...attendee, username: 'ana' })),
  );
  const clusterId = cluster.JobFlowId ?? '';
  const harness = new ClusterHarness({ endpoint: moto.endpoint, root: process.cwd() }).start();
  const runner = new EmrLabRunner({
    bucket,
    attendeeKey: attendee.attendeeKey,
    clusterId,
    clientConfig: admin(),
    manifests: LAB_MANIFESTS,
    workshopPackage: async () => workshopPackage('labs'),
    pollMs: 300,
  });
  return {
    moto,
    harness,
    runner,
    clusterId,
    admin,
    stop: async () => {
      await harness.stop();
      await moto.stop();
    },
  };
}
