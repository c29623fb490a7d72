/**
 * An attendee's sign-in: the user pool checks the password, the identity pool trades the
 * user pool's id token for temporary AWS credentials of the attendee role (authenticated
 * identities, enhanced flow). Passwords, tokens and credentials live in this module's memory
 * only: never in localStorage, sessionStorage, IndexedDB or cookies. A reload signs out.
 *
 * The SDK is imported on sign-in, not with the page: pages that never sign in do not load it.
 * The identity pool is called with its own client rather than `fromCognitoIdentityPool` from
 * `@aws-sdk/credential-providers`: that package's browser entry pulls Node built-ins into the
 * site's build (Rspack fails on `node:` imports), and its default identity-id cache is
 * IndexedDB or localStorage.
 */
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

import { SIGNED_OUT } from './errors';
import type { WorkshopConfig } from './workshopConfig';

export type AttendeeSession = {
  config: WorkshopConfig;
  username: string;
  /** The Cognito identity id (`region:uuid`): the tag on the attendee's clusters. */
  identityId: string;
  /** The user pool's `sub`: the attendee's prefix in the bucket (see conventions.ts). */
  attendeeKey: string;
  /** Refreshing and memoized: every SDK client of the page can share it. */
  credentials: AwsCredentialIdentityProvider;
  /** When the credentials held now expire; they are renewed before that. */
  expiresAt: () => Date | undefined;
};

export type SignInResult =
  | { kind: 'signed-in'; session: AttendeeSession }
  | {
      kind: 'new-password-required';
      /** Sets the attendee's own password in place of the instructor's temporary one. */
      complete: (newPassword: string) => Promise<AttendeeSession>;
    };

export type SessionOptions = {
  /** The clock (ms since the epoch): tests move it to make tokens and credentials look old. */
  now?: () => number;
  /** Told of every fetch of credentials or id token, for tests and diagnostics. */
  onFetch?: (what: 'credentials' | 'id-token') => void;
};

/** Credentials and tokens are renewed when they have less than this left… */
export const REFRESH_WITHIN_MS = 5 * 60_000;
/** …or less than this share of their lifetime (moto's last 90 s, less than 5 minutes). */
const REFRESH_WITHIN_SHARE = 0.5;

/** The configuration every SDK v3 client of the page takes for this session. */
export function awsClientConfig(session: AttendeeSession): {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  endpoint?: string;
  forcePathStyle?: boolean;
} {
  const { region, endpoint } = session.config;
  return {
    region,
    credentials: session.credentials,
    // A local stand-in has no per-bucket host names: S3 must put the bucket in the path.
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
  };
}

/** The identity pool's name for the workshop's user pool, as its `Logins` key. */
export const userPoolLoginKey = (config: WorkshopConfig): string =>
  `cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;

/** Raised by a session's credentials once it is signed out or cannot be renewed. */
export class SessionEndedError extends Error {
  override readonly name = SIGNED_OUT;
}

/** A sign-in step the page cannot answer (MFA, which the workshop's pool does not enable). */
export class UnsupportedChallengeError extends Error {
  override readonly name = 'UnsupportedChallengeError';

  constructor(readonly challenge: string) {
    super(
      `The workshop's user pool asked for "${challenge}", which this page cannot answer. ` +
        'Show this to your instructor.',
    );
  }
}

export type MemoizedCredentials<T extends AwsCredentialIdentity> = {
  provider: () => Promise<T>;
  current: () => T | undefined;
  /** Drops the credentials; the provider refuses from then on. */
  forget: () => void;
};

/** True while `expiresAt` is far enough away, given when the thing was fetched. */
function isFresh(expiresAt: number | undefined, fetchedAt: number, now: number): boolean {
  if (expiresAt === undefined) return true;
  const margin = Math.min(REFRESH_WITHIN_MS, (expiresAt - fetchedAt) * REFRESH_WITHIN_SHARE);
  return expiresAt - now > margin;
}

/**
 * Keeps one set of credentials for every client and fetches again when they are about to
 * expire; callers that ask during a fetch share it. (Each SDK client memoizes on its own, but
 * treats anything expiring within 5 minutes as expired: with moto's 90-second credentials,
 * every call would fetch again.)
 */
