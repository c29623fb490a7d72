import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, CreateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type AttendeeSession,
  awsClientConfig,
  jwtClaims,
  memoizeCredentials,
  retryOnExpiredLogin,
  type SessionOptions,
  signIn,
  userPoolLoginKey,
} from './attendeeSession';
import { describeAwsError, SIGNED_OUT } from './errors';
import { getSession, setSession, signOut, subscribeSession } from './sessionStore';
import {
  hasMoto,
  type MotoServer,
  startMotoServer,
  TEST_CREDENTIALS,
  TEST_REGION,
} from './testing/motoServer';
import type { WorkshopConfig } from './workshopConfig';

/**
 * An identity id: `region:uuid`. (moto names identities after us-east-1 whatever the pool's
 * Region, because GetId is unsigned and moto takes the Region from the signature.)
 */
const IDENTITY_ID = /^[a-z]{2}(?:-[a-z]+)+-\d:[0-9a-f-]{36}$/;

const credentialsExpiringIn = (ms: number, now: number, id = 'A'): AwsCredentialIdentity => ({
  accessKeyId: id,
  secretAccessKey: 'secret',
  expiration: new Date(now + ms),
});

describe('memoizeCredentials', () => {
  const counting = (lifetimeMs: number, clock: { now: number }) => {
    let fetches = 0;
    const memo = memoizeCredentials(
      async () => {
        fetches += 1;
        return credentialsExpiringIn(lifetimeMs, clock.now, `key-${fetches}`);
      },
      { now: () => clock.now },
    );
    return { memo, fetches: () => fetches };
  };

  it('keeps one-hour credentials until 5 minutes before they expire', async () => {
    const clock = { now: 1_000_000 };
    const { memo, fetches } = counting(60 * 60_000, clock);
    expect((await memo.provider()).accessKeyId).toBe('key-1');
    clock.now += 54 * 60_000;
    expect((await memo.provider()).accessKeyId).toBe('key-1');
    clock.now += 2 * 60_000; // 4 minutes left
    expect((await memo.provider()).accessKeyId).toBe('key-2');
    expect(fetches()).toBe(2);
  });

  it('keeps short-lived credentials (moto: 90 s) for half their life, not for no time', async () => {
    const clock = { now: 0 };
    const { memo, fetches } = counting(90_000, clock);
    await memo.provider();
    clock.now = 40_000;
    await memo.provider();
    expect(fetches()).toBe(1);
    clock.now = 46_000;
    expect((await memo.provider()).accessKeyId).toBe('key-2');
  });

  it('shares one fetch between callers that ask at the same time', async () => {
    const { memo, fetches } = counting(60 * 60_000, { now: 0 });
    const all = await Promise.all([memo.provider(), memo.provider(), memo.provider()]);
    expect(new Set(all).size).toBe(1);
    expect(fetches()).toBe(1);
  });

  it('fetches again after a failed fetch', async () => {
    let calls = 0;
    const memo = memoizeCredentials(async () => {
      calls += 1;
      if (calls === 1) throw new Error('network down');
      return credentialsExpiringIn(60 * 60_000, Date.now());
    });
    await expect(memo.provider()).rejects.toThrow('network down');
    await expect(memo.provider()).resolves.toMatchObject({ accessKeyId: 'A' });
  });

  it('refuses once forgotten, and reports no credentials', async () => {
    const { memo } = counting(60 * 60_000, { now: 0 });
    await memo.provider();
    memo.forget();
    expect(memo.current()).toBeUndefined();
    await expect(memo.provider()).rejects.toMatchObject({ name: SIGNED_OUT });
  });
});

describe('retryOnExpiredLogin', () => {
  const expired = Object.assign(new Error('Invalid login token. Token expired: 2 >= 1'), {
    name: 'NotAuthorizedException',
  });

  it('renews the login once when the identity pool says the token expired', async () => {
    const steps: string[] = [];
    let first = true;
    const fetch = retryOnExpiredLogin(
      async () => {
        steps.push('fetch');
        if (first) {
          first = false;
          throw expired;
        }
        return 'credentials';
      },
      async () => {
        steps.push('renew');
      },
    );
    await expect(fetch()).resolves.toBe('credentials');
    expect(steps).toEqual(['fetch', 'renew', 'fetch']);
  });

  it('passes other errors through without renewing', async () => {
    let renewed = false;
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException' });
    const fetch = retryOnExpiredLogin(
      () => Promise.reject(denied),
      async () => {
        renewed = true;
      },
    );
    await expect(fetch()).rejects.toBe(denied);
    expect(renewed).toBe(false);
  });
});

