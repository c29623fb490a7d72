#!/usr/bin/env node
/**
 * Creates the attendees' accounts in the workshop's user pool and prints what to hand out.
 *   npx tsx infra/scripts/create-attendees.ts --link '<WorkshopLink output>' attendees.txt
 * The logic lives in attendees.ts; this file reads the arguments and the list, prints, and
 * sets the exit code (0 done, 1 a problem with the list or AWS, 2 a wrong command line).
 */
import { readFile, writeFile } from 'node:fs/promises';

import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

import {
  type AttendeeResult,
  AttendeeSetupError,
  type CliOptions,
  createAttendees,
  firstSignInNote,
  formatCsv,
  formatTable,
  parseAttendeeList,
  parseCliArguments,
  UsageError,
  USAGE,
} from './attendees';

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(`${text}\n`);

function readProblem(file: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : String(error);
  return `Cannot read the attendee list ${file}: ${why}.`;
}

/** The table, and the CSV when asked: written even when AWS stopped us, so no password is lost. */
async function report(options: CliOptions, results: readonly AttendeeResult[]): Promise<boolean> {
  if (results.length === 0) return true;
  out(formatTable(results));
  if (options.csv === undefined) return true;
  try {
    // It holds passwords: readable by its owner only.
    await writeFile(options.csv, formatCsv(results, options.link), { mode: 0o600 });
    err(`Wrote ${options.csv} (it holds the temporary passwords: delete it after the workshop).`);
    return true;
  } catch (error) {
    err(`Cannot write ${options.csv}: ${String(error)}`);
    return false;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseCliArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    out(`${USAGE}\n`);
    return 0;
  }

  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    err(readProblem(options.file, error));
    return 1;
  }
  const { attendees, problems } = parseAttendeeList(text);
  if (problems.length > 0) {
    for (const { line, message } of problems) err(`${options.file}:${line}: ${message}`);
    err('Nothing was created: fix the list and run again.');
    return 1;
  }
  if (attendees.length === 0) {
    err(`${options.file} names no attendees: one username (or username,email) a line.`);
    return 1;
  }

  const client = new CognitoIdentityProviderClient({
    region: options.region,
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
  });
  try {
    const { policy, results } = await createAttendees(client, { ...options, attendees });
    const written = await report(options, results);
    out(`\n${firstSignInNote(policy, options.link)}`);
    const existing = results.filter((result) => result.status === 'exists');
    if (existing.length > 0) {
      out(
        `\n${existing.length} already existed and keep their password. To give one a new ` +
          'temporary password:\n' +
          `  aws cognito-idp admin-set-user-password --region ${options.region} ` +
          `--user-pool-id ${options.userPoolId} --username <name> --password '<new>' --no-permanent\n`,
      );
    }
    const failed = results.filter((result) => result.status === 'failed').length;
    if (failed > 0) err(`${failed} attendee(s) could not be created: see the Status column.`);
    return failed > 0 || !written ? 1 : 0;
  } catch (error) {
    if (!(error instanceof AttendeeSetupError)) throw error;
    await report(options, error.results);
    err(error.message);
    if (error.results.length > 0) {
      err(`Stopped after ${error.results.length} of ${attendees.length}; run again to go on.`);
    }
    return 1;
  } finally {
    client.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    err(
      `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
