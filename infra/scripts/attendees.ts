/**
 * Attendee accounts in a workshop's user pool: the instructor's list, temporary passwords the
 * pool accepts, and the accounts themselves (AdminCreateUser, no email sent: the instructor
 * hands out the details). The command line is `create-attendees.ts`; this module does no I/O
 * besides the Cognito client it is given, so tests drive it directly.
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';

import {
  AdminCreateUserCommand,
  type CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';

import { parseWorkshopLink } from '../../src/lib/aws/workshopConfig';

// ---------------------------------------------------------------------------------------------
// The list: one attendee a line, `username` or `username,email`; blank lines and # comments.

export type Attendee = { username: string; email?: string; line: number };
export type ListProblem = { line: number; message: string };
export type AttendeeList = { attendees: Attendee[]; problems: ListProblem[] };

/** Stricter than Cognito's own rule: names attendees can type and read out without doubt. */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

export function parseAttendeeList(text: string): AttendeeList {
  const attendees: Attendee[] = [];
  const problems: ListProblem[] = [];
  // The stack's pool tells "Alice" from "alice"; two such accounts would only confuse people.
  const firstLineOf = new Map<string, number>();

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const entry = raw.trim();
    if (entry === '' || entry.startsWith('#')) return;
    const fields = entry.split(',').map((field) => field.trim());
    const [username = '', email, ...extra] = fields;
    if (extra.length > 0) {
      problems.push({ line, message: `expected "username" or "username,email", got "${entry}"` });
      return;
    }
    if (!USERNAME.test(username)) {
      problems.push({
        line,
        message:
          `invalid username "${username}": use 1 to 64 letters, digits, ".", "_" or "-", ` +
          'starting with a letter or digit',
      });
      return;
    }
    if (email !== undefined && !EMAIL.test(email)) {
      problems.push({ line, message: `invalid email "${email}" for ${username}` });
      return;
    }
    const key = username.toLowerCase();
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      problems.push({ line, message: `duplicate username "${username}" (first on line ${first})` });
      return;
    }
    firstLineOf.set(key, line);
    attendees.push(email ? { username, email, line } : { username, line });
  });

  return { attendees, problems };
}

// ---------------------------------------------------------------------------------------------
// Temporary passwords.

export type PasswordPolicy = {
  minLength: number;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
  /** How long a temporary password works, when the pool says. */
  temporaryPasswordValidityDays?: number;
};

/** What the stack's pool asks (infra/lib/attendeeAccess.ts and the CDK's defaults). */
export const STACK_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 12,
  requireUppercase: true,
  requireLowercase: true,
  requireNumbers: true,
  requireSymbols: false,
  temporaryPasswordValidityDays: 7,
};

export const TEMPORARY_PASSWORD_LENGTH = 16;

// Read aloud or copied from a screen: no 0/O, 1/l/I. Symbols only when the pool demands them,
// and none that a spreadsheet would take for a formula when the CSV is opened.
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '!#%*?';

/** A uniformly random whole number from 0 to max - 1 (crypto.randomInt by default). */
export type RandomInt = (max: number) => number;

const secureRandomInt: RandomInt = (max) => randomInt(max);

/**
 * A temporary password with an upper-case letter, a lower-case letter and a digit (and a symbol
 * if the policy wants one), 16 characters or the policy's minimum if longer.
 */
