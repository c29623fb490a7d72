/**
 * Approximate monthly cost of each Step 2e piece for a stated workload: plain arithmetic over
 * the unit prices of `prices.ts`, line by line so the learner can follow it.
 */
import { PRICES, type PriceId, type PriceTable } from './prices';

/** The load sized in Step 2c, and the assumptions each estimate needs. */
export type Workload = {
  eventsPerSecond: number;
  peakEventsPerSecond: number;
  eventBytes: number;
  hoursPerMonth: number;
  /** Hours of batch work a day. */
  batchHoursPerDay: number;
  /** Days of raw JSON kept for reprocessing. */
  rawRetentionDays: number;
  /** Classified Parquet written a day (GB), and days of it kept (the estimate is for the end of that time). */
  classifiedGBPerDay: number;
  historyDays: number;
  /** The streaming trigger, and the S3 writes each micro-batch makes (data files, checkpoint). */
  microBatchSeconds: number;
  putsPerMicroBatch: number;
  /** People who look at the web view, and the few who build dashboards. */
  viewers: number;
  authors: number;
};

export const WORKLOAD: Workload = {
  eventsPerSecond: 1000,
  peakEventsPerSecond: 3000,
  eventBytes: 300,
  hoursPerMonth: 730,
  batchHoursPerDay: 1,
  rawRetentionDays: 90,
  classifiedGBPerDay: 4,
  historyDays: 365,
  microBatchSeconds: 1,
  putsPerMicroBatch: 6,
  viewers: 20,
  authors: 2,
};

const GB = 1e9;
const KIB = 1024;

export type Volumes = {
  daysPerMonth: number;
  eventsPerMonth: number;
  /** Millions of events a month. */
  millionEvents: number;
  rawGBPerDay: number;
  rawGBPerMonth: number;
  batchHoursPerMonth: number;
  microBatchesPerMonth: number;
  /** Kinesis shards for the peak: 1 MB/s or 1,000 records/s each. */
  shardsForPeak: number;
};

export function volumes(w: Workload): Volumes {
  const daysPerMonth = w.hoursPerMonth / 24;
  const eventsPerMonth = w.eventsPerSecond * 3600 * w.hoursPerMonth;
  const rawGBPerDay = (w.eventsPerSecond * 86_400 * w.eventBytes) / GB;
  return {
    daysPerMonth,
    eventsPerMonth,
    millionEvents: eventsPerMonth / 1e6,
    rawGBPerDay,
    rawGBPerMonth: rawGBPerDay * daysPerMonth,
    batchHoursPerMonth: w.batchHoursPerDay * daysPerMonth,
    microBatchesPerMonth: (w.hoursPerMonth * 3600) / w.microBatchSeconds,
    shardsForPeak: Math.max(
      Math.ceil(w.peakEventsPerSecond / 1000),
      Math.ceil((w.peakEventsPerSecond * w.eventBytes) / 1e6),
    ),
  };
}

export type CostLine = {
  label: string;
  quantity: number;
  priceId: PriceId;
  unitPrice: number;
  per: string;
  usd: number;
};

export type CostEstimate =
  | { kind: 'priced'; sizing: string; lines: CostLine[]; usd: number }
  | { kind: 'not-priced'; why: string };

type Line = [label: string, quantity: number, priceId: PriceId];
type CostModel = (w: Workload, v: Volumes) => { sizing: string; lines: Line[] } | { why: string };

const round = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits });

const ON_YOUR_OWN_SERVERS =
  'Runs on the company’s own servers: hardware, power and the people who operate it are not in this AWS price table.';

/** EMR on EC2 with m5.xlarge nodes (EC2 + EMR charge + 64 GB of gp2 each), for some hours. */
const emrCluster = (nodes: number, hours: number, hoursPerMonth: number): Line[] => [
  [`${nodes} × m5.xlarge, EC2`, nodes * hours, 'ec2M5XlargeHour'],
  [`${nodes} × m5.xlarge, EMR charge`, nodes * hours, 'emrM5XlargeHour'],
  [`${nodes} × 64 GB of EBS while running`, (nodes * 64 * hours) / hoursPerMonth, 'ebsGp2GBMonth'],
];

/** The S3 store of raw and classified events, with the stream's writes. */
const s3Store = (w: Workload, v: Volumes): Line[] => [
  [`Raw JSON, ${w.rawRetentionDays} days`, v.rawGBPerDay * w.rawRetentionDays, 's3StandardGBMonth'],
  [
    `Classified Parquet after ${w.historyDays} days (${w.classifiedGBPerDay} GB a day)`,
    w.classifiedGBPerDay * w.historyDays,
    's3StandardGBMonth',
  ],
  [
    `Writes: ${w.putsPerMicroBatch} per ${w.microBatchSeconds}-second micro-batch (thousands)`,
    (v.microBatchesPerMonth * w.putsPerMicroBatch) / 1000,
    's3PutRequests',
  ],
];

