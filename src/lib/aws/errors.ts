/**
 * AWS errors in the attendee's words: what went wrong and what to do about it. Every call the
 * page makes to AWS ends here when it fails, so the mapping is the one place that knows the
 * services' error names. No SDK import: the page can show an error without loading the SDK.
 */

export type AwsErrorDescription = {
  /** What went wrong, as a short sentence without a final period. */
  title: string;
  /** What the attendee can do about it. */
  whatToDo: string;
  /** Waiting and trying again can succeed (throttling); `withRetry` retries only these. */
  retryable: boolean;
  /** The service's error name (`NoSuchKey`, `AccessDeniedException`), or `NetworkError`. */
  code: string;
};

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException']);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'SlowDown',
  'RequestLimitExceeded',
]);
/** The name of the error a signed-out session's credentials give (see attendeeSession). */
export const SIGNED_OUT = 'SignedOutError';
const INVALID_REQUEST = new Set(['ValidationException', 'InvalidRequestException']);

/** What browsers say when a request never got an answer (offline, DNS, CORS refused). */
const BROWSER_NETWORK_FAILURE = /Failed to fetch|NetworkError|Load failed/i;
/** The same in Node, where the tests run. */
const NODE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT']);

type ErrorLike = { name: string; message: string; code?: unknown; Code?: unknown };

function errorLike(error: unknown): ErrorLike {
  if (error instanceof Error) return error as ErrorLike;
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return {
      ...(error as object),
      name: typeof name === 'string' ? name : 'Error',
      message: typeof message === 'string' ? message : String(error),
    };
  }
  return { name: 'Error', message: String(error) };
}

/** The service's own error name: SDK v3 sets `name`; a few errors only carry `Code`. */
function codeOf(error: ErrorLike): string {
  if (typeof error.Code === 'string' && error.Code !== '') return error.Code;
  return error.name || 'Error';
}

function isNetworkFailure(error: ErrorLike): boolean {
  if (typeof error.code === 'string' && NODE_NETWORK_CODES.has(error.code)) return true;
  return error.name === 'TypeError' && BROWSER_NETWORK_FAILURE.test(error.message);
}

/** "1 validation error detected: Value 'x' at 'clusterId' failed to …" names the parameter. */
function parameterOf(message: string): string | undefined {
  return (
    /\bat '([\w.[\]]+)'/.exec(message)?.[1] ?? /\bparameter:? '?([\w.[\]]+)/i.exec(message)?.[1]
  );
}

const described = (
  code: string,
  title: string,
  whatToDo: string,
  retryable = false,
): AwsErrorDescription => ({ title, whatToDo, retryable, code });

export function describeAwsError(error: unknown): AwsErrorDescription {
  const e = errorLike(error);
  const code = codeOf(e);
  const message = e.message.trim();

  if (isNetworkFailure(e)) {
    return described(
      'NetworkError',
      'AWS could not be reached from this page',
      'Check your network connection. If it works, the workshop bucket may not allow this ' +
        "site's address (its CORS settings), or the workshop link names the wrong Region: " +
        "check the link's Region and ask your instructor whether the stack allows this site's " +
        `origin (${siteOrigin()}).`,
    );
  }
  if (ACCESS_DENIED.has(code)) {
    return described(
      code,
      'The workshop does not allow this action',
      'Attendees may only use their own files and clusters in the workshop. ' +
        `AWS said: "${message}". Ask your instructor if you need this.`,
    );
  }
  if (
    EXPIRED.has(code) ||
    (code === 'NotAuthorizedException' && /expired|revoked/i.test(message))
  ) {
    return described(
      code,
      'Your sign-in has expired',
      'Sign in again on the connect page. Nothing is lost: your files stay in the workshop bucket.',
    );
  }
  if (code === SIGNED_OUT) {
    return described(code, 'You are signed out', 'Sign in again on the connect page.');
  }
  if (code === 'NotAuthorizedException' && /disabled/i.test(message)) {
    return described(code, 'This account is disabled', 'Ask your instructor to enable it again.');
  }
  if (code === 'NotAuthorizedException' && /token|identity pool|provider/i.test(message)) {
    // The identity pool refused the user pool's token: the link's pools do not go together.
    return described(
      code,
      "The workshop's identity pool did not accept your sign-in",
      `AWS said: "${message}". Copy the workshop link from your instructor again; if it ` +
        'persists, show this to your instructor.',
    );
  }
  if (code === 'NotAuthorizedException') {
    return described(
      code,
      'Sign-in refused',
      'Check your username and password (both are case-sensitive), as given by your instructor.',
    );
  }
  if (code === 'UserNotFoundException') {
    return described(
      code,
      'There is no attendee with this username',
      'Check your username and password, as given by your instructor.',
    );
  }
  if (code === 'PasswordResetRequiredException') {
    return described(
      code,
      'Your password must be reset',
      'Ask your instructor for a new temporary password, then sign in with it.',
    );
  }
  if (code === 'InvalidPasswordException') {
    return described(
      code,
      'This password is not allowed',
      `AWS said: "${message}". Choose a password that follows the rules shown by the field.`,
    );
  }
  if (THROTTLED.has(code)) {
    return described(
      code,
      'AWS is asking the page to slow down',
      'The page retries automatically. If this stays, wait a minute and try again.',
      true,
    );
  }
  if (INVALID_REQUEST.has(code) && /terminat/i.test(message)) {
    return described(
      code,
      'The cluster has terminated',
      'A terminated cluster cannot run anything. Launch a new cluster, then run again.',
    );
  }
  if (INVALID_REQUEST.has(code)) {
    const parameter = parameterOf(message);
    return described(
      code,
      parameter ? `AWS refused the value of ${parameter}` : 'AWS refused the request',
      `AWS said: "${message}". Check ${parameter ?? 'the values sent'}; if they come from the ` +
        'workshop link, ask your instructor for the link again.',
    );
  }
  if (code === 'NoSuchBucket') {
    return described(
      code,
      'The workshop bucket does not exist',
      "Check that the workshop link is complete; the instructor's stack may have been removed.",
    );
  }
  if (code === 'NoSuchKey' || code === 'NotFound') {
    return described(
      code,
      'The file is not in the workshop bucket',
      'It may not have been written yet: run the lab (again), then look again.',
    );
  }
  return described(
    code,
    `AWS answered ${code}`,
    message
      ? `AWS said: "${message}".`
      : 'Try again; if it persists, show this to your instructor.',
  );
}

function siteOrigin(): string {
  return typeof window === 'undefined' ? "this site's origin" : window.location.origin;
}

/** The error as one line for the page: what happened, then what to do. */
export function awsErrorText(error: unknown): string {
  const { title, whatToDo } = describeAwsError(error);
  return `${title}. ${whatToDo}`;
}

export type RetryOptions = {
  attempts?: number;
  baseMs?: number;
  /** Waits; injectable so tests need not. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

const defaultSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Runs `fn`, trying again after throttling (and only then) with exponential backoff and jitter:
 * the wait after attempt n is between half and all of `baseMs * 2^(n-1)`, so waits grow while
 * pages throttled together spread out. Other errors are thrown at once: a refusal is never
 * repeated. (The SDK retries throttling a few times itself; this covers a longer squeeze.)
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  { attempts = 5, baseMs = 200, sleep = defaultSleep, random = Math.random }: RetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !describeAwsError(error).retryable) throw error;
      const ceiling = baseMs * 2 ** (attempt - 1);
      await sleep(Math.round(ceiling / 2 + (random() * ceiling) / 2));
    }
  }
}