export function memoizeCredentials<T extends AwsCredentialIdentity>(
  fetch: () => Promise<T>,
  { now = Date.now }: { now?: () => number } = {},
): MemoizedCredentials<T> {
  let held: { credentials: T; fetchedAt: number } | undefined;
  let pending: Promise<T> | undefined;
  let ended = false;

  const provider = (): Promise<T> => {
    if (ended) return Promise.reject(new SessionEndedError('You signed out of AWS on this page.'));
    if (held && isFresh(held.credentials.expiration?.getTime(), held.fetchedAt, now())) {
      return Promise.resolve(held.credentials);
    }
    pending ??= (async () => {
      try {
        const fetchedAt = now();
        const credentials = await fetch();
        if (ended) throw new SessionEndedError('You signed out of AWS on this page.');
        held = { credentials, fetchedAt };
        return credentials;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  return {
    provider,
    current: () => held?.credentials,
    forget: () => {
      ended = true;
      held = undefined;
    },
  };
}

const isExpiredLogin = (error: unknown): boolean =>
  error instanceof Error &&
  error.name === 'NotAuthorizedException' &&
  /expired/i.test(error.message);

/**
 * Fetches; when the identity pool refuses the id token as expired (a laptop that slept past
 * the hour), renews the id token with the refresh token and fetches once more.
 */
export function retryOnExpiredLogin<T>(
  fetch: () => Promise<T>,
  renewLogin: () => Promise<void>,
): () => Promise<T> {
  return async () => {
    try {
      return await fetch();
    } catch (error) {
      if (!isExpiredLogin(error)) throw error;
      await renewLogin();
      return fetch();
    }
  };
}

/** The claims of a JWT the page needs; the token is not verified (AWS does that). */
export function jwtClaims(token: string): { exp?: number; username?: string; sub?: string } {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    const text = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null) return {};
    const { exp, sub, 'cognito:username': username } = json as Record<string, unknown>;
    return {
      ...(typeof exp === 'number' ? { exp } : {}),
      ...(typeof username === 'string' ? { username } : {}),
      ...(typeof sub === 'string' ? { sub } : {}),
    };
  } catch {
    return {};
  }
}

/** The identity pool's two calls of the enhanced flow: GetId, GetCredentialsForIdentity. */
async function identityPoolApi(config: WorkshopConfig) {
  const sdk = await import('@aws-sdk/client-cognito-identity');
  // Unsigned calls too: the user pool's id token is the proof.
  const client = new sdk.CognitoIdentityClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });
  return { sdk, client };
}

async function userPoolApi(config: WorkshopConfig) {
  const sdk = await import('@aws-sdk/client-cognito-identity-provider');
  // Sign-in calls are unsigned: this client needs no credentials.
  const client = new sdk.CognitoIdentityProviderClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });
  return { sdk, client };
}
type UserPoolApi = Awaited<ReturnType<typeof userPoolApi>>;

