/**
 * Approximate AWS list prices for on-demand use in US East (N. Virginia), us-east-1, as the
 * workshop's cost estimates use them. Rounded, before taxes, data transfer, support, the free
 * tier and discounts (Savings Plans, Spot). Prices change and differ by Region: check the
 * sources below and the AWS Pricing Calculator before deciding anything.
 *
 * Sources: the AWS pricing page of each service, named in `PRICE_SOURCES` and shown beside the
 * table in Step 2e. Step 3's unit prices and costs, and the cost of an attendee's cluster
 * (`src/lib/aws/cluster.ts`), are rendered from this table: it is the only copy.
 */

/** When this table was last compiled; shown wherever a cost appears. */
export const PRICES_AS_OF = '2026-11-28';
export const PRICE_REGION_CODE = 'us-east-1';
export const PRICE_REGION = `US East (N. Virginia), ${PRICE_REGION_CODE}`;

export type SourceId = keyof typeof PRICE_SOURCES;

export const PRICE_SOURCES = {
  kinesis: {
    title: 'Amazon Kinesis Data Streams pricing',
    url: 'https://aws.amazon.com/kinesis/data-streams/pricing/',
  },
  firehose: {
    title: 'Amazon Data Firehose pricing',
    url: 'https://aws.amazon.com/firehose/pricing/',
  },
  msk: { title: 'Amazon MSK pricing', url: 'https://aws.amazon.com/msk/pricing/' },
  iot: { title: 'AWS IoT Core pricing', url: 'https://aws.amazon.com/iot-core/pricing/' },
  emr: { title: 'Amazon EMR pricing', url: 'https://aws.amazon.com/emr/pricing/' },
  ec2: {
    title: 'Amazon EC2 On-Demand pricing',
    url: 'https://aws.amazon.com/ec2/pricing/on-demand/',
  },
  ebs: { title: 'Amazon EBS pricing', url: 'https://aws.amazon.com/ebs/pricing/' },
  glue: { title: 'AWS Glue pricing', url: 'https://aws.amazon.com/glue/pricing/' },
  flink: {
    title: 'Amazon Managed Service for Apache Flink pricing',
    url: 'https://aws.amazon.com/managed-service-apache-flink/pricing/',
  },
  lambda: { title: 'AWS Lambda pricing', url: 'https://aws.amazon.com/lambda/pricing/' },
  apiGateway: {
    title: 'Amazon API Gateway pricing',
    url: 'https://aws.amazon.com/api-gateway/pricing/',
  },
  s3: { title: 'Amazon S3 pricing', url: 'https://aws.amazon.com/s3/pricing/' },
  athena: { title: 'Amazon Athena pricing', url: 'https://aws.amazon.com/athena/pricing/' },
  dynamodb: {
    title: 'Amazon DynamoDB pricing',
    url: 'https://aws.amazon.com/dynamodb/pricing/',
  },
  rds: {
    title: 'Amazon RDS for PostgreSQL pricing',
    url: 'https://aws.amazon.com/rds/postgresql/pricing/',
  },
  opensearch: {
    title: 'Amazon OpenSearch Service pricing',
    url: 'https://aws.amazon.com/opensearch-service/pricing/',
  },
  cloudfront: {
    title: 'Amazon CloudFront pricing',
    url: 'https://aws.amazon.com/cloudfront/pricing/',
  },
  quicksight: {
    title: 'Amazon QuickSight pricing',
    url: 'https://aws.amazon.com/quicksight/pricing/',
  },
  grafana: {
    title: 'Amazon Managed Grafana pricing',
    url: 'https://aws.amazon.com/grafana/pricing/',
  },
} as const;

export type UnitPrice = {
  service: string;
  item: string;
  usd: number;
  per: string;
  source: SourceId;
};

const price = (service: string, item: string, usd: number, per: string, source: SourceId) =>
  ({ service, item, usd, per, source }) satisfies UnitPrice;

