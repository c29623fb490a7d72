import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  hasMoto,
  type MotoServer,
  startMotoServer,
  TEST_CREDENTIALS,
  TEST_REGION,
} from '../../src/lib/aws/testing/motoServer';
import { type WorkshopConfig, workshopLink } from '../../src/lib/aws/workshopConfig';
import {
  type AttendeeResult,
  AttendeeSetupError,
  createAttendees,
  explainAwsError,
  formatCsv,
  formatTable,
  generateTemporaryPassword,
  parseAttendeeList,
  parseCliArguments,
  STACK_PASSWORD_POLICY,
  UsageError,
} from './attendees';

const REPO = path.resolve(__dirname, '../..');
const CLI = ['node_modules/tsx/dist/cli.mjs', 'infra/scripts/create-attendees.ts'];

const config: WorkshopConfig = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbC123xyz',
  userPoolClientId: '4example7clientid0123456789',
  identityPoolId: 'eu-west-1:0b2c4d6e-1111-2222-3333-444455556666',
  bucket: 'workshop-bucket-1a2b3c',
  releaseLabel: 'emr-7.13.0',
  serviceRole: 'spring-school-EmrServiceRole-AbCdEf',
  instanceProfile: 'spring-school-EmrInstanceRole-GhIjKl',
  subnetId: 'subnet-0123456789abcdef0',
};
const LINK = workshopLink('https://workshop.example.org', config);

describe('parseAttendeeList', () => {
  it('reads usernames and emails, skipping blank lines and comments', () => {
    const list = parseAttendeeList(
      '# spring school, room 2\r\n\nalice, alice@example.org\n  bob  \n   # late joiners\ncarol_2\n',
    );
    expect(list).toEqual({
      attendees: [
        { username: 'alice', email: 'alice@example.org', line: 3 },
        { username: 'bob', line: 4 },
        { username: 'carol_2', line: 6 },
      ],
      problems: [],
    });
  });

  it('names the line of every invalid username, email or line', () => {
    const list = parseAttendeeList(
      [
        'ok',
        'has space',
        '-dash-first',
        'x'.repeat(65),
        'dave,not-an-email',
        'eve,e@x.org,extra',
        ',',
      ].join('\n'),
    );
    expect(list.attendees.map((a) => a.username)).toEqual(['ok']);
    expect(list.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(list.problems[0]?.message).toMatch(/invalid username "has space"/);
    expect(list.problems[3]?.message).toMatch(/invalid email "not-an-email" for dave/);
    expect(list.problems[4]?.message).toMatch(/expected "username" or "username,email"/);
  });

  it('reports duplicates, also when they differ only in case', () => {
    const list = parseAttendeeList('alice\nbob\nalice,a@example.org\nBob\n');
    expect(list.attendees.map((a) => a.username)).toEqual(['alice', 'bob']);
    expect(list.problems).toEqual([
      { line: 3, message: 'duplicate username "alice" (first on line 1)' },
      { line: 4, message: 'duplicate username "Bob" (first on line 2)' },
    ]);
  });
});

describe('generateTemporaryPassword', () => {
  it("meets the stack pool's policy every time: 16 characters, upper, lower, digit", () => {
    const samples = Array.from({ length: 5000 }, () => generateTemporaryPassword());
    for (const password of samples) {
      expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password.length).toBeGreaterThanOrEqual(STACK_PASSWORD_POLICY.minLength);
    }
    expect(new Set(samples).size).toBe(samples.length);
  });

  it('keeps every character class even when the randomness is worst-case', () => {
    const alwaysFirst = generateTemporaryPassword(STACK_PASSWORD_POLICY, () => 0);
    expect(alwaysFirst).toMatch(/[A-Z]/);
    expect(alwaysFirst).toMatch(/[a-z]/);
    expect(alwaysFirst).toMatch(/[0-9]/);
  });

  it('follows a stricter policy: longer, with a symbol', () => {
    const policy = { ...STACK_PASSWORD_POLICY, minLength: 20, requireSymbols: true };
    for (let i = 0; i < 500; i += 1) {
      const password = generateTemporaryPassword(policy);
      expect(password).toHaveLength(20);
      expect(password).toMatch(/[^A-Za-z0-9]/);
    }
  });

  it('leaves out characters people confuse', () => {
    const all = Array.from({ length: 2000 }, () => generateTemporaryPassword()).join('');
    expect(all).not.toMatch(/[0O1lI]/);
  });
});

