import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

/**
 * Statements the pages once made that the code contradicts (issue 13). The facts themselves are
 * rendered from the code now (rules, schema, examples, cluster, prices); this keeps the old hand
 * copies from coming back. Each entry says why the phrase is wrong.
 */
const STALE: { phrase: RegExp; why: string }[] = [
  { phrase: /coming next in this workshop/i, why: 'the labs exist' },
  { phrase: /is not part of the site yet/i, why: 'Run on EMR exists' },
  { phrase: /"battery"\s*:/, why: 'the schema’s field is battery_pct' },
  { phrase: /"site_id"\s*:\s*"north"/, why: 'the simulator’s site is plant-a' },
  { phrase: /above limit 105/i, why: 'the overheat rule is CRITICAL at 110 °C' },
  { phrase: /Battery at 9 %/, why: 'low battery is a WARNING below 15%' },
  {
    phrase: /Employee[^|]*restricted zone[^|]*\|\s*`SECURITY`\s*\|\s*`WARNING`/,
    why: 'an employee in a restricted zone is CRITICAL',
  },
  { phrase: /the thresholds are illustrative/i, why: 'the rules table is the labs’ own' },
  { phrase: /three m5\.xlarge/i, why: 'the lab pages launch INSTANCE_COUNT nodes (cluster.ts)' },
  {
    phrase: /partitioned by event date/i,
    why: 'the store is partitioned by source, load, batch and date',
  },
  {
    phrase: /(overlap|backlog)[^.]*adds nothing/i,
    why: 'an overlapping load adds rows; lab 4 de-duplicates',
  },
  { phrase: /versioned envelope|unknown versions/i, why: 'the envelope has no version field' },
  { phrase: /\$0\.192|\$0\.048/, why: 'the cluster’s prices come from prices.ts' },
  { phrase: /IdleTimeout=3600|after an hour idle/, why: 'the idle time is IDLE_TIMEOUT_S' },
  { phrase: /expire after 14 days/, why: 'the expiry is ATTENDEE_FILES_EXPIRE_DAYS' },
];

const root = fileURLToPath(new URL('../../', import.meta.url));

function pages(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return pages(path);
    return /\.mdx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the pages do not contradict the code', () => {
  const docs = pages(join(root, 'docs')).map((path) => ({
    page: relative(root, path),
    // One line: a phrase may wrap anywhere in the MDX source.
    text: readFileSync(path, 'utf8').replace(/\s+/g, ' '),
  }));

  it('finds the pages', () => {
    expect(docs.map((doc) => doc.page)).toContain('docs/step-1-understand-the-problem.mdx');
  });

  it.each(STALE)('no page says $phrase ($why)', ({ phrase }) => {
    expect(docs.filter((doc) => phrase.test(doc.text)).map((doc) => doc.page)).toEqual([]);
  });

  it('step 1 shows the labs’ own rules, fields and example events', () => {
    const step1 = docs.find((doc) => doc.page === 'docs/step-1-understand-the-problem.mdx');
    for (const component of ['<RulesTable />', '<EventFields />', '<ExampleEvent ']) {
      expect(step1?.text).toContain(component);
    }
  });
});