export function generateTemporaryPassword(
  policy: PasswordPolicy = STACK_PASSWORD_POLICY,
  random: RandomInt = secureRandomInt,
): string {
  const pick = (chars: string) => chars.charAt(random(chars.length));
  const classes = [UPPER, LOWER, DIGITS, ...(policy.requireSymbols ? [SYMBOLS] : [])];
  const all = classes.join('');
  const chars = classes.map(pick);
  while (chars.length < Math.max(TEMPORARY_PASSWORD_LENGTH, policy.minLength)) {
    chars.push(pick(all));
  }
  // Shuffle (Fisher-Yates), so the required classes are not always in front.
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

/** The pool's password policy, with the stack's values where the pool says nothing. */
export function passwordPolicyOf(userPool: UserPoolType | undefined): PasswordPolicy {
  const policy = userPool?.Policies?.PasswordPolicy;
  return {
    minLength: policy?.MinimumLength ?? STACK_PASSWORD_POLICY.minLength,
    requireUppercase: policy?.RequireUppercase ?? STACK_PASSWORD_POLICY.requireUppercase,
    requireLowercase: policy?.RequireLowercase ?? STACK_PASSWORD_POLICY.requireLowercase,
    requireNumbers: policy?.RequireNumbers ?? STACK_PASSWORD_POLICY.requireNumbers,
    requireSymbols: policy?.RequireSymbols ?? STACK_PASSWORD_POLICY.requireSymbols,
    temporaryPasswordValidityDays: policy?.TemporaryPasswordValidityDays,
  };
}

// ---------------------------------------------------------------------------------------------
// Creating the accounts.

export type AttendeeResult =
  | { attendee: Attendee; status: 'created'; temporaryPassword: string }
  | { attendee: Attendee; status: 'exists' }
  | { attendee: Attendee; status: 'failed'; reason: string };

export type CreateAttendeesReport = { policy: PasswordPolicy; results: AttendeeResult[] };

/**
 * Creating accounts stopped: the pool, the credentials or the network. `results` holds the
 * attendees handled before, so the passwords already set are not lost.
 */
export class AttendeeSetupError extends Error {
  override readonly name = 'AttendeeSetupError';

  constructor(
    message: string,
    readonly results: readonly AttendeeResult[],
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

type Target = { userPoolId: string; region: string };

const errorName = (error: unknown): string =>
  error instanceof Error ? error.name : typeof error === 'string' ? error : 'Error';

const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;

/** An AWS SDK error in words that say what to check. */
export function explainAwsError(error: unknown, operation: string, target: Target): string {
  const { userPoolId, region } = target;
  const detail = error instanceof Error ? error.message : String(error);
  switch (errorName(error)) {
    case 'ResourceNotFoundException':
      return (
        `User pool ${userPoolId} not found in ${region} (${operation}): check the region and ` +
        "the stack's UserPoolId output, or pass the stack's WorkshopLink with --link."
      );
    case 'AccessDeniedException':
    case 'AccessDenied':
      return (
        `Access denied (${operation} on ${userPoolId}): the AWS credentials in use may not ` +
        `call cognito-idp:${operation} on this pool. Use the account's administrator ` +
        `credentials (AWS_PROFILE). ${detail}`
      );
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
    case 'InvalidSignatureException':
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return `The AWS credentials were refused (${errorName(error)}): sign in again (aws sso login, aws configure) and retry. ${detail}`;
    case 'CredentialsProviderError':
      return (
        'No AWS credentials found: configure the AWS CLI (aws configure, aws sso login) or ' +
        'set AWS_PROFILE, then retry.'
      );
    case 'TooManyRequestsException':
    case 'ThrottlingException':
      return `Cognito is throttling ${operation}: wait a minute and run again (existing attendees are skipped).`;
    default: {
      const code = errorCode(error);
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
        return `Cannot reach Cognito in ${region} (${code}): check the network and the region.`;
      }
      return `${operation} failed on ${userPoolId} in ${region}: ${errorName(error)}: ${detail}`;
    }
  }
}

export type CreateAttendeesOptions = Target & {
  attendees: readonly Attendee[];
  generatePassword?: (policy: PasswordPolicy) => string;
};

/**
 * Creates each attendee with a temporary password and no invitation email. One who already
 * exists is reported and left as is; one Cognito refuses (say, an email it does not accept) is
 * reported and the others still go ahead. Anything else stops with an AttendeeSetupError.
 */
export async function createAttendees(
  client: Pick<CognitoIdentityProviderClient, 'send'>,
  options: CreateAttendeesOptions,
): Promise<CreateAttendeesReport> {
  const { userPoolId, attendees, generatePassword = generateTemporaryPassword } = options;
  const results: AttendeeResult[] = [];
  const fail = (error: unknown, operation: string): never => {
    throw new AttendeeSetupError(explainAwsError(error, operation, options), results, {
      cause: error,
    });
  };

  // Reading the pool first finds a wrong id, Region or credentials before any account exists.
  let policy = STACK_PASSWORD_POLICY;
  try {
    const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
    policy = passwordPolicyOf(UserPool);
  } catch (error) {
    fail(error, 'DescribeUserPool');
  }

  for (const attendee of attendees) {
    const temporaryPassword = generatePassword(policy);
    const email = attendee.email
      ? [
          { Name: 'email', Value: attendee.email },
          { Name: 'email_verified', Value: 'true' },
        ]
      : [];
    try {
      await client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: attendee.username,
          TemporaryPassword: temporaryPassword,
          MessageAction: 'SUPPRESS',
          UserAttributes: email,
        }),
      );
      results.push({ attendee, status: 'created', temporaryPassword });
    } catch (error) {
      const name = errorName(error);
      if (name === 'UsernameExistsException') {
        results.push({ attendee, status: 'exists' });
      } else if (name === 'InvalidParameterException') {
        const reason = error instanceof Error ? error.message : String(error);
        results.push({ attendee, status: 'failed', reason });
      } else {
        fail(error, 'AdminCreateUser');
      }
    }
  }
  return { policy, results };
}