describe('parseCliArguments', () => {
  it('takes the user pool and Region from the workshop link', () => {
    expect(parseCliArguments(['--link', LINK, 'attendees.txt'])).toEqual({
      file: 'attendees.txt',
      userPoolId: config.userPoolId,
      region: 'eu-west-1',
      link: LINK,
    });
  });

  it('takes --user-pool-id and --region instead, and a local endpoint for tests', () => {
    expect(
      parseCliArguments([
        '--user-pool-id',
        'eu-west-1_Xyz',
        '--region',
        'eu-west-1',
        '--endpoint',
        'http://localhost:5000',
        '--csv',
        'out.csv',
        'list.txt',
      ]),
    ).toEqual({
      file: 'list.txt',
      userPoolId: 'eu-west-1_Xyz',
      region: 'eu-west-1',
      endpoint: 'http://localhost:5000',
      csv: 'out.csv',
    });
    expect(parseCliArguments(['--help'])).toBe('help');
  });

  it.each([
    [['--link', LINK], /Name the attendee list file/],
    [['--link', LINK, 'a.txt', 'b.txt'], /One attendee list file/],
    [['list.txt'], /Give --link, or both --user-pool-id and --region/],
    [['--link', LINK, '--region', 'eu-west-1', 'list.txt'], /either --link or/],
    // What the shell leaves of an unquoted link: everything up to the first &.
    [['--link', LINK.slice(0, LINK.indexOf('&')), 'list.txt'], /missing userPoolId.*single quotes/],
    [['--user-pool-id', 'us-east-1_Xyz', '--region', 'eu-west-1', 'l.txt'], /not in eu-west-1/],
    [['--user-pool-id', 'nope', '--region', 'eu-west-1', 'l.txt'], /not a user pool id/],
    [['--user-pool-id', 'eu-west-1_X', '--region', 'Europe', 'l.txt'], /not a Region/],
    [
      ['--link', LINK, '--endpoint', 'https://cognito-idp.eu-west-1.amazonaws.com', 'l.txt'],
      /tests/,
    ],
    [['--link', LINK, '--endpoint', 'http://localhost.evil.example:80', 'l.txt'], /tests/],
    [['--link', LINK, '--bogus', 'l.txt'], /bogus/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArguments(argv)).toThrow(UsageError);
    expect(() => parseCliArguments(argv)).toThrow(message);
  });
});

describe('output', () => {
  const results: AttendeeResult[] = [
    {
      attendee: { username: 'alice', email: 'alice@example.org', line: 1 },
      status: 'created',
      temporaryPassword: 'Abcdefgh2345jkmn',
    },
    { attendee: { username: 'bob', line: 2 }, status: 'exists' },
    { attendee: { username: 'carol', line: 3 }, status: 'failed', reason: 'Invalid email, "x"' },
  ];

  it('lines up the table columns', () => {
    expect(formatTable(results)).toBe(
      [
        'Username  Email              Temporary password  Status',
        '--------  -----------------  ------------------  -----------------------------------',
        'alice     alice@example.org  Abcdefgh2345jkmn    created',
        'bob       -                  -                   already exists (password unchanged)',
        'carol     -                  -                   failed: Invalid email, "x"',
        '',
      ].join('\n'),
    );
  });

  it('quotes CSV fields that need it and repeats the link', () => {
    expect(formatCsv(results, LINK).split('\n')).toEqual([
      'username,email,temporary_password,status,workshop_link',
      `alice,alice@example.org,Abcdefgh2345jkmn,created,${LINK}`,
      `bob,,,already exists (password unchanged),${LINK}`,
      `carol,,,"failed: Invalid email, ""x""",${LINK}`,
      '',
    ]);
  });

  it('explains a missing user pool with what to check', () => {
    const error = Object.assign(new Error('User pool does not exist.'), {
      name: 'ResourceNotFoundException',
    });
    expect(
      explainAwsError(error, 'DescribeUserPool', {
        userPoolId: 'eu-west-1_X',
        region: 'eu-west-1',
      }),
    ).toMatch(/eu-west-1_X not found in eu-west-1.*check the region.*UserPoolId output/);
  });
});

