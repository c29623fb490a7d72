import { describe, expect, it } from 'vitest';

import { emptyWorksheet, WORKSHEET_VERSION } from './model';
import { parseStoredWorksheet } from './normalise';
import { MEASURED_EXAMPLES } from './requirements';
import { filledWorksheet } from './testFixtures';
import { importWorksheet, WORKSHEET_FORMAT, worksheetToJson } from './transfer';

const exported = (worksheet: unknown, version: unknown = WORKSHEET_VERSION) =>
  JSON.stringify({ format: WORKSHEET_FORMAT, version, exportedAt: 'x', worksheet });

describe('export and import', () => {
  it('round-trips a filled worksheet', () => {
    const worksheet = filledWorksheet();
    expect(importWorksheet(worksheetToJson(worksheet))).toEqual({ ok: true, worksheet });
  });

  it('round-trips a new, empty worksheet', () => {
    expect(importWorksheet(worksheetToJson(emptyWorksheet()))).toEqual({
      ok: true,
      worksheet: emptyWorksheet(),
    });
  });

  it('marks the file with its format, version and time', () => {
    const file = JSON.parse(worksheetToJson(emptyWorksheet(), new Date('2026-11-28T12:00:00Z')));
    expect(file).toMatchObject({
      format: WORKSHEET_FORMAT,
      version: WORKSHEET_VERSION,
      exportedAt: '2026-11-28T12:00:00.000Z',
    });
  });

  it('rejects a file from an older version with a clear message', () => {
    const result = importWorksheet(exported(filledWorksheet(), 0));
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/older version of the site \(version 0\).*unchanged/),
    });
  });

  it('rejects a file from a newer version and says to reload', () => {
    const result = importWorksheet(exported(filledWorksheet(), WORKSHEET_VERSION + 1));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/newer version.*Reload the page/);
  });

  it.each([
    ['not JSON', 'hello, instructor', /not JSON/],
    ['JSON but not an object', '[1, 2, 3]', /not a worksheet export/],
    ['another JSON file', '{"name": "package", "version": 1}', /format marker/],
    [
      'a board export',
      '{"format": "emr-spark-workshop/architecture-board", "version": 1, "board": {}}',
      /format marker/,
    ],
    ['no version', `{"format": "${WORKSHEET_FORMAT}", "worksheet": {}}`, /no valid version/],
    ['no worksheet', exported(null), /no worksheet in it/],
    ['a huge file', `"${'x'.repeat(1_000_001)}"`, /too large/],
  ])('rejects %s with a message', (_name, text, message) => {
    const result = importWorksheet(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.message).toMatch(/Nothing was imported; your saved worksheet is unchanged\./);
    }
  });

  it('keeps the well-formed parts of a damaged export and drops the rest', () => {
    const worksheet = {
      functionalities: [
        { id: 'F1', text: 'Receive', actor: 'Devices', priority: 'someday' },
        { id: '<script>', text: 'x' },
        'not an object',
      ],
      drivers: 'latency first',
      requirements: [{ id: 'NFR-1', text: 'p95', check: { metric: 'vibes', target: 3 } }],
      environment: { hosting: 'moon', skills: ['kafka', 'cobol'] },
      choices: { storage: { optionId: 's3-parquet' }, teleport: { optionId: 'x' } },
      board: {
        nodes: [
          { id: 'n1', label: 'A', role: 'nowhere', x: 10, y: 20 },
          { id: 'n2', label: 'B', role: 'storage', x: 'left', y: 0 },
        ],
        edges: [{ id: 'e1', from: 'n1', to: 'n2', label: '' }],
      },
    };
    const result = importWorksheet(exported(worksheet));
    if (!result.ok) throw new Error(result.message);
    const imported = result.worksheet;
    expect(imported.functionalities).toEqual([
      { id: 'F1', text: 'Receive', actor: 'Devices', priority: null },
    ]);
    expect(imported.drivers).toEqual(emptyWorksheet().drivers);
    expect(imported.requirements[0]?.check).toBeNull();
    expect(imported.environment).toMatchObject({ hosting: null, skills: ['kafka'] });
    expect(imported.choices).toEqual({ storage: { optionId: 's3-parquet', reason: '' } });
    expect(imported.board).toEqual({
      nodes: [{ id: 'n1', label: 'A', role: 'other', optionId: null, x: 10, y: 20 }],
      edges: [],
    });
  });
});

describe('parseStoredWorksheet', () => {
  it('starts a new worksheet without stored data', () => {
    expect(parseStoredWorksheet(null)).toEqual(emptyWorksheet());
  });

  it.each(['{not json', '42', 'null', '{"version": 99}', '{"functionalities": []}'])(
    'starts afresh from unreadable data %s',
    (raw) => {
      expect(parseStoredWorksheet(raw)).toEqual(emptyWorksheet());
    },
  );

  it('round-trips what the store writes', () => {
    const worksheet = filledWorksheet();
    expect(parseStoredWorksheet(JSON.stringify(worksheet))).toEqual(worksheet);
  });

  it('checks a stored NFR-1 example against the latency its text defines, from event_time', () => {
    const [latency, , restart] = MEASURED_EXAMPLES;
    const stored = {
      ...emptyWorksheet(),
      requirements: [
        // As the examples were stored before the labs measured latency from event_time.
        {
          ...latency,
          id: 'NFR-1',
          scenarioId: null,
          check: { metric: 'streamLatencyP95Ms', target: 3000 },
        },
        {
          ...restart,
          id: 'NFR-2',
          scenarioId: null,
          check: { metric: 'eventsLostOnRestart', target: 0 },
        },
        {
          id: 'NFR-3',
          text: 'Files are stored within 2 s of landing',
          check: { metric: 'streamLatencyP95Ms', target: 2000 },
        },
      ],
    };
    const checks = parseStoredWorksheet(JSON.stringify(stored)).requirements.map((r) => r.check);
    expect(checks).toEqual([
      { metric: 'eventTimeLatencyP95Ms', target: 3000 },
      null, // no run measures events lost on restart
      { metric: 'streamLatencyP95Ms', target: 2000 },
    ]);
  });

  it('keeps an emptied list empty instead of refilling it', () => {
    const emptied = { ...emptyWorksheet(), functionalities: [], drivers: [] };
    expect(parseStoredWorksheet(JSON.stringify(emptied))).toMatchObject({
      functionalities: [],
      drivers: [],
    });
  });
});
