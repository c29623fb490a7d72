/**
 * An attendee's EMR cluster: the `RunJobFlow` request the page sends (safe defaults, the
 * workshop's release label, an idle auto-termination, the tags the attendee role requires),
 * what the page shows about a cluster's state, and its approximate running cost.
 */
import type { RunJobFlowCommandInput } from '@aws-sdk/client-emr';

import { PRICE_REGION_CODE, PRICES, PRICES_AS_OF } from '../worksheet/prices';
import {
  ATTENDEE_TAG_KEY,
  attendeeLogsPrefix,
  EMR_MANAGED_POLICIES_TAG,
  WORKSHOP_TAG_KEY,
} from './conventions';
import {
  EMR_RELEASE_LABEL,
  EMR_RELEASE_LABEL_NEXT,
  stepPythonClusterConfiguration,
} from './release';
import type { WorkshopConfig } from './workshopConfig';

/** The instance types the workshop's price table (`prices.ts`) prices: EC2 and the EMR charge. */
const INSTANCE_PRICES = {
  'm5.xlarge': { ec2: PRICES.ec2M5XlargeHour, emr: PRICES.emrM5XlargeHour },
} as const;

/** One primary and one core node: enough for the labs' sample data. */
export const INSTANCE_TYPE: keyof typeof INSTANCE_PRICES = 'm5.xlarge';
export const INSTANCE_COUNT = 2;
/** vCPUs of one `INSTANCE_TYPE` node: what an account's on-demand vCPU quota counts. */
export const INSTANCE_VCPUS = 4;
/** An idle cluster ends itself after this long (seconds). */
export const IDLE_TIMEOUT_S = 3600;

/**
 * Approximate on-demand prices for the instance type, USD per instance-hour (EC2 on-demand plus
 * the EMR charge), from the workshop's one price table, `src/lib/worksheet/prices.ts`. Other
 * regions differ by a few percent; the page says "approximately".
 */
export const PRICE_TABLE = {
  date: PRICES_AS_OF,
  region: PRICE_REGION_CODE,
  instanceType: INSTANCE_TYPE,
  ec2PerHour: INSTANCE_PRICES[INSTANCE_TYPE].ec2.usd,
  emrPerHour: INSTANCE_PRICES[INSTANCE_TYPE].emr.usd,
} as const;

export type ReleaseChoice = 'default' | 'next';

export const releaseLabelFor = (choice: ReleaseChoice, config?: WorkshopConfig): string =>
  choice === 'next' ? EMR_RELEASE_LABEL_NEXT : (config?.releaseLabel ?? EMR_RELEASE_LABEL);

/** The workshop's name (the stack's `workshop` tag); a link without one names its bucket. */
const workshopName = (config: WorkshopConfig) => config.workshop ?? config.bucket;

export function runJobFlowRequest(
  config: WorkshopConfig,
  attendee: { identityId: string; attendeeKey: string; username: string },
  release: ReleaseChoice = 'default',
): RunJobFlowCommandInput {
  return {
    Name: `workshop-${attendee.username}`.slice(0, 256),
    ReleaseLabel: releaseLabelFor(release, config),
    Applications: [{ Name: 'Spark' }],
    Configurations: [stepPythonClusterConfiguration()],
    LogUri: `s3://${config.bucket}/${attendeeLogsPrefix(attendee.attendeeKey)}`,
    Instances: {
      InstanceGroups: [
        { Name: 'Primary', InstanceRole: 'MASTER', InstanceType: INSTANCE_TYPE, InstanceCount: 1 },
        {
          Name: 'Core',
          InstanceRole: 'CORE',
          InstanceType: INSTANCE_TYPE,
          InstanceCount: INSTANCE_COUNT - 1,
        },
      ],
      Ec2SubnetId: config.subnetId,
      KeepJobFlowAliveWhenNoSteps: true,
      TerminationProtected: false,
    },
    AutoTerminationPolicy: { IdleTimeout: IDLE_TIMEOUT_S },
    StepConcurrencyLevel: 1,
    ServiceRole: config.serviceRole,
    JobFlowRole: config.instanceProfile,
    VisibleToAllUsers: true,
    Tags: [
      { Key: ATTENDEE_TAG_KEY, Value: attendee.identityId },
      { Key: WORKSHOP_TAG_KEY, Value: workshopName(config) },
      { Key: EMR_MANAGED_POLICIES_TAG.key, Value: EMR_MANAGED_POLICIES_TAG.value },
    ],
  };
}

export type ClusterState =
  | 'STARTING'
  | 'BOOTSTRAPPING'
  | 'RUNNING'
  | 'WAITING'
  | 'TERMINATING'
  | 'TERMINATED'
  | 'TERMINATED_WITH_ERRORS';

export type ClusterView = {
  id: string;
  state: ClusterState;
  /** Ready to take a step. */
  ready: boolean;
  ended: boolean;
  /** In words, for the page. */
  text: string;
  createdAt?: Date;
  endedAt?: Date;
  stateReason?: string;
};

const STATE_TEXT: Record<ClusterState, string> = {
  STARTING: 'Starting: EC2 instances are being provisioned (usually 5 to 8 minutes)',
  BOOTSTRAPPING: 'Bootstrapping: installing Spark',
  RUNNING: 'Running a step',
  WAITING: 'Waiting for steps: ready',
  TERMINATING: 'Terminating',
  TERMINATED: 'Terminated',
  TERMINATED_WITH_ERRORS: 'Terminated with errors',
};

export function clusterView(cluster: {
  Id?: string;
  Status?: {
    State?: string;
    StateChangeReason?: { Message?: string };
    Timeline?: { CreationDateTime?: Date; EndDateTime?: Date };
  };
}): ClusterView {
  const state = (cluster.Status?.State ?? 'STARTING') as ClusterState;
  const ended = state === 'TERMINATED' || state === 'TERMINATED_WITH_ERRORS';
  return {
    id: cluster.Id ?? '',
    state,
    ready: state === 'WAITING' || state === 'RUNNING',
    ended,
    text: STATE_TEXT[state] ?? state,
    createdAt: cluster.Status?.Timeline?.CreationDateTime,
    endedAt: cluster.Status?.Timeline?.EndDateTime,
    stateReason: cluster.Status?.StateChangeReason?.Message,
  };
}

/** Approximate cost so far, USD: every instance, EC2 plus EMR, per second since creation. */
export function approximateCost(view: ClusterView, now: Date, instances = INSTANCE_COUNT): number {
  if (!view.createdAt) return 0;
  const end = view.endedAt ?? now;
  const hours = Math.max(0, end.getTime() - view.createdAt.getTime()) / 3_600_000;
  return hours * instances * (PRICE_TABLE.ec2PerHour + PRICE_TABLE.emrPerHour);
}

export const hourlyCost = (instances = INSTANCE_COUNT): number =>
  instances * (PRICE_TABLE.ec2PerHour + PRICE_TABLE.emrPerHour);