/** Signs an attendee in with the username and password the instructor gave them. */
export async function signIn(
  config: WorkshopConfig,
  username: string,
  password: string,
  options: SessionOptions = {},
): Promise<SignInResult> {
  const api = await userPoolApi(config);
  const { sdk, client } = api;
  const answer = await client.send(
    new sdk.InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: config.userPoolClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  if (answer.AuthenticationResult) {
    return {
      kind: 'signed-in',
      session: await startSession(config, api, username, answer.AuthenticationResult, options),
    };
  }
  const { ChallengeName, Session, ChallengeParameters } = answer;
  if (ChallengeName !== 'NEW_PASSWORD_REQUIRED' || !Session) {
    throw new UnsupportedChallengeError(ChallengeName ?? 'an unknown step');
  }
  // The user pool's own name for the user (the username as typed may differ in case).
  const userId = ChallengeParameters?.USER_ID_FOR_SRP ?? username;
  return {
    kind: 'new-password-required',
    complete: async (newPassword) => {
      const done = await client.send(
        new sdk.RespondToAuthChallengeCommand({
          ChallengeName,
          ClientId: config.userPoolClientId,
          Session,
          ChallengeResponses: { USERNAME: userId, NEW_PASSWORD: newPassword },
        }),
      );
      if (!done.AuthenticationResult) {
        throw new UnsupportedChallengeError(done.ChallengeName ?? 'an unknown step');
      }
      return startSession(config, api, userId, done.AuthenticationResult, options);
    },
  };
}

/** The user pool's tokens, renewed with the refresh token when the id token nears its end. */
function userPoolTokens(
  config: WorkshopConfig,
  { sdk, client }: UserPoolApi,
  first: AuthenticationResultType,
  { now = Date.now, onFetch }: SessionOptions,
) {
  const expiryOf = (token: string, expiresIn: number | undefined): number => {
    const exp = jwtClaims(token).exp;
    return exp !== undefined ? exp * 1000 : now() + (expiresIn ?? 3600) * 1000;
  };
  const missingToken = () => new Error('Cognito answered without an id token.');
  if (!first.IdToken) throw missingToken();

  let idToken: string | undefined = first.IdToken;
  let refreshToken = first.RefreshToken;
  let fetchedAt = now();
  let expiresAt = expiryOf(idToken, first.ExpiresIn);
  let pending: Promise<string> | undefined;

  const renew = (): Promise<string> => {
    pending ??= (async () => {
      try {
        if (!refreshToken) throw new SessionEndedError('Your sign-in has ended.');
        onFetch?.('id-token');
        const startedAt = now();
        const { AuthenticationResult: result } = await client.send(
          new sdk.InitiateAuthCommand({
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            ClientId: config.userPoolClientId,
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          }),
        );
        if (!result?.IdToken) throw missingToken();
        if (!refreshToken) throw new SessionEndedError('You signed out of AWS on this page.');
        idToken = result.IdToken;
        // A pool that rotates refresh tokens sends a new one.
        refreshToken = result.RefreshToken ?? refreshToken;
        fetchedAt = startedAt;
        expiresAt = expiryOf(idToken, result.ExpiresIn);
        return idToken;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  const claims = jwtClaims(first.IdToken);
  // The attendee's S3 prefix is keyed by this claim (conventions.ts): no claim, no prefix.
  if (!claims.sub) throw new Error('Cognito answered with an id token that names no user (sub).');
  return {
    username: claims.username,
    attendeeKey: claims.sub,
    /** A current id token, renewed first when it is about to expire. */
    idToken: async (): Promise<string> => {
      if (idToken === undefined) throw new SessionEndedError('You signed out of AWS on this page.');
      return isFresh(expiresAt, fetchedAt, now()) ? idToken : renew();
    },
    renew: async (): Promise<void> => {
      await renew();
    },
    forget: () => {
      idToken = undefined;
      refreshToken = undefined;
    },
  };
}

/** Ends a session: forgets its tokens and credentials. Kept out of the session's own type. */
const enders = new WeakMap<AttendeeSession, () => void>();

export function endSession(session: AttendeeSession): void {
  enders.get(session)?.();
  enders.delete(session);
}

async function startSession(
  config: WorkshopConfig,
  api: UserPoolApi,
  username: string,
  result: AuthenticationResultType,
  options: SessionOptions,
): Promise<AttendeeSession> {
  const tokens = userPoolTokens(config, api, result, options);
  const { sdk, client } = await identityPoolApi(config);

  let identityId: string | undefined;
  const fetchCredentials = async (): Promise<AwsCredentialIdentity & { identityId: string }> => {
    options.onFetch?.('credentials');
    const Logins = { [userPoolLoginKey(config)]: await tokens.idToken() };
    // The first fetch finds the attendee's identity; later ones reuse it.
    identityId ??= (
      await client.send(new sdk.GetIdCommand({ IdentityPoolId: config.identityPoolId, Logins }))
    ).IdentityId;
    if (!identityId) throw new Error('Cognito answered without an identity id.');
    const { Credentials: issued } = await client.send(
      new sdk.GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins }),
    );
    if (!issued?.AccessKeyId || !issued.SecretKey) {
      throw new Error('Cognito answered without credentials.');
    }
    return {
      identityId,
      accessKeyId: issued.AccessKeyId,
      secretAccessKey: issued.SecretKey,
      sessionToken: issued.SessionToken,
      expiration: issued.Expiration,
    };
  };
  const memo = memoizeCredentials(retryOnExpiredLogin(fetchCredentials, tokens.renew), {
    now: options.now,
  });

  const first = await memo.provider();
  const session: AttendeeSession = {
    config,
    username: tokens.username ?? username,
    identityId: first.identityId,
    attendeeKey: tokens.attendeeKey,
    credentials: memo.provider,
    expiresAt: () => memo.current()?.expiration,
  };
  enders.set(session, () => {
    memo.forget();
    tokens.forget();
  });
  return session;
}