describe('createAttendees requests', () => {
  it('sets the temporary password, sends no email and marks a given email verified', async () => {
    const sent: { name: string; input: unknown }[] = [];
    const client = {
      send: async (command: { constructor: { name: string }; input: unknown }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        return { UserPool: { Policies: { PasswordPolicy: { MinimumLength: 20 } } } };
      },
    } as unknown as Parameters<typeof createAttendees>[0];
    const { results } = await createAttendees(client, {
      userPoolId: 'eu-west-1_X',
      region: 'eu-west-1',
      attendees: parseAttendeeList('alice,alice@example.org\nbob\n').attendees,
      generatePassword: (policy) => `Pw${policy.minLength}`,
    });
    expect(sent).toEqual([
      { name: 'DescribeUserPoolCommand', input: { UserPoolId: 'eu-west-1_X' } },
      {
        name: 'AdminCreateUserCommand',
        input: {
          UserPoolId: 'eu-west-1_X',
          Username: 'alice',
          TemporaryPassword: 'Pw20',
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: 'alice@example.org' },
            { Name: 'email_verified', Value: 'true' },
          ],
        },
      },
      {
        name: 'AdminCreateUserCommand',
        input: {
          UserPoolId: 'eu-west-1_X',
          Username: 'bob',
          TemporaryPassword: 'Pw20',
          MessageAction: 'SUPPRESS',
          UserAttributes: [],
        },
      },
    ]);
    expect(results.map((result) => result.status)).toEqual(['created', 'created']);
  });
});

type Run = { code: number | null; stdout: string; stderr: string };

