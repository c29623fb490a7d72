/**
 * Formatting for the viewer. Fixed locale and UTC everywhere: the page is prerendered on the
 * server and hydrated in the browser, and both must print the same text.
 */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** 12345 -> "12,345". */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** 1234.56 -> "1,234.6". */
export function formatNumber(value: number): string {
  return decimal.format(value);
}

/**
 * A duration in milliseconds, in the unit a person reads best: "850 ms", "1.2 s", "9 min 22 s",
 * "2 h 5 min", "548 d 3 h".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${integer.format(ms)} ms`;
  if (ms < 60_000) return `${decimal.format(ms / 1000)} s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    const seconds = totalSeconds % 60;
    return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours >= 48) {
    // Replayed data's age (latency from event_time): days read better than hundreds of hours.
    const totalHours = Math.round(totalMinutes / 60);
    const days = Math.floor(totalHours / 24);
    return totalHours % 24 === 0
      ? `${integer.format(days)} d`
      : `${integer.format(days)} d ${totalHours % 24} h`;
  }
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

function utc(iso: string): Date | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-06-02T08:33:09.970Z" -> "08:33:09" (UTC); the input itself when it is not a time. */
export function formatTime(iso: string): string {
  const date = utc(iso);
  if (!date) return iso;
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** "2025-06-02T08:33:00Z" -> "08:33" (UTC). */
export function formatMinute(iso: string): string {
  const date = utc(iso);
  if (!date) return iso;
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** "2025-06-02T08:33:09.970Z" -> "2025-06-02 08:33 UTC". */
export function formatDateTime(iso: string): string {
  const date = utc(iso);
  if (!date) return iso;
  return `${date.toISOString().slice(0, 10)} ${formatMinute(iso)} UTC`;
}

/** "duplicates_dropped" -> "duplicates dropped"; "gas_sensor" -> "gas sensor". */
export function humanise(code: string): string {
  return code.replace(/_/g, ' ');
}

/** "SAFETY" -> "Safety". */
export function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