// ---------------------------------------------------------------------------------------------
// What the instructor hands out.

const statusText = (result: AttendeeResult): string =>
  result.status === 'created'
    ? 'created'
    : result.status === 'exists'
      ? 'already exists (password unchanged)'
      : `failed: ${result.reason}`;

const passwordText = (result: AttendeeResult): string =>
  result.status === 'created' ? result.temporaryPassword : '-';

export const TABLE_HEADERS = ['Username', 'Email', 'Temporary password', 'Status'] as const;

/** A plain-text table, one attendee a row, columns padded to line up. */
export function formatTable(results: readonly AttendeeResult[]): string {
  const rows = results.map((result) => [
    result.attendee.username,
    result.attendee.email ?? '-',
    passwordText(result),
    statusText(result),
  ]);
  const widths = TABLE_HEADERS.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(TABLE_HEADERS), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)]
    .map((row) => `${row}\n`)
    .join('');
}

const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** The same details as CSV, with the workshop link on every row for mail merges. */
export function formatCsv(results: readonly AttendeeResult[], link?: string): string {
  const header = ['username', 'email', 'temporary_password', 'status', 'workshop_link'];
  const rows = results.map((result) => [
    result.attendee.username,
    result.attendee.email ?? '',
    result.status === 'created' ? result.temporaryPassword : '',
    statusText(result),
    link ?? '',
  ]);
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\n`).join('');
}

/** What every attendee must know for their first sign-in, under the table. */
export function firstSignInNote(policy: PasswordPolicy, link?: string): string {
  const kinds = [
    policy.requireUppercase && 'an upper-case letter',
    policy.requireLowercase && 'a lower-case letter',
    policy.requireNumbers && 'a digit',
    policy.requireSymbols && 'a symbol',
  ].filter((kind): kind is string => typeof kind === 'string');
  const last = kinds.pop();
  const rules = last ? `, with ${[kinds.join(', '), last].filter(Boolean).join(' and ')}` : '';
  const days = policy.temporaryPasswordValidityDays;
  return [
    link
      ? `Workshop link: ${link}`
      : "Workshop link: not given (pass --link); hand out the stack's WorkshopLink output.",
    'Give each attendee the link, their username and their temporary password.',
    `At first sign-in they must choose a new password: at least ${policy.minLength} characters${rules}.`,
    ...(days
      ? [`Temporary passwords stop working ${days} days after the account is created.`]
      : []),
  ]
    .map((row) => `${row}\n`)
    .join('');
}

// ---------------------------------------------------------------------------------------------
// The command line's arguments.

export const USAGE = `Creates workshop attendee accounts in the stack's Cognito user pool.

Usage:
  npx tsx infra/scripts/create-attendees.ts --link '<WorkshopLink output>' attendees.txt
  npx tsx infra/scripts/create-attendees.ts --user-pool-id <UserPoolId> --region <region> attendees.txt

The list: one attendee a line, "username" or "username,email"; blank lines and lines starting
with # are ignored.

Options:
  --link <url>            the stack's WorkshopLink output (in single quotes: it contains &)
  --user-pool-id <id>     the stack's UserPoolId output (with --region, instead of --link)
  --region <region>       the stack's Region output
  --csv <file>            also write the details, passwords included, to a CSV file
  --endpoint <url>        tests only: a local AWS stand-in at http://localhost:PORT
  -h, --help              show this help

AWS credentials come from the default chain (AWS_PROFILE, aws configure, aws sso login).`;

/** A mistake on the command line: the message says which and what to do. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type CliOptions = {
  file: string;
  userPoolId: string;
  region: string;
  link?: string;
  csv?: string;
  endpoint?: string;
};

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `--endpoint` exists for tests against moto: it must never point the script elsewhere. */
export function isLocalEndpoint(endpoint: string): boolean {
  try {
    const url = new URL(endpoint);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

function fromLink(link: string): { userPoolId: string; region: string } {
  const parsed = parseWorkshopLink(link);
  if (!parsed.ok) {
    const { missing, invalid } = parsed.error;
    const problems = [
      ...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []),
      ...invalid.map(({ field, value, expected }) => `${field} "${value}" is not ${expected}`),
    ];
    throw new UsageError(
      `--link is not a usable WorkshopLink (${problems.join('; ')}). Copy the stack's ` +
        'WorkshopLink output whole and put it in single quotes: it contains & characters the ' +
        'shell would otherwise cut it at.',
    );
  }
  return { userPoolId: parsed.config.userPoolId, region: parsed.config.region };
}

