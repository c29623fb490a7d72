/** The rows of a fixed-row-height list to keep in the DOM: those in view plus a few either side. */
export type RowWindow = {
  /** First row to render (inclusive). */
  start: number;
  /** Row after the last one to render (exclusive). */
  end: number;
  /** Height of all rows: the scrolled content's height. */
  totalHeight: number;
};

export function rowWindow(options: {
  rowCount: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  overscan?: number;
}): RowWindow {
  const { rowCount, rowHeight, overscan = 6 } = options;
  const totalHeight = rowCount * rowHeight;
  if (rowCount <= 0 || rowHeight <= 0) return { start: 0, end: 0, totalHeight: 0 };
  const maxTop = Math.max(0, totalHeight - options.viewportHeight);
  const top = Math.min(Math.max(0, options.scrollTop), maxTop);
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(0, options.viewportHeight) / rowHeight) + 1;
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(rowCount, first + visible + overscan),
    totalHeight,
  };
}
