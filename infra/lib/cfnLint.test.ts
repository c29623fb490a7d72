/**
 * cfn-lint (AWS's CloudFormation linter, in the project's .venv) on the template the stack
 * synthesizes, with and without the shared cluster: CloudFormation would refuse what it calls
 * an error at deploy time, long after `cdk synth` said nothing. Errors fail; warnings are shown.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_SETTINGS } from './workshopApp';
import { type WorkshopSettings, WorkshopStack } from './workshopStack';

const REPO = path.resolve(__dirname, '../..');
const cfnLint = path.join(REPO, '.venv/bin/cfn-lint');

type Finding = {
  Filename: string;
  Level: 'Error' | 'Warning' | 'Informational';
  Message: string;
  Rule: { Id: string };
  Location: { Path?: (string | number)[] | null };
};

const templateOf = (settings: Partial<WorkshopSettings>) => {
  const app = new App();
  const stack = new WorkshopStack(app, 'Workshop', {
    settings: { ...DEFAULT_SETTINGS, siteOrigin: 'https://workshop.example.org', ...settings },
  });
  return Template.fromStack(stack).toJSON() as Record<string, unknown>;
};

/** cfn-lint's findings on these templates (one run for all), by file. */
async function lint(files: string[]): Promise<Finding[]> {
  let stdout: string;
  let code = 0;
  try {
    ({ stdout } = await promisify(execFile)(cfnLint, ['--format', 'json', '--', ...files], {
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (error) {
    // Findings make the exit code non-zero (2 errors, 4 warnings, 8 informational, or'ed).
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number' || failed.stdout === undefined) throw error;
    code = failed.code;
    stdout = failed.stdout;
    if ((code & ~(2 | 4 | 8)) !== 0) {
      throw new Error(`cfn-lint failed (exit ${code}): ${failed.stderr ?? ''}${stdout}`);
    }
  }
  const findings = JSON.parse(stdout) as Finding[];
  // The exit code and the report must agree, or the report is not what we think it is.
  expect(Boolean(code & 2), 'exit code says errors').toBe(
    findings.some((f) => f.Level === 'Error'),
  );
  return findings;
}

const describeFinding = (f: Finding) =>
  `${f.Level} ${f.Rule.Id} at ${(f.Location.Path ?? []).join('/')}: ${f.Message}`;

describe.skipIf(!existsSync(cfnLint))('cfn-lint on the synthesized template', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'workshop-cfn-lint-'));
  const file = (name: string) => path.join(dir, `${name}.template.json`);
  const byFile = new Map<string, Finding[]>();

  beforeAll(async () => {
    const plain = templateOf({});
    const withShared = templateOf({ sharedCluster: true, workshopName: 'spring-school' });
    // A control: the plain template with one property CloudFormation does not have, so a lint
    // that reports nothing (wrong arguments, unparsed output) cannot pass unnoticed.
    const broken = structuredClone(plain) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const bucket = Object.values(broken.Resources).find(({ Type }) => Type === 'AWS::S3::Bucket');
    if (!bucket) throw new Error('no bucket in the template');
    bucket.Properties.NoSuchSetting = true;

    const templates = { plain, withShared, broken };
    for (const [name, template] of Object.entries(templates)) {
      writeFileSync(file(name), JSON.stringify(template, null, 1));
      byFile.set(file(name), []);
    }
    for (const finding of await lint([...byFile.keys()])) {
      const list = byFile.get(path.resolve(finding.Filename));
      if (!list) throw new Error(`a finding on a file not linted: ${describeFinding(finding)}`);
      list.push(finding);
    }
  }, 90_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports an error in a template that has one (the control)', () => {
    const errors = (byFile.get(file('broken')) ?? []).filter((f) => f.Level === 'Error');
    expect(errors.map(describeFinding).join('\n')).toContain('NoSuchSetting');
  });

  it.each([
    ['without a shared cluster', 'plain'],
    ['with a shared cluster', 'withShared'],
  ])('finds no errors in the stack %s', (_name, template) => {
    const findings = byFile.get(file(template)) ?? [];
    const errors = findings.filter((f) => f.Level === 'Error');
    const others = findings.filter((f) => f.Level !== 'Error');
    const report = [
      `${errors.length} error(s):`,
      ...errors.map(describeFinding),
      `${others.length} warning(s) and other findings (not failing):`,
      ...others.map(describeFinding),
    ].join('\n');
    expect(errors.map(describeFinding), report).toEqual([]);
  });
});