/** Unit prices in US dollars. */
export const PRICES = {
  kinesisShardHour: price(
    'Kinesis Data Streams, provisioned',
    'Shard',
    0.015,
    'shard-hour',
    'kinesis',
  ),
  kinesisPutUnits: price(
    'Kinesis Data Streams, provisioned',
    'PUT payload units (25 KB each)',
    0.014,
    'million units',
    'kinesis',
  ),
  kinesisOnDemandStreamHour: price(
    'Kinesis Data Streams, on-demand',
    'Stream',
    0.04,
    'stream-hour',
    'kinesis',
  ),
  kinesisOnDemandWriteGB: price(
    'Kinesis Data Streams, on-demand',
    'Data written (records rounded up to 1 KB)',
    0.08,
    'GB',
    'kinesis',
  ),
  kinesisOnDemandReadGB: price(
    'Kinesis Data Streams, on-demand',
    'Data read',
    0.04,
    'GB',
    'kinesis',
  ),
  firehoseGB: price(
    'Amazon Data Firehose',
    'Data ingested (records rounded up to 5 KB)',
    0.029,
    'GB',
    'firehose',
  ),
  mskBrokerHour: price('Amazon MSK', 'Broker (kafka.m5.large)', 0.2, 'broker-hour', 'msk'),
  mskStorageGBMonth: price('Amazon MSK', 'Broker storage', 0.1, 'GB-month', 'msk'),
  mskServerlessClusterHour: price('Amazon MSK Serverless', 'Cluster', 0.75, 'cluster-hour', 'msk'),
  mskServerlessPartitionHour: price(
    'Amazon MSK Serverless',
    'Partition',
    0.0015,
    'partition-hour',
    'msk',
  ),
  mskServerlessInGB: price('Amazon MSK Serverless', 'Data in', 0.1, 'GB', 'msk'),
  mskServerlessOutGB: price('Amazon MSK Serverless', 'Data out', 0.05, 'GB', 'msk'),
  mskServerlessStorageGBMonth: price('Amazon MSK Serverless', 'Storage', 0.1, 'GB-month', 'msk'),
  iotMessagesFirstBillion: price(
    'AWS IoT Core',
    'Messages, first billion a month (5 KB each)',
    1.0,
    'million messages',
    'iot',
  ),
  iotMessagesNext: price(
    'AWS IoT Core',
    'Messages beyond a billion a month',
    0.8,
    'million messages',
    'iot',
  ),
  iotRulesTriggered: price('AWS IoT Core', 'Rules triggered', 0.15, 'million rules', 'iot'),
  iotActionsExecuted: price('AWS IoT Core', 'Actions executed', 0.15, 'million actions', 'iot'),
  iotConnectivity: price('AWS IoT Core', 'Connectivity', 0.08, 'million connection-minutes', 'iot'),
  ec2M5XlargeHour: price('Amazon EC2', 'm5.xlarge (4 vCPU, 16 GB)', 0.192, 'instance-hour', 'ec2'),
  emrM5XlargeHour: price(
    'Amazon EMR on EC2',
    'EMR charge for m5.xlarge',
    0.048,
    'instance-hour',
    'emr',
  ),
  ebsGp2GBMonth: price('Amazon EBS', 'gp2 volume (EMR’s default)', 0.1, 'GB-month', 'ebs'),
  emrServerlessVcpuHour: price('Amazon EMR Serverless', 'vCPU', 0.052624, 'vCPU-hour', 'emr'),
  emrServerlessGBHour: price('Amazon EMR Serverless', 'Memory', 0.0057785, 'GB-hour', 'emr'),
  glueDpuHour: price('AWS Glue', 'DPU (4 vCPU, 16 GB)', 0.44, 'DPU-hour', 'glue'),
  flinkKpuHour: price(
    'Managed Service for Apache Flink',
    'KPU (1 vCPU, 4 GB)',
    0.11,
    'KPU-hour',
    'flink',
  ),
  flinkStorageGBMonth: price(
    'Managed Service for Apache Flink',
    'Running application storage',
    0.1,
    'GB-month',
    'flink',
  ),
  lambdaRequests: price('AWS Lambda', 'Requests', 0.2, 'million requests', 'lambda'),
  lambdaGBSecond: price('AWS Lambda', 'Duration (x86)', 0.0000166667, 'GB-second', 'lambda'),
  apiGatewayHttpRequests: price(
    'Amazon API Gateway',
    'HTTP API requests',
    1.0,
    'million requests',
    'apiGateway',
  ),
  s3StandardGBMonth: price('Amazon S3', 'S3 Standard storage', 0.023, 'GB-month', 's3'),
  s3PutRequests: price(
    'Amazon S3',
    'PUT, COPY, POST, LIST requests',
    0.005,
    'thousand requests',
    's3',
  ),
  s3GetRequests: price('Amazon S3', 'GET and other requests', 0.0004, 'thousand requests', 's3'),
  athenaTBScanned: price('Amazon Athena', 'Data scanned', 5.0, 'TB', 'athena'),
  dynamoWriteUnits: price(
    'Amazon DynamoDB, on-demand',
    'Write request units',
    0.625,
    'million units',
    'dynamodb',
  ),
  dynamoReadUnits: price(
    'Amazon DynamoDB, on-demand',
    'Read request units',
    0.125,
    'million units',
    'dynamodb',
  ),
  dynamoStorageGBMonth: price('Amazon DynamoDB', 'Storage', 0.25, 'GB-month', 'dynamodb'),
  rdsM5LargeMultiAzHour: price(
    'Amazon RDS for PostgreSQL',
    'db.m5.large, Multi-AZ',
    0.356,
    'instance-hour',
    'rds',
  ),
  rdsGp2MultiAzGBMonth: price(
    'Amazon RDS for PostgreSQL',
    'Storage, Multi-AZ',
    0.23,
    'GB-month',
    'rds',
  ),
  openSearchR6gLargeHour: price(
    'Amazon OpenSearch Service',
    'r6g.large.search',
    0.167,
    'instance-hour',
    'opensearch',
  ),
  openSearchGp3GBMonth: price(
    'Amazon OpenSearch Service',
    'gp3 storage',
    0.122,
    'GB-month',
    'opensearch',
  ),
  cloudFrontGB: price(
    'Amazon CloudFront',
    'Data transfer out to the internet',
    0.085,
    'GB',
    'cloudfront',
  ),
  quickSightAuthorMonth: price('Amazon QuickSight', 'Author', 24, 'user-month', 'quicksight'),
  quickSightReaderMonth: price('Amazon QuickSight', 'Reader', 3, 'user-month', 'quicksight'),
  grafanaEditorMonth: price(
    'Amazon Managed Grafana',
    'Editor or administrator',
    9,
    'user-month',
    'grafana',
  ),
  grafanaViewerMonth: price('Amazon Managed Grafana', 'Viewer', 5, 'user-month', 'grafana'),
} satisfies Record<string, UnitPrice>;

export type PriceId = keyof typeof PRICES;
export type PriceTable = Record<PriceId, UnitPrice>;
