import { describe, expect, it } from 'vitest';

import {
  currentFiles,
  DRAFTS_VERSION,
  fingerprint,
  modifiedFiles,
  originalDrafts,
  parseDrafts,
  serialiseDrafts,
} from './drafts';

const originals = [
  { name: 'classify_batch.py', code: 'THRESHOLD = 50\n' },
  { name: 'rules.py', code: 'RULES = []\n' },
];

describe('drafts', () => {
  it('starts from the originals when nothing is stored', () => {
    expect(parseDrafts(null, originals)).toEqual(originalDrafts(originals));
    expect(parseDrafts('', originals).code).toEqual({
      'classify_batch.py': 'THRESHOLD = 50\n',
      'rules.py': 'RULES = []\n',
    });
  });

  it('round-trips edits, storing only the edited files', () => {
    const code = { 'classify_batch.py': 'THRESHOLD = 35\n', 'rules.py': 'RULES = []\n' };
    const raw = serialiseDrafts(code, originals);
    expect(raw).not.toBeNull();
    expect(Object.keys(JSON.parse(raw ?? '{}').files)).toEqual(['classify_batch.py']);
    expect(parseDrafts(raw, originals)).toEqual({ code, stale: [] });
  });

  it('stores nothing when every file is back to its original', () => {
    expect(serialiseDrafts(originalDrafts(originals).code, originals)).toBeNull();
  });

  it.each([
    ['not JSON', '{oops'],
    ['a number', '42'],
    ['null', 'null'],
    ['another version', JSON.stringify({ version: DRAFTS_VERSION + 1, files: {} })],
    ['files not an object', JSON.stringify({ version: DRAFTS_VERSION, files: 'x' })],
  ])('ignores stored data that is %s', (_what, raw) => {
    expect(parseDrafts(raw, originals)).toEqual(originalDrafts(originals));
  });

  it('keeps good entries and drops bad or unknown ones', () => {
    const raw = JSON.stringify({
      version: DRAFTS_VERSION,
      files: {
        'classify_batch.py': { code: 'edited\n', base: fingerprint('THRESHOLD = 50\n') },
        'rules.py': { code: 12, base: 'x' },
        'gone.py': { code: 'old file\n', base: 'x' },
      },
    });
    expect(parseDrafts(raw, originals)).toEqual({
      code: { 'classify_batch.py': 'edited\n', 'rules.py': 'RULES = []\n' },
      stale: [],
    });
  });

  it('marks an edit stale when the lab file changed in the site since', () => {
    const raw = serialiseDrafts({ 'classify_batch.py': 'THRESHOLD = 35\n' }, originals);
    const updated = [
      { name: 'classify_batch.py', code: 'THRESHOLD = 60\n' },
      { name: 'rules.py', code: 'RULES = []\n' },
    ];
    expect(parseDrafts(raw, updated)).toEqual({
      code: { 'classify_batch.py': 'THRESHOLD = 35\n', 'rules.py': 'RULES = []\n' },
      stale: ['classify_batch.py'],
    });
  });

  it('detects modified files in the lab order and lists current files', () => {
    const code = { 'rules.py': 'RULES = [1]\n', 'classify_batch.py': 'THRESHOLD = 35\n' };
    expect(modifiedFiles(code, originals)).toEqual(['classify_batch.py', 'rules.py']);
    expect(modifiedFiles(originalDrafts(originals).code, originals)).toEqual([]);
    expect(currentFiles({ 'rules.py': 'RULES = [1]\n' }, originals)).toEqual([
      { name: 'classify_batch.py', code: 'THRESHOLD = 50\n' },
      { name: 'rules.py', code: 'RULES = [1]\n' },
    ]);
  });

  it('fingerprints text stably and tells texts apart', () => {
    expect(fingerprint('')).toBe('811c9dc5');
    expect(fingerprint('a')).toBe('e40c292c');
    expect(fingerprint('THRESHOLD = 50')).not.toBe(fingerprint('THRESHOLD = 35'));
  });
});
