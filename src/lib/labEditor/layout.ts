/** Small layout rules of the lab editor, kept here so they are tested rather than eyeballed. */

export const LINE_HEIGHT_PX = 19;
const MIN_LINES = 12;
const MAX_LINES = 30;
const PADDING_PX = 16;

/** Height of the code area for a file: its lines, within a range that fits a laptop screen. */
export function editorHeightPx(code: string): number {
  const lines = code.split('\n').length;
  return Math.min(Math.max(lines, MIN_LINES), MAX_LINES) * LINE_HEIGHT_PX + PADDING_PX;
}

/**
 * The tab a key moves to in a tablist (WAI-ARIA tabs pattern: arrows wrap, Home and End jump),
 * or undefined for keys the tablist does not handle.
 */
export function tabAfterKey(key: string, current: number, count: number): number | undefined {
  if (count <= 0) return undefined;
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count;
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/** Availability problems in words: what to install or start before runs can work. */
export function missingText(target: string, missing: readonly string[]): string {
  if (missing.length === 0) return `${target} is not ready yet.`;
  return `To run labs on ${target}, this machine needs ${missing.join('; and ')}.`;
}

/** Splits a message at `backticks` so commands in it can be shown as code. */
export function codeSpans(text: string): { text: string; code: boolean }[] {
  return text
    .split('`')
    .map((part, index) => ({ text: part, code: index % 2 === 1 }))
    .filter((span) => span.text !== '');
}

/**
 * The lab file a runner's error points at: runners report the path as they ran it, which may
 * carry the run folder in front of the lab's own file name.
 */
export function matchLabFile(reported: string, names: readonly string[]): string | undefined {
  const path = reported.replace(/\\/g, '/');
  return names.find((name) => name === path) ?? names.find((name) => path.endsWith(`/${name}`));
}
