/**
 * The workshop link: how an instructor's stack (infra/) hands its AWS settings to attendees.
 * The stack's `WorkshopLink` output is `<site>/connect#<fields>`; the connect page parses it.
 *
 * The fields are a query string in the URL fragment (never sent to a server). Values are
 * percent-encoded except `:`, which a fragment allows as is: the identity pool id contains one,
 * and CloudFormation, which assembles the stack's link at deploy time, has no way to encode it.
 */

export type WorkshopConfig = {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  identityPoolId: string;
  bucket: string;
  /** The instructor's shared cluster, when the stack was deployed with one. */
  sharedClusterId?: string;
  releaseLabel: string;
  /** The EMR service role (name or ARN), passed as `ServiceRole` to `RunJobFlow`. */
  serviceRole: string;
  /** The EC2 instance profile name, passed as `JobFlowRole` to `RunJobFlow`. */
  instanceProfile: string;
  subnetId: string;
  /** The workshop's name: the value of the `workshop` tag on everything it creates. */
  workshop?: string;
  /**
   * An AWS stand-in on this machine (moto, in tests and development): every client talks to it
   * instead of AWS. Only `http://localhost:<port>` is accepted; the instructor's stack never
   * sets it.
   */
  endpoint?: string;
};

type Field = keyof WorkshopConfig;

/** The link's fields, in the order the link lists them. */
export const WORKSHOP_LINK_FIELDS = [
  'region',
  'userPoolId',
  'userPoolClientId',
  'identityPoolId',
  'bucket',
  'sharedClusterId',
  'releaseLabel',
  'serviceRole',
  'instanceProfile',
  'subnetId',
  'workshop',
  'endpoint',
] as const satisfies readonly Field[];

const OPTIONAL_FIELDS: ReadonlySet<Field> = new Set<Field>([
  'sharedClusterId',
  'workshop',
  'endpoint',
]);

/** The site page that reads a workshop link. */
export const CONNECT_PATH = '/connect';

/**
 * Sign-in sends the attendee's password to the endpoint: a link that named a foreign one could
 * collect passwords, so nothing but a port on this machine is allowed.
 */
const LOCAL_ENDPOINT = /^http:\/\/localhost:(\d{1,5})$/;
const isLocalEndpoint = (value: string): boolean => {
  const port = Number(LOCAL_ENDPOINT.exec(value)?.[1] ?? 0);
  return port >= 1 && port <= 65535;
};

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** What a valid value of each field looks like, from the AWS APIs' own patterns. */
const FIELD_RULES: Record<Field, { test: (value: string) => boolean; expected: string }> = {
  region: { test: (v) => /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/.test(v), expected: 'like eu-west-1' },
  userPoolId: { test: (v) => /^[\w-]+_[0-9a-zA-Z]+$/.test(v), expected: 'like eu-west-1_AbC123' },
  userPoolClientId: { test: (v) => /^[\w+]{1,128}$/.test(v), expected: 'letters and digits' },
  identityPoolId: {
    test: (v) => /^[\w-]+:[0-9a-f-]+$/.test(v),
    expected: 'like eu-west-1:0000aaaa-…',
  },
  bucket: {
    test: (v) => /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v),
    expected: 'an S3 bucket name',
  },
  sharedClusterId: { test: (v) => /^j-[0-9A-Z]+$/.test(v), expected: 'like j-ABC123' },
  workshop: {
    test: (v) => /^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(v),
    expected: 'a name of letters, digits and hyphens',
  },
  releaseLabel: { test: (v) => /^emr-[a-z0-9.-]+$/.test(v), expected: 'like emr-7.13.0' },
  serviceRole: {
    test: (v) => ROLE_NAME.test(v) || ROLE_ARN.test(v),
    expected: 'an IAM role name or ARN',
  },
  instanceProfile: {
    test: (v) => /^[\w+=,.@-]{1,128}$/.test(v),
    expected: 'an instance profile name',
  },
  subnetId: { test: (v) => /^subnet-[0-9a-f]+$/.test(v), expected: 'like subnet-0abc123' },
  endpoint: {
    test: isLocalEndpoint,
    expected:
      'http://localhost:<port> (a local AWS stand-in; a link that sends sign-in elsewhere ' +
      'could capture passwords, so it is refused)',
  },
};

/** Percent-encodes a value for the link, keeping `:` (see the module comment). */
export const encodeLinkValue = (value: string): string =>
  encodeURIComponent(value).replace(/%3A/gi, ':');

/**
 * Builds the link attendees open. `encodeValue` is for the stack only: its values are
 * deploy-time placeholders that must pass through untouched (and are URL-safe once resolved).
 */
export function workshopLink(
  siteUrl: string,
  config: WorkshopConfig,
  encodeValue: (value: string) => string = encodeLinkValue,
): string {
  const fields = WORKSHOP_LINK_FIELDS.flatMap((field) => {
    const value = config[field];
    return value === undefined ? [] : [`${field}=${encodeValue(value)}`];
  });
  return `${siteUrl.replace(/\/+$/, '')}${CONNECT_PATH}#${fields.join('&')}`;
}

export type InvalidField = { field: Field; value: string; expected: string };

/** A workshop link that cannot be used, with every field at fault. */
export class WorkshopLinkError extends Error {
  override readonly name = 'WorkshopLinkError';

  constructor(
    readonly missing: readonly Field[],
    readonly invalid: readonly InvalidField[],
  ) {
    const problems = [
      ...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []),
      ...invalid.map(({ field, value, expected }) => `${field} "${value}" is not ${expected}`),
    ];
    super(
      `This workshop link is incomplete or damaged (${problems.join('; ')}). ` +
        'Copy the whole link from your instructor again.',
    );
  }
}

export type WorkshopLinkResult =
  { ok: true; config: WorkshopConfig } | { ok: false; error: WorkshopLinkError };

/** The fields part of a full link, a `#fragment`, a `?query` or a bare `a=b&c=d` string. */
function fieldsOf(hashOrUrl: string): URLSearchParams {
  const text = hashOrUrl.trim();
  const hash = text.indexOf('#');
  const fields = hash >= 0 ? text.slice(hash + 1) : text.replace(/^\?/, '');
  return new URLSearchParams(fields);
}

/** Reads a workshop link; unknown fields are ignored so older sites accept newer links. */
export function parseWorkshopLink(hashOrUrl: string): WorkshopLinkResult {
  const params = fieldsOf(hashOrUrl);
  const missing: Field[] = [];
  const invalid: InvalidField[] = [];
  const values: Partial<Record<Field, string>> = {};

  for (const field of WORKSHOP_LINK_FIELDS) {
    const value = params.get(field)?.trim() ?? '';
    if (value === '') {
      if (!OPTIONAL_FIELDS.has(field)) missing.push(field);
      continue;
    }
    const rule = FIELD_RULES[field];
    if (rule.test(value)) values[field] = value;
    else invalid.push({ field, value, expected: rule.expected });
  }

  // Cognito ids start with their Region: a mismatch means fields from two different stacks.
  const { region } = values;
  if (region !== undefined) {
    const prefixes = { userPoolId: `${region}_`, identityPoolId: `${region}:` } as const;
    for (const [field, prefix] of Object.entries(prefixes) as [Field, string][]) {
      const value = values[field];
      if (value !== undefined && !value.startsWith(prefix)) {
        invalid.push({ field, value, expected: `an id in ${region}` });
      }
    }
  }

  if (missing.length > 0 || invalid.length > 0) {
    return { ok: false, error: new WorkshopLinkError(missing, invalid) };
  }
  return { ok: true, config: values as WorkshopConfig };
}
