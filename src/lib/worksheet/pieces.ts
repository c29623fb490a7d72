/**
 * Step 2e: the layers of the architecture, the real pieces that can fill each one with their
 * trade-offs (from the page's tables), and how well each fits the learner's drivers and
 * environment.
 */
import type { WeightedDriver } from './drivers';
import type { Advice, PieceTag } from './environment';
import type { AttributeId, LayerId } from './model';

export type Layer = { id: LayerId; name: string; job: string };

export const LAYERS: readonly Layer[] = [
  {
    id: 'ingestion',
    name: 'Device ingestion',
    job: 'Receives events from devices and gateways, keeps them durably for a while, and hands them to processing.',
  },
  {
    id: 'realtime',
    name: 'Real-time processing',
    job: 'Validates, de-duplicates and classifies events as they arrive, and writes them to storage.',
  },
  {
    id: 'batch',
    name: 'Batch processing',
    job: 'Classifies files — backlogs, exports, history — with the same rules as the real-time path.',
  },
  {
    id: 'storage',
    name: 'Storage',
    job: 'Holds classified events from both paths, together, for months.',
  },
  {
    id: 'serving',
    name: 'Serving',
    job: 'Turns the store into answers the web view can fetch quickly.',
  },
  {
    id: 'visualisation',
    name: 'Visualisation',
    job: 'What the safety officer and the supervisors look at.',
  },
];

export const layerName = (id: LayerId): string =>
  LAYERS.find((layer) => layer.id === id)?.name ?? id;

/** ✔ helps the attribute, ~ depends on configuration, ✘ works against it. */
export type Effect = 1 | 0 | -1;

export type Piece = {
  id: string;
  layer: LayerId;
  name: string;
  /** A short name for the board. */
  short: string;
  summary: string;
  /** What running it asks of the team: operations effort and skills (Step 2e's tables). */
  operations: [Effect, string];
  effects: Partial<Record<AttributeId, [Effect, string]>>;
  tags: readonly PieceTag[];
  /** Another layer's piece this one only makes sense with. */
  needs?: { layer: LayerId; pieceId: string; why: string };
};

const piece = (p: Piece) => p;

