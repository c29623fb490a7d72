/**
 * A run's log as the page keeps it: the latest lines only, each of bounded length, so a chatty
 * Spark job cannot grow the page without end.
 */
export const LOG_LINE_LIMIT = 1000;
export const LOG_LINE_LENGTH = 2000;

export type LogBuffer = {
  readonly lines: readonly string[];
  /** Lines dropped from the start to stay within the limit. */
  readonly dropped: number;
};

export const emptyLog = (): LogBuffer => ({ lines: [], dropped: 0 });

/** Appends a chunk (which may hold several lines), keeping at most `limit` lines. */
export function appendLog(log: LogBuffer, chunk: string, limit = LOG_LINE_LIMIT): LogBuffer {
  const added = chunk
    .replace(/\r\n?/g, '\n')
    .replace(/\n$/, '')
    .split('\n')
    .map((line) =>
      line.length > LOG_LINE_LENGTH ? `${line.slice(0, LOG_LINE_LENGTH)} … (line cut)` : line,
    );
  const lines = [...log.lines, ...added];
  const excess = Math.max(0, lines.length - limit);
  return { lines: excess > 0 ? lines.slice(excess) : lines, dropped: log.dropped + excess };
}
