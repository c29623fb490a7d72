import { describe, expect, it } from 'vitest';

import { rowWindow } from './virtualRows';

describe('rowWindow', () => {
  it('renders the rows in view plus the overscan', () => {
    expect(
      rowWindow({ rowCount: 1000, rowHeight: 30, scrollTop: 0, viewportHeight: 300, overscan: 5 }),
    ).toEqual({ start: 0, end: 16, totalHeight: 30_000 });
    expect(
      rowWindow({
        rowCount: 1000,
        rowHeight: 30,
        scrollTop: 3000,
        viewportHeight: 300,
        overscan: 5,
      }),
    ).toEqual({ start: 95, end: 116, totalHeight: 30_000 });
  });

  it('stops at the last row when scrolled to the end or beyond', () => {
    const end = rowWindow({ rowCount: 100, rowHeight: 30, scrollTop: 99_999, viewportHeight: 300 });
    expect(end.end).toBe(100);
    expect(end.start).toBe(100 - 10 - 6);
  });

  it('renders every row of a short list and nothing of an empty one', () => {
    expect(rowWindow({ rowCount: 3, rowHeight: 30, scrollTop: 0, viewportHeight: 300 })).toEqual({
      start: 0,
      end: 3,
      totalHeight: 90,
    });
    expect(rowWindow({ rowCount: 0, rowHeight: 30, scrollTop: 50, viewportHeight: 300 })).toEqual({
      start: 0,
      end: 0,
      totalHeight: 0,
    });
  });
});
