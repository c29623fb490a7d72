import { describe, expect, it } from 'vitest';

import {
  formatCount,
  formatDateTime,
  formatDuration,
  formatMinute,
  formatNumber,
  formatTime,
  humanise,
  titleCase,
} from './format';

describe('format', () => {
  it('formats counts and numbers the same on server and browser', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatNumber(203.66)).toBe('203.7');
  });

  it('formats durations in a readable unit', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(999.4)).toBe('999 ms');
    expect(formatDuration(1000)).toBe('1 s');
    expect(formatDuration(59_940)).toBe('59.9 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(561_749.4)).toBe('9 min 22 s');
    expect(formatDuration(3_600_000 + 30 * 60_000)).toBe('1 h 30 min');
    expect(formatDuration(47 * 3_600_000 + 59 * 60_000)).toBe('47 h 59 min');
    expect(formatDuration(48 * 3_600_000)).toBe('2 d');
    expect(formatDuration((548 * 24 + 3) * 3_600_000 + 20 * 60_000)).toBe('548 d 3 h');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('formats times in UTC', () => {
    expect(formatTime('2025-06-02T08:33:09.970Z')).toBe('08:33:09');
    expect(formatTime('2025-06-02T10:33:09+02:00')).toBe('08:33:09');
    expect(formatMinute('2025-06-02T08:33:00Z')).toBe('08:33');
    expect(formatDateTime('2025-06-02T08:33:09Z')).toBe('2025-06-02 08:33 UTC');
    expect(formatTime('not a time')).toBe('not a time');
  });

  it('turns codes into words', () => {
    expect(humanise('duplicates_dropped')).toBe('duplicates dropped');
    expect(titleCase('SAFETY')).toBe('Safety');
  });
});