/** The web view polling small result files every 5 s, 8 hours a day. */
const viewerGets = (w: Workload, v: Volumes) => (w.viewers * 8 * 720 * v.daysPerMonth) / 1000;

/** Athena queries of the web view and analysts: 50 a day, each pruned to about 2 GB. */
const athenaTB = (v: Volumes) => (50 * 2 * v.daysPerMonth) / 1000;

export const COST_MODELS: Record<string, CostModel> = {
  'kinesis-provisioned': (w, v) => ({
    sizing: `${v.shardsForPeak} shards for the ${round(w.peakEventsPerSecond)} events/s peak; ${round(v.millionEvents)} million records a month`,
    lines: [
      ['Shard-hours', v.shardsForPeak * w.hoursPerMonth, 'kinesisShardHour'],
      ['PUT payload units (one per record)', v.millionEvents, 'kinesisPutUnits'],
    ],
  }),
  'kinesis-on-demand': (w, v) => ({
    sizing: `One stream; each ${w.eventBytes}-byte record billed as 1 KB written; read once by the stream job`,
    lines: [
      ['Stream-hours', w.hoursPerMonth, 'kinesisOnDemandStreamHour'],
      ['GB written (1 KB per record)', (v.eventsPerMonth * KIB) / GB, 'kinesisOnDemandWriteGB'],
      ['GB read', v.rawGBPerMonth, 'kinesisOnDemandReadGB'],
    ],
  }),
  msk: (w, v) => {
    // Kafka keeps 7 days by default, 3 copies of each; storage is provisioned per broker.
    const perBroker = Math.ceil((v.rawGBPerDay * 7 * 3) / 3 / 100) * 100;
    return {
      sizing: `3 brokers (kafka.m5.large) across 3 Availability Zones; 7 days kept, 3 replicas: ${perBroker} GB per broker`,
      lines: [
        ['Broker-hours', 3 * w.hoursPerMonth, 'mskBrokerHour'],
        ['Broker storage', 3 * perBroker, 'mskStorageGBMonth'],
      ],
    };
  },
  'msk-serverless': (w, v) => ({
    sizing: 'One cluster, 12 partitions, each event written once and read once, 1 day kept',
    lines: [
      ['Cluster-hours', w.hoursPerMonth, 'mskServerlessClusterHour'],
      ['Partition-hours', 12 * w.hoursPerMonth, 'mskServerlessPartitionHour'],
      ['GB in', v.rawGBPerMonth, 'mskServerlessInGB'],
      ['GB out', v.rawGBPerMonth, 'mskServerlessOutGB'],
      ['Storage', v.rawGBPerDay, 'mskServerlessStorageGBMonth'],
    ],
  }),
  'iot-core': (w, v) => {
    const first = Math.min(v.millionEvents, 1000);
    return {
      sizing: `One message per event (${round(v.millionEvents)} million a month), one rule and one action each, 1,500 devices connected`,
      lines: [
        ['Messages, first billion (millions)', first, 'iotMessagesFirstBillion'],
        ['Messages beyond (millions)', v.millionEvents - first, 'iotMessagesNext'],
        ['Rules triggered (millions)', v.millionEvents, 'iotRulesTriggered'],
        ['Actions executed (millions)', v.millionEvents, 'iotActionsExecuted'],
        ['Connection-minutes (millions)', (1500 * w.hoursPerMonth * 60) / 1e6, 'iotConnectivity'],
      ],
    };
  },
  firehose: (w, v) => ({
    sizing: `Each ${w.eventBytes}-byte record billed as 5 KB ingested`,
    lines: [['GB ingested (5 KB per record)', (v.eventsPerMonth * 5 * KIB) / GB, 'firehoseGB']],
  }),
  's3-files': (w) => ({
    sizing: 'The site gateway uploads one file a minute; storage is counted in the storage layer',
    lines: [['PUT requests (thousands)', (w.hoursPerMonth * 60) / 1000, 's3PutRequests']],
  }),
  'kafka-self-managed': () => ({ why: ON_YOUR_OWN_SERVERS }),

  'spark-streaming-emr': (w) => ({
    sizing: '3 × m5.xlarge around the clock (primary and two core nodes)',
    lines: emrCluster(3, w.hoursPerMonth, w.hoursPerMonth),
  }),
  'spark-streaming-emr-serverless': (w) => ({
    sizing: 'The driver and executors of the same job: about 10 vCPU and 40 GB, around the clock',
    lines: [
      ['vCPU-hours', 10 * w.hoursPerMonth, 'emrServerlessVcpuHour'],
      ['GB-hours', 40 * w.hoursPerMonth, 'emrServerlessGBHour'],
    ],
  }),
  flink: (w) => ({
    sizing: '4 KPUs (parallelism 4) plus 1 KPU for orchestration, 50 GB of state storage per KPU',
    lines: [
      ['KPU-hours', 5 * w.hoursPerMonth, 'flinkKpuHour'],
      ['Running application storage', 4 * 50, 'flinkStorageGBMonth'],
    ],
  }),
  lambda: (_w, v) => {
    const invocations = v.millionEvents / 100;
    return {
      sizing: 'Batches of 100 records, 200 ms at 512 MB each; de-duplication storage not included',
      lines: [
        ['Requests (millions)', invocations, 'lambdaRequests'],
        ['GB-seconds', invocations * 1e6 * 0.2 * 0.5, 'lambdaGBSecond'],
      ],
    };
  },
  'glue-streaming': (w) => ({
    sizing: '2 DPUs (the minimum for a streaming job), around the clock',
    lines: [['DPU-hours', 2 * w.hoursPerMonth, 'glueDpuHour']],
  }),
  'spark-streaming-own': () => ({ why: ON_YOUR_OWN_SERVERS }),

  'spark-batch-emr': (w, v) => ({
    sizing: `5 × m5.xlarge for ${w.batchHoursPerDay} h a day, terminated in between`,
    lines: emrCluster(5, v.batchHoursPerMonth, w.hoursPerMonth),
  }),
  'spark-batch-emr-serverless': (w, v) => ({
    sizing: `About 20 vCPU and 80 GB for ${w.batchHoursPerDay} h a day`,
    lines: [
      ['vCPU-hours', 20 * v.batchHoursPerMonth, 'emrServerlessVcpuHour'],
      ['GB-hours', 80 * v.batchHoursPerMonth, 'emrServerlessGBHour'],
    ],
  }),
  'glue-batch': (w, v) => ({
    sizing: `5 DPUs for ${w.batchHoursPerDay} h a day`,
    lines: [['DPU-hours', 5 * v.batchHoursPerMonth, 'glueDpuHour']],
  }),
  'athena-sql': (_w, v) => ({
    sizing: 'Each day’s raw JSON scanned once',
    lines: [['TB scanned', v.rawGBPerMonth / 1000, 'athenaTBScanned']],
  }),
  'spark-batch-own': () => ({ why: ON_YOUR_OWN_SERVERS }),

  's3-parquet': (w, v) => ({
    sizing: `At the end of the first year: ${w.rawRetentionDays} days of raw JSON, a year of Parquet, one-second micro-batches`,
    lines: s3Store(w, v),
  }),
  's3-table-format': (w, v) => ({
    sizing:
      'The same S3 store, plus a table commit per micro-batch and an hour of compaction a day',
    lines: [
      ...s3Store(w, v),
      ['Table commits (thousands)', v.microBatchesPerMonth / 1000, 's3PutRequests'],
      ...emrCluster(2, v.batchHoursPerMonth, w.hoursPerMonth),
    ],
  }),
  'dynamodb-all-events': (w, v) => ({
    sizing: `Every event written once; ${w.rawRetentionDays} days kept (about 400 bytes an item)`,
    lines: [
      ['Write request units (millions)', v.millionEvents, 'dynamoWriteUnits'],
      [
        'Storage',
        (w.eventsPerSecond * 86_400 * w.rawRetentionDays * 400) / GB,
        'dynamoStorageGBMonth',
      ],
    ],
  }),
  'rds-postgresql': (w) => ({
    sizing: 'db.m5.large, Multi-AZ, 500 GB — a history that outgrows it within a year',
    lines: [
      ['Instance-hours', w.hoursPerMonth, 'rdsM5LargeMultiAzHour'],
      ['Storage', 500, 'rdsGp2MultiAzGBMonth'],
    ],
  }),
  opensearch: (w) => ({
    sizing: '3 × r6g.large.search data nodes with 150 GB each: about a week of events, searchable',
    lines: [
      ['Instance-hours', 3 * w.hoursPerMonth, 'openSearchR6gLargeHour'],
      ['Storage', 3 * 150, 'openSearchGp3GBMonth'],
    ],
  }),
  'object-store-own': () => ({ why: ON_YOUR_OWN_SERVERS }),

  'result-files-and-athena': (w, v) => ({
    sizing: `${w.viewers} people polling small result files every 5 s in working hours; 50 Athena queries a day pruned to 2 GB each`,
    lines: [
      ['GET requests (thousands)', viewerGets(w, v), 's3GetRequests'],
      ['TB scanned', athenaTB(v), 'athenaTBScanned'],
    ],
  }),
  'result-files': (w, v) => ({
    sizing: `${w.viewers} people polling small result files every 5 s in working hours`,
    lines: [['GET requests (thousands)', viewerGets(w, v), 's3GetRequests']],
  }),
  athena: (_w, v) => ({
    sizing: '50 queries a day, each pruned to about 2 GB of Parquet',
    lines: [['TB scanned', athenaTB(v), 'athenaTBScanned']],
  }),
  'dynamodb-current-state': (w, v) => ({
    sizing: `State changes only (about 10 a second: zone entries, alarms opening and closing); ${w.viewers} people reading`,
    lines: [
      ['Write request units (millions)', (10 * 3600 * w.hoursPerMonth) / 1e6, 'dynamoWriteUnits'],
      ['Read request units (millions)', (viewerGets(w, v) * 1000) / 1e6, 'dynamoReadUnits'],
    ],
  }),
  'small-api': (w, v) => {
    const millions = (viewerGets(w, v) * 1000) / 1e6;
    return {
      sizing: `An HTTP API with a Lambda function behind it, ${w.viewers} people polling every 5 s`,
      lines: [
        ['API requests (millions)', millions, 'apiGatewayHttpRequests'],
        ['Lambda requests (millions)', millions, 'lambdaRequests'],
        ['Lambda GB-seconds (100 ms at 256 MB)', millions * 1e6 * 0.1 * 0.25, 'lambdaGBSecond'],
      ],
    };
  },
  'trino-own': () => ({ why: ON_YOUR_OWN_SERVERS }),

  'custom-web-app': (w, v) => ({
    sizing: `A static application on S3 behind CloudFront: ${w.viewers} people, 20 page loads of 2 MB a day`,
    lines: [['GB served', (w.viewers * 20 * 2 * v.daysPerMonth) / 1000, 'cloudFrontGB']],
  }),
  quicksight: (w) => ({
    sizing: `${w.authors} authors and ${w.viewers} readers`,
    lines: [
      ['Authors', w.authors, 'quickSightAuthorMonth'],
      ['Readers', w.viewers, 'quickSightReaderMonth'],
    ],
  }),
  'managed-grafana': (w) => ({
    sizing: `${w.authors} editors and ${w.viewers} viewers`,
    lines: [
      ['Editors', w.authors, 'grafanaEditorMonth'],
      ['Viewers', w.viewers, 'grafanaViewerMonth'],
    ],
  }),
  'opensearch-dashboards': () => ({
    sizing: 'Included with an OpenSearch Service domain (the store’s cost)',
    lines: [],
  }),
  'grafana-own': () => ({ why: ON_YOUR_OWN_SERVERS }),
};