/** Reads the command line; `'help'` when help was asked for. Throws UsageError. */
export function parseCliArguments(argv: readonly string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        link: { type: 'string' },
        'user-pool-id': { type: 'string' },
        region: { type: 'string' },
        csv: { type: 'string' },
        endpoint: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';

  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('Name the attendee list file.');
  if (extra.length > 0) {
    throw new UsageError(`One attendee list file, please (got ${positionals.join(', ')}).`);
  }

  let target: { userPoolId: string; region: string };
  if (values.link !== undefined) {
    if (values['user-pool-id'] !== undefined || values.region !== undefined) {
      throw new UsageError('Give either --link or --user-pool-id with --region, not both.');
    }
    target = fromLink(values.link);
  } else {
    const { 'user-pool-id': userPoolId, region } = values;
    if (userPoolId === undefined || region === undefined) {
      throw new UsageError('Give --link, or both --user-pool-id and --region.');
    }
    if (!REGION.test(region)) {
      throw new UsageError(`--region "${region}" is not a Region like eu-west-1.`);
    }
    if (!USER_POOL_ID.test(userPoolId)) {
      throw new UsageError(
        `--user-pool-id "${userPoolId}" is not a user pool id like ${region}_AbC123.`,
      );
    }
    // A user pool id starts with its Region: a mismatch would only end in "not found".
    if (!userPoolId.startsWith(`${region}_`)) {
      throw new UsageError(`User pool ${userPoolId} is not in ${region}: check --region.`);
    }
    target = { userPoolId, region };
  }

  if (values.endpoint !== undefined && !isLocalEndpoint(values.endpoint)) {
    throw new UsageError(
      `--endpoint is for tests against a local AWS stand-in (http://localhost:PORT) only, not ` +
        `"${values.endpoint}". Leave it out to use AWS.`,
    );
  }

  return {
    file,
    ...target,
    ...(values.link !== undefined && { link: values.link.trim() }),
    ...(values.csv !== undefined && { csv: values.csv }),
    ...(values.endpoint !== undefined && { endpoint: values.endpoint }),
  };
}