export const PIECES: readonly Piece[] = [
  // Device ingestion
  piece({
    id: 'kinesis-provisioned',
    layer: 'ingestion',
    name: 'Amazon Kinesis Data Streams, provisioned',
    short: 'Kinesis Data Streams',
    summary: 'Steady, known rates; an AWS-native team; you size the shards.',
    operations: [0, 'managed, but you size the shards for the peak'],
    effects: {
      latency: [1, 'sub-second hand-off'],
      reliability: [1, 'replay for 24 h, up to a year'],
      availability: [1, 'replicated across three Availability Zones'],
      cost: [1, 'cheapest at steady rates: a few shards'],
    },
    tags: ['aws', 'managed'],
  }),
  piece({
    id: 'kinesis-on-demand',
    layer: 'ingestion',
    name: 'Amazon Kinesis Data Streams, on-demand',
    short: 'Kinesis (on-demand)',
    summary: 'Rates unknown or spiky; no capacity planning.',
    operations: [1, 'fully managed, nothing to size'],
    effects: {
      latency: [1, 'sub-second hand-off'],
      reliability: [1, 'replay for 24 h, up to a year'],
      availability: [1, 'replicated across three Availability Zones'],
      cost: [-1, 'each record is billed as at least 1 KB: small events cost more'],
    },
    tags: ['aws', 'managed'],
  }),
  piece({
    id: 'msk',
    layer: 'ingestion',
    name: 'Amazon MSK (managed Kafka), 3 provisioned brokers',
    short: 'Amazon MSK',
    summary: 'Kafka skills, Kafka connectors, or an existing Kafka estate.',
    operations: [0, 'you size brokers and partitions and plan the upgrades'],
    effects: {
      latency: [1, 'sub-second'],
      reliability: [1, 'replicated; long retention'],
      interoperability: [1, 'the Kafka API and its connectors'],
      cost: [-1, 'brokers paid all month'],
    },
    tags: ['aws', 'kafka', 'self-managed'],
  }),
  piece({
    id: 'msk-serverless',
    layer: 'ingestion',
    name: 'Amazon MSK Serverless',
    short: 'MSK Serverless',
    summary: 'Kafka APIs without sizing brokers.',
    operations: [1, 'no brokers to size or upgrade'],
    effects: {
      latency: [1, 'sub-second'],
      reliability: [1, 'replicated'],
      interoperability: [1, 'the Kafka API'],
      cost: [-1, 'a fixed hourly cluster charge plus data charges'],
    },
    tags: ['aws', 'kafka', 'managed'],
  }),
  piece({
    id: 'iot-core',
    layer: 'ingestion',
    name: 'AWS IoT Core, in front of Kinesis or S3',
    short: 'AWS IoT Core',
    summary: 'Devices that speak MQTT and need per-device certificates.',
    operations: [1, 'managed; brings a device registry and per-device certificates'],
    effects: {
      latency: [1, 'sub-second'],
      security: [1, 'per-device certificates and a device registry'],
      interoperability: [1, 'MQTT, the devices’ own protocol'],
      cost: [-1, 'priced per message: one message per event is expensive'],
    },
    tags: ['aws', 'managed', 'per-event-pricing'],
  }),
  piece({
    id: 'firehose',
    layer: 'ingestion',
    name: 'Amazon Data Firehose',
    short: 'Data Firehose',
    summary: 'Near-real-time is enough; you only need files in S3.',
    operations: [1, 'no consumers to run'],
    effects: {
      latency: [-1, 'buffers seconds to minutes before delivery'],
      reliability: [1, 'managed delivery to S3'],
      cost: [0, 'per GB, each record billed as at least 5 KB'],
    },
    tags: ['aws', 'managed', 'files'],
  }),
  piece({
    id: 's3-files',
    layer: 'ingestion',
    name: 'Files uploaded to Amazon S3',
    short: 'S3 file uploads',
    summary: 'The batch path: backlogs, exports, reprocessing.',
    operations: [1, 'trivial: files in a bucket'],
    effects: {
      latency: [-1, 'minutes or more'],
      reliability: [1, 'very durable'],
      cost: [1, 'storage and requests only'],
    },
    tags: ['aws', 'files'],
  }),
  piece({
    id: 'kafka-self-managed',
    layer: 'ingestion',
    name: 'Apache Kafka on your own servers',
    short: 'Apache Kafka',
    summary: 'On-premise or a private cloud, with people who run Kafka.',
    operations: [-1, 'your team runs the brokers, their upgrades and failover'],
    effects: {
      latency: [1, 'sub-second'],
      reliability: [1, 'replicated, if it is run well'],
      availability: [0, 'as available as the team that runs it'],
      interoperability: [1, 'the Kafka API and its connectors'],
    },
    tags: ['portable', 'kafka', 'self-managed'],
  }),

  // Real-time processing
  piece({
    id: 'spark-streaming-emr',
    layer: 'realtime',
    name: 'Spark Structured Streaming on Amazon EMR (EC2 cluster)',
    short: 'Spark Streaming on EMR',
    summary: 'The same PySpark code as the batch path, on a cluster you control.',
    operations: [
      0,
      'Python and SQL, the same code as the batch path; you size, upgrade and watch the cluster',
    ],
    effects: {
      latency: [0, 'about a second and up (micro-batches)'],
      reliability: [1, 'checkpoints, watermarks, de-duplication; same rules as batch'],
      availability: [0, 'a cluster lives in one Availability Zone'],
      cost: [0, 'an always-on cluster: most of the bill'],
    },
    tags: ['aws', 'spark', 'self-managed'],
  }),
  piece({
    id: 'spark-streaming-emr-serverless',
    layer: 'realtime',
    name: 'Spark Structured Streaming on Amazon EMR Serverless',
    short: 'Spark on EMR Serverless',
    summary: 'The same Spark code with no cluster to manage.',
    operations: [1, 'Python and SQL, the same code as the batch path; no cluster to run'],
    effects: {
      latency: [0, 'about a second and up (micro-batches)'],
      reliability: [1, 'checkpoints, watermarks, de-duplication; same rules as batch'],
      cost: [0, 'you pay for the capacity you configure'],
    },
    tags: ['aws', 'spark', 'managed'],
  }),
  piece({
    id: 'flink',
    layer: 'realtime',
    name: 'Amazon Managed Service for Apache Flink',
    short: 'Managed Flink',
    summary: 'Best when sub-second latency is a hard requirement.',
    operations: [-1, 'Java, SQL or PyFlink: a second framework to learn'],
    effects: {
      latency: [1, 'milliseconds, an event at a time'],
      reliability: [1, 'exactly-once state'],
      cost: [0, 'KPUs running all month'],
    },
    tags: ['aws', 'managed', 'new-framework'],
  }),
  piece({
    id: 'lambda',
    layer: 'realtime',
    name: 'AWS Lambda',
    short: 'AWS Lambda',
    summary: 'Simple, stateless rules in small Python functions.',
    operations: [0, 'small Python functions; awkward for watermarks and windows'],
    effects: {
      latency: [1, 'sub-second'],
      reliability: [-1, 'at-least-once: duplicates and late events need extra storage'],
      cost: [1, 'pay per invocation'],
    },
    tags: ['aws', 'managed'],
  }),
  piece({
    id: 'glue-streaming',
    layer: 'realtime',
    name: 'AWS Glue streaming',
    short: 'Glue streaming',
    summary: 'Spark, serverless, with less control over versions and tuning.',
    operations: [1, 'Spark, serverless: no cluster to run'],
    effects: {
      latency: [0, 'like Spark (it is Spark)'],
      reliability: [1, 'checkpoints'],
      cost: [-1, 'coarse sizing: 2 DPUs at least, all month'],
    },
    tags: ['aws', 'spark', 'managed'],
  }),
  piece({
    id: 'spark-streaming-own',
    layer: 'realtime',
    name: 'Spark Structured Streaming on your own cluster (Kubernetes or YARN)',
    short: 'Spark Streaming (own cluster)',
    summary: 'The same Spark code, on-premise or in a private cloud.',
    operations: [-1, 'your team runs the cluster'],
    effects: {
      latency: [0, 'about a second and up (micro-batches)'],
      reliability: [1, 'checkpoints, watermarks, de-duplication'],
      availability: [0, 'as available as the team that runs it'],
    },
    tags: ['portable', 'spark', 'self-managed'],
  }),

  // Batch processing
  piece({
    id: 'spark-batch-emr',
    layer: 'batch',
    name: 'Spark on Amazon EMR on EC2 (a cluster that runs steps)',
    short: 'Spark batch on EMR',
    summary: 'Most control; the same cluster can also run the stream.',
    operations: [0, 'you choose the instances; auto-termination avoids idle bills'],
    effects: {
      reliability: [1, 'the same classification code as the stream'],
      cost: [1, 'Spot capacity and auto-termination'],
      latency: [-1, 'minutes to start a cluster'],
    },
    tags: ['aws', 'spark', 'self-managed'],
  }),
  piece({
    id: 'spark-batch-emr-serverless',
    layer: 'batch',
    name: 'Spark on Amazon EMR Serverless',
    short: 'Spark on EMR Serverless',
    summary: 'Same Spark, same code; nothing to size.',
    operations: [1, 'no cluster; a job starts in seconds to a minute'],
    effects: {
      reliability: [1, 'the same classification code as the stream'],
      cost: [1, 'pay only while a job runs'],
    },
    tags: ['aws', 'spark', 'managed'],
  }),
  piece({
    id: 'glue-batch',
    layer: 'batch',
    name: 'AWS Glue jobs',
    short: 'Glue jobs',
    summary: 'Adds a data catalogue and crawlers; a more opinionated runtime.',
    operations: [1, 'no cluster; a job starts in seconds to a minute'],
    effects: {
      reliability: [1, 'Spark, so the same code can run'],
      interoperability: [1, 'a data catalogue other tools can read'],
      cost: [0, 'per DPU-hour, coarse sizing'],
    },
    tags: ['aws', 'spark', 'managed'],
  }),
  piece({
    id: 'athena-sql',
    layer: 'batch',
    name: 'SQL in Amazon Athena',
    short: 'Athena SQL',
    summary: 'Fine for simple transforms.',
    operations: [1, 'nothing to run'],
    effects: {
      reliability: [-1, 'rules written in SQL drift from the stream’s code'],
      cost: [1, 'per TB scanned, nothing to run'],
    },
    tags: ['aws', 'managed'],
  }),
  piece({
    id: 'spark-batch-own',
    layer: 'batch',
    name: 'Spark on your own cluster (Kubernetes or YARN)',
    short: 'Spark batch (own cluster)',
    summary: 'The same Spark code, on-premise or in a private cloud.',
    operations: [-1, 'your team runs the cluster'],
    effects: { reliability: [1, 'the same classification code as the stream'] },
    tags: ['portable', 'spark', 'self-managed'],
  }),

  // Storage
  piece({
    id: 's3-parquet',
    layer: 'storage',
    name: 'Amazon S3 with partitioned Parquet',
    short: 'S3: Parquet',
    summary: 'Append-mostly events, analytics by time; open format.',
    operations: [0, 'nothing to run, but small files need a compaction job'],
    effects: {
      reliability: [0, 'very durable; idempotent writes are the writers’ job'],
      interoperability: [1, 'open format: Spark, Athena, pandas read it'],
      cost: [1, 'cheapest per GB'],
    },
    tags: ['aws'],
  }),
  piece({
    id: 's3-table-format',
    layer: 'storage',
    name: 'Delta Lake or Apache Iceberg tables on Amazon S3',
    short: 'S3: Iceberg or Delta tables',
    summary: 'Upserts, deletes for data-protection requests, time travel.',
    operations: [0, 'one more technology; maintenance jobs (compaction, snapshot expiry)'],
    effects: {
      reliability: [1, 'transactions and MERGE make “no duplicates” a table guarantee'],
      interoperability: [1, 'open table formats'],
      cost: [0, 'the same storage plus some maintenance compute'],
    },
    tags: ['aws', 'extra-technology'],
  }),
  piece({
    id: 'dynamodb-all-events',
    layer: 'storage',
    name: 'Amazon DynamoDB for every event',
    short: 'DynamoDB (all events)',
    summary: 'Millisecond lookups by key; good for current state, not history.',
    operations: [1, 'fully managed'],
    effects: {
      latency: [1, 'milliseconds by key'],
      availability: [1, 'managed, multi-AZ'],
      interoperability: [-1, 'ad-hoc analytics needs an export'],
      cost: [-1, 'per write: expensive for every event at 1,000/s'],
    },
    tags: ['aws', 'managed', 'per-event-pricing'],
  }),
  piece({
    id: 'rds-postgresql',
    layer: 'storage',
    name: 'Amazon RDS for PostgreSQL',
    short: 'RDS PostgreSQL',
    summary: 'Flexible SQL at modest volume; good for reference data.',
    operations: [0, 'managed, but you size the instance and its storage'],
    effects: {
      reliability: [1, 'transactions'],
      usability: [1, 'flexible SQL'],
      cost: [0, 'an instance all month, growing with history'],
    },
    tags: ['aws', 'managed'],
  }),
  piece({
    id: 'opensearch',
    layer: 'storage',
    name: 'Amazon OpenSearch Service',
    short: 'OpenSearch',
    summary: 'Strong for “search the last week”; costly as the system of record.',
    operations: [0, 'you size the nodes and their storage, and expire old indices'],
    effects: {
      usability: [1, 'search and dashboards over recent events'],
      cost: [-1, 'an always-on cluster, storage per node'],
    },
    tags: ['aws', 'self-managed'],
  }),
  piece({
    id: 'object-store-own',
    layer: 'storage',
    name: 'Parquet on HDFS or an S3-compatible store (MinIO, Ceph)',
    short: 'Parquet on own storage',
    summary: 'Open formats in the company’s data centre.',
    operations: [-1, 'your team runs the storage'],
    effects: {
      interoperability: [1, 'open format'],
      availability: [0, 'as available as the team that runs it'],
    },
    tags: ['portable', 'self-managed'],
  }),

  // Serving
  piece({
    id: 'result-files-and-athena',
    layer: 'serving',
    name: 'Small result files written by each run, plus Amazon Athena for history',
    short: 'Result files + Athena',
    summary: 'The view loads small files for “now”; SQL over pruned partitions for history.',
    operations: [1, 'nothing to run: the jobs write the files, queries run on demand'],
    effects: {
      latency: [1, 'as fresh as the last micro-batch'],
      usability: [1, 'the live list and the history'],
      cost: [1, 'almost free, plus per TB scanned'],
    },
    tags: ['aws', 'managed'],
  }),
  piece({
    id: 'result-files',
    layer: 'serving',
    name: 'Small result files written by each run',
    short: 'Result files',
    summary: 'The view reads a few small files, not the whole store.',
    operations: [1, 'nothing to run: the jobs write the files'],
    effects: {
      latency: [1, 'as fresh as the last micro-batch'],
      usability: [0, 'only what each run writes: no questions about history'],
      cost: [1, 'almost free'],
    },
    tags: ['portable', 'files'],
  }),
  piece({
    id: 'athena',
    layer: 'serving',
    name: 'Amazon Athena (SQL over the Parquet store)',
    short: 'Amazon Athena',
    summary: 'Good for history and ad-hoc questions, not for a live list.',
    operations: [1, 'nothing to run'],
    effects: {
      latency: [-1, 'seconds per query'],
      usability: [1, 'SQL over everything stored'],
      cost: [0, 'per TB scanned; cheap when partitions are pruned'],
    },
    tags: ['aws', 'managed'],
  }),
  piece({
    id: 'dynamodb-current-state',
    layer: 'serving',
    name: 'Amazon DynamoDB for current state',
    short: 'DynamoDB (current state)',
    summary: 'Latest position per tag for the site plan.',
    operations: [0, 'managed, but the jobs must keep the state current'],
    effects: {
      latency: [1, 'milliseconds'],
      cost: [0, 'per request: state changes only'],
    },
    tags: ['aws', 'managed'],
  }),
  piece({
    id: 'small-api',
    layer: 'serving',
    name: 'A small API (API Gateway and Lambda) in front of the above',
    short: 'Small API',
    summary: 'Needed once the view requires access control per role.',
    operations: [0, 'code to write, deploy and keep secure'],
    effects: {
      security: [1, 'access control per role'],
      interoperability: [1, 'other systems can call it'],
    },
    tags: ['aws', 'managed'],
  }),
  piece({
    id: 'trino-own',
    layer: 'serving',
    name: 'Trino (SQL over the Parquet store) on your own servers',
    short: 'Trino',
    summary: 'SQL over history, on-premise.',
    operations: [-1, 'your team runs the query cluster'],
    effects: {
      usability: [1, 'SQL over everything stored'],
      latency: [-1, 'seconds per query'],
    },
    tags: ['portable', 'self-managed'],
  }),

  // Visualisation
  piece({
    id: 'custom-web-app',
    layer: 'visualisation',
    name: 'A custom web application',
    short: 'Web view',
    summary:
      'Exactly the views users need: the site plan with zones, critical events with reasons.',
    operations: [-1, 'you build and maintain it'],
    effects: {
      usability: [1, 'built for the safety officer’s task'],
      cost: [1, 'static hosting costs little'],
    },
    tags: ['portable'],
  }),
  piece({
    id: 'quicksight',
    layer: 'visualisation',
    name: 'Amazon QuickSight',
    short: 'QuickSight',
    summary: 'Dashboards without code; per-user pricing.',
    operations: [1, 'managed; dashboards without code'],
    effects: {
      usability: [0, 'dashboards, but a live site plan with moving tags is not its strength'],
      security: [1, 'per-user access built in'],
    },
    tags: ['aws', 'managed'],
  }),
  piece({
    id: 'managed-grafana',
    layer: 'visualisation',
    name: 'Amazon Managed Grafana',
    short: 'Managed Grafana',
    summary: 'Time series, alerts, operational dashboards.',
    operations: [1, 'managed'],
    effects: {
      usability: [0, 'less suited to an event list with explanations'],
      latency: [1, 'live time series'],
    },
    tags: ['aws', 'managed'],
  }),
  piece({
    id: 'opensearch-dashboards',
    layer: 'visualisation',
    name: 'OpenSearch Dashboards',
    short: 'OpenSearch Dashboards',
    summary: 'Search and dashboards on OpenSearch data.',
    operations: [1, 'comes with the OpenSearch domain'],
    effects: { usability: [1, 'search over recent events'] },
    tags: ['aws', 'managed'],
    needs: {
      layer: 'storage',
      pieceId: 'opensearch',
      why: 'only if OpenSearch is the store',
    },
  }),
  piece({
    id: 'grafana-own',
    layer: 'visualisation',
    name: 'Grafana on your own servers',
    short: 'Grafana',
    summary: 'Time series and alerts, on-premise.',
    operations: [-1, 'your team runs it'],
    effects: { usability: [0, 'less suited to an event list with explanations'] },
    tags: ['portable', 'self-managed'],
  }),
];

