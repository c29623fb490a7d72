import { describe, expect, it } from 'vitest';

import { appendLog, emptyLog, LOG_LINE_LENGTH } from './logBuffer';

describe('log buffer', () => {
  it('splits chunks into lines and drops a trailing newline', () => {
    const log = appendLog(emptyLog(), 'one\r\ntwo\nthree\n');
    expect(log).toEqual({ lines: ['one', 'two', 'three'], dropped: 0 });
  });

  it('keeps only the latest lines and counts the dropped ones', () => {
    let log = emptyLog();
    for (let i = 1; i <= 7; i++) log = appendLog(log, `line ${i}`, 5);
    expect(log.lines).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
    expect(log.dropped).toBe(2);
    log = appendLog(log, 'a\nb\nc', 5);
    expect(log.lines).toEqual(['line 6', 'line 7', 'a', 'b', 'c']);
    expect(log.dropped).toBe(5);
  });

  it('cuts very long lines', () => {
    const [line] = appendLog(emptyLog(), 'x'.repeat(LOG_LINE_LENGTH + 50)).lines;
    expect(line?.startsWith('x'.repeat(LOG_LINE_LENGTH))).toBe(true);
    expect(line?.endsWith('(line cut)')).toBe(true);
    expect(line?.length).toBeLessThan(LOG_LINE_LENGTH + 20);
  });

  it('keeps an empty line as a line', () => {
    expect(appendLog(emptyLog(), '').lines).toEqual(['']);
  });
});