describe('jwtClaims', () => {
  const jwt = (claims: object) =>
    `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

  it('reads the expiry and the username', () => {
    expect(jwtClaims(jwt({ exp: 1700000000, 'cognito:username': 'ada' }))).toEqual({
      exp: 1700000000,
      username: 'ada',
    });
  });

  it('reads a username written in any script', () => {
    expect(jwtClaims(jwt({ 'cognito:username': 'zoë-ßø' })).username).toBe('zoë-ßø');
  });

  it('gives nothing for a token it cannot read', () => {
    expect(jwtClaims('not-a-jwt')).toEqual({});
    expect(jwtClaims('a.%%%.b')).toEqual({});
  });
});

describe.skipIf(!hasMoto)('signing in against moto', () => {
  let moto: MotoServer;
  let config: WorkshopConfig;
  const admin = () => ({
    region: TEST_REGION,
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  const TEMPORARY = 'Temporary-Pass-123';
  const CHOSEN = 'My-Own-Password-456';

  const createUser = async (username: string) => {
    const idp = new CognitoIdentityProviderClient(admin());
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: config.userPoolId,
        Username: username,
        TemporaryPassword: TEMPORARY,
        MessageAction: 'SUPPRESS',
      }),
    );
  };

  const signInFully = async (username: string, options?: SessionOptions) => {
    await createUser(username);
    const result = await signIn(config, username, TEMPORARY, options);
    if (result.kind !== 'new-password-required') throw new Error(`got ${result.kind}`);
    return result.complete(CHOSEN);
  };

  beforeAll(async () => {
    moto = await startMotoServer();
    const idp = new CognitoIdentityProviderClient(admin());
    const { UserPool } = await idp.send(
      new CreateUserPoolCommand({
        PoolName: 'attendees',
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireUppercase: true,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: false,
          },
        },
      }),
    );
    const userPoolId = UserPool?.Id ?? '';
    const { UserPoolClient } = await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'site',
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const userPoolClientId = UserPoolClient?.ClientId ?? '';
    const identity = new CognitoIdentityClient(admin());
    const { IdentityPoolId } = await identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'attendees',
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [
          {
            ProviderName: `cognito-idp.${TEST_REGION}.amazonaws.com/${userPoolId}`,
            ClientId: userPoolClientId,
          },
        ],
      }),
    );
    config = {
      region: TEST_REGION,
      userPoolId,
      userPoolClientId,
      identityPoolId: IdentityPoolId ?? '',
      bucket: 'workshop-bucket',
      releaseLabel: 'emr-7.13.0',
      serviceRole: 'EMR_DefaultRole_V2',
      instanceProfile: 'EMR_EC2_DefaultRole',
      subnetId: 'subnet-0123456789abcdef0',
      endpoint: moto.endpoint,
    };
  });

  afterAll(async () => {
    signOut();
    await moto?.stop();
  });

  it('names the user pool as the identity pool expects', () => {
    expect(userPoolLoginKey(config)).toBe(
      `cognito-idp.eu-west-1.amazonaws.com/${config.userPoolId}`,
    );
  });

  it('asks for a new password on first sign-in, then gives a session with an identity', async () => {
    await createUser('ada');
    const first = await signIn(config, 'ada', TEMPORARY);
    expect(first.kind).toBe('new-password-required');
    if (first.kind !== 'new-password-required') return;

    const session = await first.complete(CHOSEN);
    expect(session.username).toBe('ada');
    expect(session.identityId).toMatch(IDENTITY_ID);
    // The prefix key is the user pool's sub: a UUID, no colon for Hadoop to trip on.
    expect(session.attendeeKey).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(session.config).toBe(config);
    const left = (session.expiresAt()?.getTime() ?? 0) - Date.now();
    // moto's credentials last 90 s.
    expect(left).toBeGreaterThan(30_000);
    expect(left).toBeLessThanOrEqual(91_000);

    // The chosen password is now the one that works, straight to a session.
    const again = await signIn(config, 'ada', CHOSEN);
    expect(again.kind).toBe('signed-in');
    if (again.kind === 'signed-in') expect(again.session.identityId).toMatch(IDENTITY_ID);
  });

  it('gives credentials that S3 accepts through awsClientConfig', async () => {
    const session = await signInFully('grace');
    const clientConfig = awsClientConfig(session);
    expect(clientConfig).toMatchObject({
      region: 'eu-west-1',
      endpoint: moto.endpoint,
      forcePathStyle: true,
    });
    const s3 = new S3Client(clientConfig);
    await s3.send(new CreateBucketCommand({ Bucket: 'graces-bucket' }));
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((bucket) => bucket.Name)).toContain('graces-bucket');
    // The SDK signed with the identity pool's keys, not the admin's.
    const used = await session.credentials();
    expect(used.accessKeyId).not.toBe(TEST_CREDENTIALS.accessKeyId);
    expect(used.sessionToken).toBeTruthy();
  });

  it('leaves out the endpoint and path-style S3 for real AWS', async () => {
    const session = await signInFully('linus');
    const { endpoint: _endpoint, ...real } = config;
    const clientConfig = awsClientConfig({ ...session, config: real });
    expect(clientConfig).toEqual({ region: 'eu-west-1', credentials: session.credentials });
  });

  it('refuses a wrong password with a message that says to check it', async () => {
    await createUser('alan');
    const error = await signIn(config, 'alan', 'Wrong-Password-000').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NotAuthorizedException' });
    const described = describeAwsError(error);
    expect(described.code).toBe('NotAuthorizedException');
    expect(described.whatToDo).toMatch(/check your username and password/i);
    expect(described.retryable).toBe(false);
  });

  it('refuses a new password that breaks the policy, and accepts a good one after', async () => {
    await createUser('barbara');
    const result = await signIn(config, 'barbara', TEMPORARY);
    if (result.kind !== 'new-password-required') throw new Error(`got ${result.kind}`);
    const error = await result.complete('short').catch((e: unknown) => e);
    expect(describeAwsError(error)).toMatchObject({
      code: 'InvalidPasswordException',
      title: 'This password is not allowed',
    });
    const session = await result.complete(CHOSEN);
    expect(session.identityId).toMatch(IDENTITY_ID);
  });

  it('memoizes credentials, fetches again near expiry and keeps the identity', async () => {
    const clock = { now: Date.now() };
    const fetched: string[] = [];
    const session = await signInFully('edsger', {
      now: () => clock.now,
      onFetch: (what) => fetched.push(what),
    });
    expect(fetched).toEqual(['credentials']);
    const first = await session.credentials();
    expect(await session.credentials()).toBe(first);
    expect(fetched).toEqual(['credentials']);

    clock.now += 60_000; // past half of moto's 90 s
    const second = await session.credentials();
    expect(second).not.toBe(first);
    expect(fetched).toEqual(['credentials', 'credentials']);
    expect(session.expiresAt()).toBe(second.expiration);
    expect((second as { identityId?: string }).identityId).toBe(session.identityId);
  });

  it('renews the id token with the refresh token once it nears its hour', async () => {
    const clock = { now: Date.now() };
    const fetched: string[] = [];
    const session = await signInFully('frances', {
      now: () => clock.now,
      onFetch: (what) => fetched.push(what),
    });
    clock.now += 58 * 60_000; // the id token has 2 minutes left
    await session.credentials();
    // The second fetch of credentials renews the id token before sending it.
    expect(fetched).toEqual(['credentials', 'credentials', 'id-token']);
  });

  it('keeps the session in memory only, and signing out makes its credentials refuse', async () => {
    const session: AttendeeSession = await signInFully('katherine');
    let changes = 0;
    const unsubscribe = subscribeSession(() => {
      changes += 1;
    });
    setSession(session);
    expect(getSession()).toBe(session);
    signOut();
    unsubscribe();
    expect(getSession()).toBeUndefined();
    expect(changes).toBe(2);
    const error = await session.credentials().catch((e: unknown) => e);
    expect(describeAwsError(error)).toMatchObject({
      code: SIGNED_OUT,
      title: 'You are signed out',
    });
    expect(session.expiresAt()).toBeUndefined();
  });
});
