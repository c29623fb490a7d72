import { describe, expect, it } from 'vitest';

import {
  codeSpans,
  editorHeightPx,
  LINE_HEIGHT_PX,
  matchLabFile,
  missingText,
  tabAfterKey,
} from './layout';

describe('layout', () => {
  it('sizes the editor to the file within bounds', () => {
    expect(editorHeightPx('x')).toBe(12 * LINE_HEIGHT_PX + 16);
    expect(editorHeightPx('x\n'.repeat(19))).toBe(20 * LINE_HEIGHT_PX + 16);
    expect(editorHeightPx('x\n'.repeat(500))).toBe(30 * LINE_HEIGHT_PX + 16);
  });

  it('moves between tabs the WAI-ARIA way', () => {
    expect(tabAfterKey('ArrowRight', 0, 3)).toBe(1);
    expect(tabAfterKey('ArrowRight', 2, 3)).toBe(0);
    expect(tabAfterKey('ArrowLeft', 0, 3)).toBe(2);
    expect(tabAfterKey('Home', 2, 3)).toBe(0);
    expect(tabAfterKey('End', 0, 3)).toBe(2);
    expect(tabAfterKey('Enter', 0, 3)).toBeUndefined();
    expect(tabAfterKey('ArrowRight', 0, 0)).toBeUndefined();
  });

  it('says what is missing to run', () => {
    expect(missingText('Local Spark', ['Java 17', 'Python 3.11'])).toBe(
      'To run labs on Local Spark, this machine needs Java 17; and Python 3.11.',
    );
    expect(missingText('Local Spark', [])).toBe('Local Spark is not ready yet.');
  });

  it('splits a message at backticks', () => {
    expect(codeSpans('start it with `npm start` then reload')).toEqual([
      { text: 'start it with ', code: false },
      { text: 'npm start', code: true },
      { text: ' then reload', code: false },
    ]);
  });
});

describe('matchLabFile', () => {
  const names = ['classify_batch.py', 'helpers/rules.py'];
  it('finds the lab file a reported path ends with', () => {
    expect(matchLabFile('classify_batch.py', names)).toBe('classify_batch.py');
    expect(matchLabFile('/tmp/run-12/classify_batch.py', names)).toBe('classify_batch.py');
    expect(matchLabFile('C:\\runs\\1\\helpers\\rules.py', names)).toBe('helpers/rules.py');
  });
  it('finds nothing for files outside the lab', () => {
    expect(matchLabFile('/usr/lib/python3/pyspark/sql/dataframe.py', names)).toBeUndefined();
    expect(matchLabFile('myclassify_batch.py', names)).toBeUndefined();
  });
});