export const pieceById = (id: string): Piece | undefined => PIECES.find((p) => p.id === id);

export const piecesOf = (layer: LayerId): Piece[] => PIECES.filter((p) => p.layer === layer);

/** The workshop's own choices (Step 3). */
export const REFERENCE_CHOICES: Record<LayerId, string> = {
  ingestion: 'kinesis-provisioned',
  realtime: 'spark-streaming-emr',
  batch: 'spark-batch-emr',
  storage: 's3-parquet',
  serving: 'result-files-and-athena',
  visualisation: 'custom-web-app',
};

/** A swap Step 3 compares with its choice: one piece, or pieces that go together. */
export type Alternative = { name: string; pieceIds: readonly string[] };

export type AlternativeGroupId = 'ingestion' | 'processing' | 'storage';

/** The swaps teams most often consider (Step 3's "Alternatives a team could pick"). */
export const ALTERNATIVES: Record<AlternativeGroupId, readonly Alternative[]> = {
  ingestion: [
    { name: 'Kinesis Data Streams, provisioned', pieceIds: ['kinesis-provisioned'] },
    { name: 'Kinesis Data Streams, on-demand', pieceIds: ['kinesis-on-demand'] },
    { name: 'Amazon MSK (3 provisioned brokers)', pieceIds: ['msk'] },
    { name: 'Amazon MSK Serverless', pieceIds: ['msk-serverless'] },
    { name: 'AWS IoT Core in front of Kinesis or S3', pieceIds: ['iot-core'] },
  ],
  processing: [
    {
      name: 'EMR on EC2 (streaming and batch)',
      pieceIds: ['spark-streaming-emr', 'spark-batch-emr'],
    },
    {
      name: 'EMR Serverless (streaming and batch jobs)',
      pieceIds: ['spark-streaming-emr-serverless', 'spark-batch-emr-serverless'],
    },
    { name: 'AWS Glue (streaming and batch jobs)', pieceIds: ['glue-streaming', 'glue-batch'] },
  ],
  storage: [
    { name: 'Parquet on S3', pieceIds: ['s3-parquet'] },
    { name: 'Delta Lake or Apache Iceberg on S3', pieceIds: ['s3-table-format'] },
    { name: 'DynamoDB for every event', pieceIds: ['dynamodb-all-events'] },
    { name: 'PostgreSQL on RDS for every event', pieceIds: ['rds-postgresql'] },
  ],
};

