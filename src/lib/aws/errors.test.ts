import { describe, expect, it } from 'vitest';

import { describeAwsError, SIGNED_OUT, withRetry } from './errors';

/** An error shaped like the SDK v3's service exceptions: the service's name and message. */
const awsError = (name: string, message = `${name} happened`) =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: {} });

describe('describeAwsError', () => {
  it.each(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'])(
    'explains %s as something the attendee role does not allow',
    (name) => {
      const described = describeAwsError(
        awsError(name, 'User: arn:aws:sts::1:assumed-role/Attendee is not authorized'),
      );
      expect(described).toMatchObject({
        code: name,
        title: 'The workshop does not allow this action',
        retryable: false,
      });
      expect(described.whatToDo).toContain('Ask your instructor');
      expect(described.whatToDo).toContain('assumed-role/Attendee is not authorized');
    },
  );

  it.each([
    ['ExpiredToken', 'The provided token has expired.'],
    ['ExpiredTokenException', 'The security token included in the request is expired'],
    ['NotAuthorizedException', 'Invalid login token. Token expired: 1700003600 >= 1700000000'],
    ['NotAuthorizedException', 'Refresh Token has expired'],
    ['NotAuthorizedException', 'Refresh Token has been revoked'],
  ])('asks to sign in again for %s: %s', (name, message) => {
    const described = describeAwsError(awsError(name, message));
    expect(described).toMatchObject({ code: name, title: 'Your sign-in has expired' });
    expect(described.whatToDo).toMatch(/^Sign in again/);
  });

  it('asks to check the username and password when they are wrong', () => {
    const described = describeAwsError(
      awsError('NotAuthorizedException', 'Incorrect username or password.'),
    );
    expect(described.title).toBe('Sign-in refused');
    expect(described.whatToDo).toMatch(/check your username and password/i);
  });

  it('tells a disabled attendee to ask the instructor', () => {
    expect(describeAwsError(awsError('NotAuthorizedException', 'User is disabled.'))).toMatchObject(
      { title: 'This account is disabled', whatToDo: 'Ask your instructor to enable it again.' },
    );
  });

  it('points at the link when the identity pool refuses the user pool token', () => {
    const described = describeAwsError(
      awsError(
        'NotAuthorizedException',
        'Token is not from a supported provider of this identity pool.',
      ),
    );
    expect(described.title).toBe("The workshop's identity pool did not accept your sign-in");
    expect(described.whatToDo).toContain('Copy the workshop link');
  });

  it('maps an unknown username', () => {
    const described = describeAwsError(awsError('UserNotFoundException', 'User does not exist.'));
    expect(described.title).toBe('There is no attendee with this username');
    expect(described.whatToDo).toMatch(/check your username/i);
  });

  it('sends a reset password back to the instructor', () => {
    const described = describeAwsError(awsError('PasswordResetRequiredException'));
    expect(described.title).toBe('Your password must be reset');
    expect(described.whatToDo).toContain('new temporary password');
  });

  it("shows the password policy's own message", () => {
    const described = describeAwsError(
      awsError(
        'InvalidPasswordException',
        'Password does not conform to policy: Password must have uppercase characters',
      ),
    );
    expect(described.title).toBe('This password is not allowed');
    expect(described.whatToDo).toContain('Password must have uppercase characters');
  });

  it.each(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'SlowDown'])(
    'marks %s as retryable and says the page retries',
    (name) => {
      const described = describeAwsError(awsError(name, 'Rate exceeded'));
      expect(described).toMatchObject({ code: name, retryable: true });
      expect(described.whatToDo).toContain('retries automatically');
    },
  );

  it.each([
    ['ValidationException', "1 validation error detected: Value 'x' at 'clusterId' failed"],
    ['InvalidRequestException', "Value 'x' at 'clusterId' failed to satisfy constraint"],
  ])('names the refused parameter of a %s', (name, message) => {
    const described = describeAwsError(awsError(name, message));
    expect(described.title).toBe('AWS refused the value of clusterId');
    expect(described.whatToDo).toContain(message);
    expect(described.retryable).toBe(false);
  });

  it('still explains a validation error that names no parameter', () => {
    const described = describeAwsError(awsError('ValidationException', 'Something is off'));
    expect(described.title).toBe('AWS refused the request');
    expect(described.whatToDo).toContain('Something is off');
  });

  it.each([
    [
      'ValidationException',
      'A job flow that is shutting down, terminated, or finished may not be modified.',
    ],
    ['InvalidRequestException', 'Cluster j-ABC123 is in state TERMINATED and cannot be changed'],
  ])('asks for a new cluster when %s says the cluster terminated', (name, message) => {
    const described = describeAwsError(awsError(name, message));
    expect(described.title).toBe('The cluster has terminated');
    expect(described.whatToDo).toContain('Launch a new cluster');
  });

  it.each([
    new TypeError('Failed to fetch'),
    new TypeError('NetworkError when attempting to fetch resource.'),
    new TypeError('Load failed'),
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
  ])('blames the network or the bucket CORS for "%s"', (error) => {
    const described = describeAwsError(error);
    expect(described).toMatchObject({
      code: 'NetworkError',
      title: 'AWS could not be reached from this page',
      retryable: false,
    });
    expect(described.whatToDo).toContain('CORS');
    expect(described.whatToDo).toContain("link's Region");
    expect(described.whatToDo).toContain('origin');
  });

  it('does not take any TypeError for a network failure', () => {
    const described = describeAwsError(
      new TypeError("Cannot read properties of undefined (reading 'x')"),
    );
    expect(described.code).toBe('TypeError');
    expect(described.title).toBe('AWS answered TypeError');
  });

  it('maps a missing bucket and a missing file', () => {
    expect(describeAwsError(awsError('NoSuchBucket'))).toMatchObject({
      code: 'NoSuchBucket',
      title: 'The workshop bucket does not exist',
    });
    expect(describeAwsError(awsError('NoSuchKey'))).toMatchObject({
      code: 'NoSuchKey',
      title: 'The file is not in the workshop bucket',
    });
    expect(describeAwsError(awsError('NotFound')).code).toBe('NotFound');
  });

  it('maps a signed-out session', () => {
    expect(describeAwsError(awsError(SIGNED_OUT, 'You signed out.'))).toMatchObject({
      title: 'You are signed out',
      whatToDo: 'Sign in again on the connect page.',
    });
  });

  it('shows the name and message of anything else', () => {
    const described = describeAwsError(awsError('InternalServerError', 'Something broke inside'));
    expect(described).toEqual({
      code: 'InternalServerError',
      title: 'AWS answered InternalServerError',
      whatToDo: 'AWS said: "Something broke inside".',
      retryable: false,
    });
  });

  it('copes with things thrown that are not errors', () => {
    expect(describeAwsError('boom')).toMatchObject({
      code: 'Error',
      whatToDo: 'AWS said: "boom".',
    });
    expect(describeAwsError({ name: 'SlowDown', message: 'x' })).toMatchObject({
      code: 'SlowDown',
      retryable: true,
    });
    expect(describeAwsError({ Code: 'NoSuchKey' }).code).toBe('NoSuchKey');
    expect(describeAwsError(undefined).code).toBe('Error');
  });
});

