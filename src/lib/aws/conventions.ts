/**
 * Names the page and the instructor's stack (infra/) must agree on: where things live in the
 * workshop bucket and how clusters are tagged. The stack's IAM policies are built from these,
 * so a page that follows them is exactly what the attendee role allows.
 */

/** Every attendee's files sit under their own prefix; the attendee role reaches nothing else. */
export const ATTENDEES_PREFIX = 'attendees/';

/**
 * The attendee's key in S3 paths: the user pool's `sub` claim (a UUID), which the identity
 * pool passes to IAM as this session tag ("attributes for access control"). Not the identity
 * id (`region:uuid`, `${cognito-identity.amazonaws.com:sub}`): Hadoop cannot take a colon in a
 * path segment, so spark-submit fails on any `s3://` path under such a prefix
 * ("Relative path in absolute URI").
 */
export const ATTENDEE_PRINCIPAL_TAG = 'attendee';
export const ATTENDEE_KEY_CLAIM = 'sub';
/** The IAM policy variable IAM fills with the attendee's key at request time. */
export const ATTENDEE_KEY_VARIABLE = `\${aws:PrincipalTag/${ATTENDEE_PRINCIPAL_TAG}}`;

/** An attendee's prefix: `attendees/<user pool sub>/`. */
export const attendeePrefix = (attendeeKey: string): string => `${ATTENDEES_PREFIX}${attendeeKey}/`;

/** Where an attendee's own cluster writes its logs (its `LogUri`, under the bucket). */
export const attendeeLogsPrefix = (attendeeKey: string): string =>
  `${attendeePrefix(attendeeKey)}logs/`;

/** Read-only data every attendee may read; the raw events are uploaded by the stack. */
export const SAMPLE_DATA_PREFIX = 'sample-data/';
export const SAMPLE_DATA_RAW_PREFIX = `${SAMPLE_DATA_PREFIX}raw/`;

/** The instructor's shared cluster logs here; attendees cannot read it. */
export const SHARED_LOGS_PREFIX = 'shared/logs/';

/** The bucket's lifecycle rule deletes attendee files and cluster logs this many days old. */
export const ATTENDEE_FILES_EXPIRE_DAYS = 14;

/** Tags an attendee's cluster with their identity id: the role acts only on such clusters. */
export const ATTENDEE_TAG_KEY = 'workshop-attendee';

/** Tags every resource of one workshop, so an instructor can find and clean them up. */
export const WORKSHOP_TAG_KEY = 'workshop';

/**
 * EMR's v2 managed service policy only launches into subnets and security groups carrying this
 * tag, and expects clusters to carry it too (EMR propagates it to what it creates).
 */
export const EMR_MANAGED_POLICIES_TAG = {
  key: 'for-use-with-amazon-emr-managed-policies',
  value: 'true',
} as const;

/** The only tag keys an attendee may put on a cluster they launch. */
export const CLUSTER_TAG_KEYS: readonly string[] = [
  ATTENDEE_TAG_KEY,
  WORKSHOP_TAG_KEY,
  EMR_MANAGED_POLICIES_TAG.key,
];

/**
 * What the page may do to the workshop bucket from the browser (S3 CORS, for the site's
 * origin): read, upload and check objects. It never deletes: each run writes under its own
 * prefix, and the bucket's lifecycle rule expires attendee files.
 */
export const BUCKET_CORS = {
  methods: ['GET', 'PUT', 'HEAD'],
  headers: ['*'],
  exposedHeaders: ['ETag'],
  maxAgeSeconds: 3600,
} as const;
