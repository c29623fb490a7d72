import * as path from 'node:path';

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

import {
  BUCKET_CORS,
  ATTENDEE_FILES_EXPIRE_DAYS,
  ATTENDEES_PREFIX,
  SAMPLE_DATA_RAW_PREFIX,
  SHARED_LOGS_PREFIX,
} from '../../src/lib/aws/conventions';

/** The lab's raw events, uploaded so every attendee reads the same input on EMR. */
export const SAMPLE_DATA_DIR = path.resolve(__dirname, '../../labs/sample-data/raw');

/** Attendee files and cluster logs are workshop leftovers: gone two weeks later. */
export const ATTENDEE_FILES_EXPIRE_AFTER = Duration.days(ATTENDEE_FILES_EXPIRE_DAYS);

export type WorkshopBucketProps = {
  /** The site's origin, the only one whose pages may call the bucket from a browser. */
  siteOrigin: string;
  sampleDataDir?: string;
};

/** The workshop bucket: private, encrypted, TLS only, callable from the site, self-cleaning. */
export class WorkshopBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: WorkshopBucketProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // The page uploads lab files and reads results straight from the browser; it needs ETag
      // to confirm uploads.
      cors: [
        {
          allowedOrigins: [props.siteOrigin],
          allowedMethods: BUCKET_CORS.methods.map((method) => s3.HttpMethods[method]),
          allowedHeaders: [...BUCKET_CORS.headers],
          exposedHeaders: [...BUCKET_CORS.exposedHeaders],
          maxAge: BUCKET_CORS.maxAgeSeconds,
        },
      ],
      lifecycleRules: [ATTENDEES_PREFIX, SHARED_LOGS_PREFIX].map((prefix) => ({
        id: `expire-${prefix.replace(/\/$/, '').replace('/', '-')}`,
        prefix,
        expiration: ATTENDEE_FILES_EXPIRE_AFTER,
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      })),
      // A workshop is temporary: `cdk destroy` removes the bucket and whatever is left in it.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    new s3deploy.BucketDeployment(this, 'SampleData', {
      sources: [s3deploy.Source.asset(props.sampleDataDir ?? SAMPLE_DATA_DIR)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: SAMPLE_DATA_RAW_PREFIX,
    });
  }
}