describe('withRetry', () => {
  const failingTimes = (times: number, error: Error) => {
    let calls = 0;
    const fn = async () => {
      calls += 1;
      if (calls <= times) throw error;
      return `ok after ${calls}`;
    };
    return { fn, calls: () => calls };
  };

  const recordingSleep = () => {
    const waits: number[] = [];
    return { waits, sleep: async (ms: number) => void waits.push(ms) };
  };

  it('retries throttling with growing waits until it succeeds', async () => {
    const { fn, calls } = failingTimes(3, awsError('ThrottlingException', 'Rate exceeded'));
    const { waits, sleep } = recordingSleep();
    await expect(withRetry(fn, { sleep, baseMs: 100, random: () => 1 })).resolves.toBe(
      'ok after 4',
    );
    expect(calls()).toBe(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('jitters each wait between half and all of its ceiling', async () => {
    const { fn } = failingTimes(2, awsError('SlowDown'));
    const { waits, sleep } = recordingSleep();
    await withRetry(fn, { sleep, baseMs: 100, random: () => 0 });
    expect(waits).toEqual([50, 100]);
  });

  it('gives up after the last attempt and throws the last error', async () => {
    const throttled = awsError('TooManyRequestsException');
    const { fn, calls } = failingTimes(10, throttled);
    const { waits, sleep } = recordingSleep();
    await expect(withRetry(fn, { attempts: 3, sleep })).rejects.toBe(throttled);
    expect(calls()).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('tries five times by default', async () => {
    const { fn, calls } = failingTimes(10, awsError('Throttling'));
    const { sleep } = recordingSleep();
    await expect(withRetry(fn, { sleep })).rejects.toThrow();
    expect(calls()).toBe(5);
  });

  it.each(['AccessDenied', 'AccessDeniedException', 'NotAuthorizedException', 'NoSuchKey'])(
    'never retries %s',
    async (name) => {
      const refused = awsError(name);
      const { fn, calls } = failingTimes(1, refused);
      const { waits, sleep } = recordingSleep();
      await expect(withRetry(fn, { sleep })).rejects.toBe(refused);
      expect(calls()).toBe(1);
      expect(waits).toEqual([]);
    },
  );

  it('returns at once when the first attempt works', async () => {
    const { waits, sleep } = recordingSleep();
    await expect(withRetry(async () => 42, { sleep })).resolves.toBe(42);
    expect(waits).toEqual([]);
  });
});