/** The monthly cost of a piece for the workload, line by line; unknown pieces are not priced. */
export function estimateMonthlyCost(
  optionId: string,
  workload: Workload = WORKLOAD,
  prices: PriceTable = PRICES,
): CostEstimate {
  const model = COST_MODELS[optionId];
  if (!model) return { kind: 'not-priced', why: 'No price model for this piece.' };
  const result = model(workload, volumes(workload));
  if ('why' in result) return { kind: 'not-priced', why: result.why };
  const lines = result.lines.map(([label, quantity, priceId]): CostLine => {
    const { usd, per } = prices[priceId];
    return { label, quantity, priceId, unitPrice: usd, per, usd: quantity * usd };
  });
  return {
    kind: 'priced',
    sizing: result.sizing,
    lines,
    usd: lines.reduce((sum, line) => sum + line.usd, 0),
  };
}

/** The sum of the priced pieces, and which were not priced. */
export function totalMonthlyCost(
  optionIds: readonly string[],
  workload: Workload = WORKLOAD,
  prices: PriceTable = PRICES,
): { usd: number; unpriced: string[] } {
  let usd = 0;
  const unpriced: string[] = [];
  for (const id of optionIds) {
    const estimate = estimateMonthlyCost(id, workload, prices);
    if (estimate.kind === 'priced') usd += estimate.usd;
    else unpriced.push(id);
  }
  return { usd, unpriced };
}

/** Two significant figures, as an approximation deserves: $69.6 → "$70", $3,091 → "$3,100". */
export function approxUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 1) return 'under $1';
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(usd)) - 1);
  return `$${(Math.round(usd / magnitude) * magnitude).toLocaleString('en-US')}`;
}

/** "about $70", or "under $1" for what rounds to nothing. */
export const aboutUsd = (usd: number): string =>
  usd > 0 && usd < 1 ? 'under $1' : `about ${approxUsd(usd)}`;