function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      cwd: REPO,
      env: { ...process.env, AWS_PROFILE: undefined, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The table's rows as cells (columns are separated by at least two spaces). */
function tableRows(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Username'));
  const end = lines.indexOf('', start);
  return lines.slice(start + 2, end).map((line) => line.split(/ {2,}/));
}

describe('the command line without AWS', () => {
  it('exits 2 with the usage on a non-local --endpoint', async () => {
    const run = await runCli(['--link', LINK, '--endpoint', 'https://example.org', 'x.txt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--endpoint is for tests/);
    expect(run.stderr).toMatch(/Usage:/);
    expect(run.stdout).toBe('');
  });
});

describe.skipIf(!hasMoto)('against a moto server', () => {
  let moto: MotoServer;
  let cognito: CognitoIdentityProviderClient;
  let work: string;

  /** A user pool like the stack's: minimum length 12, upper, lower and digits, no symbols. */
  async function stackLikePool(): Promise<{ userPoolId: string; clientId: string }> {
    const { UserPool } = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: 'workshop',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireUppercase: true,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: false,
            TemporaryPasswordValidityDays: 7,
          },
        },
      }),
    );
    const userPoolId = UserPool?.Id ?? '';
    const { UserPoolClient } = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'site',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    return { userPoolId, clientId: UserPoolClient?.ClientId ?? '' };
  }

  const signIn = (clientId: string, username: string, password: string) =>
    cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );

  const attributes = async (userPoolId: string, username: string) => {
    const user = await cognito.send(
      new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }),
    );
    return {
      status: user.UserStatus,
      attributes: Object.fromEntries(
        (user.UserAttributes ?? [])
          .filter(({ Name }) => Name !== 'sub')
          .map(({ Name, Value }) => [Name, Value]),
      ),
    };
  };

  beforeAll(async () => {
    moto = await startMotoServer();
    cognito = new CognitoIdentityProviderClient({
      endpoint: moto.endpoint,
      region: TEST_REGION,
      credentials: TEST_CREDENTIALS,
    });
    work = mkdtempSync(path.join(tmpdir(), 'attendees-'));
  });

  afterAll(async () => {
    cognito?.destroy();
    await moto?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  describe('createAttendees', () => {
    let pool: { userPoolId: string; clientId: string };
    let first: AttendeeResult[];
    const { attendees } = parseAttendeeList(
      'alice,alice@example.org\nbob\ncarol,carol@example.org\n',
    );

    beforeAll(async () => {
      pool = await stackLikePool();
      ({ results: first } = await createAttendees(cognito, {
        userPoolId: pool.userPoolId,
        region: TEST_REGION,
        attendees,
      }));
    });

    it('creates every attendee, waiting for a new password, with the email given', async () => {
      expect(first.map((result) => [result.attendee.username, result.status])).toEqual([
        ['alice', 'created'],
        ['bob', 'created'],
        ['carol', 'created'],
      ]);
      expect(await attributes(pool.userPoolId, 'alice')).toEqual({
        status: 'FORCE_CHANGE_PASSWORD',
        attributes: { email: 'alice@example.org', email_verified: 'true' },
      });
      expect(await attributes(pool.userPoolId, 'bob')).toEqual({
        status: 'FORCE_CHANGE_PASSWORD',
        attributes: {},
      });
      expect(await attributes(pool.userPoolId, 'carol')).toMatchObject({
        attributes: { email: 'carol@example.org' },
      });
    });

    it('gives temporary passwords that sign in and ask for a new one', async () => {
      for (const result of first) {
        if (result.status !== 'created') throw new Error(`${result.attendee.username} not created`);
        const answer = await signIn(
          pool.clientId,
          result.attendee.username,
          result.temporaryPassword,
        );
        expect(answer.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
      }
      // The control: moto does check passwords.
      await expect(signIn(pool.clientId, 'alice', 'Wrong2345password')).rejects.toMatchObject({
        name: 'NotAuthorizedException',
      });
    });

    it('on a second run, reports everyone as existing and creates nobody', async () => {
      const { results } = await createAttendees(cognito, {
        userPoolId: pool.userPoolId,
        region: TEST_REGION,
        attendees,
      });
      expect(results.map((result) => result.status)).toEqual(['exists', 'exists', 'exists']);
      const { Users } = await cognito.send(new ListUsersCommand({ UserPoolId: pool.userPoolId }));
      expect(Users?.length).toBe(3);
      // The first passwords still work: nothing was reset.
      const alice = first[0];
      if (alice?.status !== 'created') throw new Error('alice not created');
      expect((await signIn(pool.clientId, 'alice', alice.temporaryPassword)).ChallengeName).toBe(
        'NEW_PASSWORD_REQUIRED',
      );
    });

    it('stops before creating anyone when the user pool does not exist', async () => {
      const run = createAttendees(cognito, {
        userPoolId: 'eu-west-1_DoesNotExist',
        region: TEST_REGION,
        attendees,
      });
      await expect(run).rejects.toBeInstanceOf(AttendeeSetupError);
      await expect(run).rejects.toMatchObject({
        results: [],
        message: expect.stringMatching(/eu-west-1_DoesNotExist not found in eu-west-1/),
      });
    });
  });

  describe('the command line', () => {
    const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

    it('creates the list, prints the table and the first sign-in details, writes the CSV', async () => {
      const pool = await stackLikePool();
      const list = path.join(work, 'attendees.txt');
      const csv = path.join(work, 'attendees.csv');
      writeFileSync(list, '# room 2\ndora,dora@example.org\nemil\n');
      const args = [
        '--endpoint',
        moto.endpoint,
        '--user-pool-id',
        pool.userPoolId,
        '--region',
        TEST_REGION,
      ];

      const run = await runCli([...args, '--csv', csv, list], env);
      expect(run.stderr).not.toMatch(/Unexpected/);
      expect(run.code).toBe(0);
      const rows = tableRows(run.stdout);
      expect(rows.map(([username, email, , status]) => [username, email, status])).toEqual([
        ['dora', 'dora@example.org', 'created'],
        ['emil', '-', 'created'],
      ]);
      expect(run.stdout).toContain(
        'must choose a new password: at least 12 characters, with an upper-case letter, ' +
          'a lower-case letter and a digit.',
      );
      expect(run.stdout).toMatch(/Workshop link: not given/);

      const [, , password = ''] = rows[0] ?? [];
      expect((await signIn(pool.clientId, 'dora', password)).ChallengeName).toBe(
        'NEW_PASSWORD_REQUIRED',
      );
      expect(readFileSync(csv, 'utf8')).toContain(`dora,dora@example.org,${password},created,`);
      expect(statSync(csv).mode & 0o077).toBe(0);

      const again = await runCli([...args, list], env);
      expect(again.code).toBe(0);
      expect(tableRows(again.stdout).map((row) => row[3])).toEqual([
        'already exists (password unchanged)',
        'already exists (password unchanged)',
      ]);
      expect(again.stdout).toMatch(/2 already existed/);
    });

    it('exits non-zero and says so when the list cannot be read', async () => {
      const missing = path.join(work, 'no-such-list.txt');
      const run = await runCli(
        [
          '--endpoint',
          moto.endpoint,
          '--user-pool-id',
          'eu-west-1_X',
          '--region',
          TEST_REGION,
          missing,
        ],
        env,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Cannot read the attendee list ${missing}: no such file.`);
      expect(run.stdout).toBe('');
    });

    it('exits non-zero with advice when the user pool is not in that Region', async () => {
      const list = path.join(work, 'one.txt');
      writeFileSync(list, 'frank\n');
      const run = await runCli(
        [
          '--endpoint',
          moto.endpoint,
          '--user-pool-id',
          'eu-west-1_Gone',
          '--region',
          TEST_REGION,
          list,
        ],
        env,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/eu-west-1_Gone not found in eu-west-1 .*: check the region/);
    });
  });
});
