/**
 * The attendee's EMR cluster, through the SDK with their own credentials: launch one with the
 * workshop's safe defaults, follow its state, terminate it. Loaded only when the learner picks
 * Amazon EMR as the run target.
 */
import {
  DescribeClusterCommand,
  EMRClient,
  RunJobFlowCommand,
  TerminateJobFlowsCommand,
} from '@aws-sdk/client-emr';

import { awsClientConfig, type AttendeeSession } from './attendeeSession';
import { clusterView, runJobFlowRequest, type ClusterView, type ReleaseChoice } from './cluster';
import { withRetry } from './errors';

const emrFor = (session: AttendeeSession) => {
  const { forcePathStyle: _s3Only, ...config } = awsClientConfig(session);
  return new EMRClient(config);
};

/** Launches the attendee's own cluster; returns its id. */
export async function launchCluster(
  session: AttendeeSession,
  release: ReleaseChoice = 'default',
): Promise<string> {
  const request = runJobFlowRequest(session.config, session, release);
  const { JobFlowId } = await withRetry(() => emrFor(session).send(new RunJobFlowCommand(request)));
  if (!JobFlowId) throw new Error('EMR did not return the new cluster’s id.');
  return JobFlowId;
}

export async function describeCluster(
  session: AttendeeSession,
  clusterId: string,
): Promise<ClusterView> {
  const { Cluster } = await withRetry(() =>
    emrFor(session).send(new DescribeClusterCommand({ ClusterId: clusterId })),
  );
  return clusterView(Cluster ?? { Id: clusterId });
}

export async function terminateCluster(session: AttendeeSession, clusterId: string): Promise<void> {
  await withRetry(() =>
    emrFor(session).send(new TerminateJobFlowsCommand({ JobFlowIds: [clusterId] })),
  );
}

export { EmrLabRunner } from './emrRunner';
export { awsClientConfig };
