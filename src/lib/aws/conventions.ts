/**
 * Names the page and the instructor's stack (infra/) must agree on: where things live in the
 * workshop bucket and how clusters are tagged. The stack's IAM policies are built from these,
 * so a page that follows them is exactly what the attendee role allows.
 */

/** Every attendee's files sit under their own prefix; the attendee role reaches nothing else. */
export const ATTENDEES_PREFIX = 'attendees/';

/**
 * An attendee's prefix. The id is the Cognito *identity* id (`region:uuid`), the value IAM
 * substitutes for `${cognito-identity.amazonaws.com:sub}` — not the user pool's `sub`.
 */
export const attendeePrefix = (identityId: string): string => `${ATTENDEES_PREFIX}${identityId}/`;

/** Where an attendee's own cluster writes its logs (its `LogUri`, under the bucket). */
export const attendeeLogsPrefix = (identityId: string): string =>
  `${attendeePrefix(identityId)}logs/`;

/** Read-only data every attendee may read; the raw events are uploaded by the stack. */
export const SAMPLE_DATA_PREFIX = 'sample-data/';
export const SAMPLE_DATA_RAW_PREFIX = `${SAMPLE_DATA_PREFIX}raw/`;

/** The instructor's shared cluster logs here; attendees cannot read it. */
export const SHARED_LOGS_PREFIX = 'shared/logs/';

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