export type Reason = { tone: 'plus' | 'minus' | 'neutral'; text: string };

export type Assessment = {
  pieceId: string;
  /** Higher fits better; only comparable within a layer. */
  score: number;
  /** Ruled out by the environment (for example an AWS service when no public cloud is allowed). */
  excluded: boolean;
  reasons: Reason[];
};

const TAG_WEIGHT = 2;
const tone = (effect: number): Reason['tone'] =>
  effect > 0 ? 'plus' : effect < 0 ? 'minus' : 'neutral';

/**
 * How a piece fits: its effect on each of the learner's weighted drivers (the first weighs
 * most), plus or minus the environment's advice, plus whether the rest of the choice needs it.
 */
export function assessPiece(
  p: Piece,
  drivers: readonly WeightedDriver[],
  advice: readonly Advice[],
  choices: Partial<Record<LayerId, { optionId: string }>> = {},
): Assessment {
  let score = 0;
  const reasons: Reason[] = [];
  for (const driver of drivers) {
    const effect = (p.effects as Partial<Record<string, [Effect, string]>>)[driver.id];
    if (!effect) continue;
    score += effect[0] * driver.weight;
    reasons.push({
      tone: tone(effect[0]),
      text: `${driver.name} (your #${driver.rank} driver): ${effect[1]}`,
    });
  }
  let excluded = false;
  for (const item of advice) {
    if (item.excludes.some((tag) => p.tags.includes(tag))) {
      excluded = true;
      reasons.push({ tone: 'minus', text: `Ruled out: ${item.label}` });
      continue;
    }
    const favoured = item.favours.some((tag) => p.tags.includes(tag));
    const discouraged = item.discourages.some((tag) => p.tags.includes(tag));
    if (favoured === discouraged) continue;
    score += favoured ? TAG_WEIGHT : -TAG_WEIGHT;
    reasons.push({
      tone: favoured ? 'plus' : 'minus',
      text: `${favoured ? 'Suits' : 'Against'} your environment: ${item.label}`,
    });
  }
  if (p.needs && choices[p.needs.layer]?.optionId !== p.needs.pieceId) {
    score -= TAG_WEIGHT;
    reasons.push({ tone: 'minus', text: `Fits ${p.needs.why}.` });
  }
  return { pieceId: p.id, score, excluded, reasons };
}

/** The ids of the best-fitting pieces of a layer (ties included), or none when nothing weighs. */
export function bestFits(assessments: readonly Assessment[]): string[] {
  const candidates = assessments.filter((a) => !a.excluded && a.reasons.length > 0);
  if (candidates.length === 0) return [];
  const best = Math.max(...candidates.map((a) => a.score));
  if (best <= 0 && candidates.every((a) => a.score === best)) return [];
  return candidates.filter((a) => a.score === best).map((a) => a.pieceId);
}
