import {
  classifies,
  type CheckResult,
  type LatencyPercentiles,
  type QuarantinedLine,
  type RunSummary,
} from './contract';
import { formatCount, formatDuration } from './format';

export type CountTerm = { key: string; label: string; value: number };

export type AccountingIdentity = {
  /** Only classification runs account for their input; lab 1 just writes lines. */
  applies: boolean;
  input: number;
  terms: CountTerm[];
  total: number;
  holds: boolean;
  /** Lines the terms do not account for (negative when they account for too many). */
  missing: number;
  /** The identity as a sentence, e.g. "1,790 classified + ... = 2,000, the input". */
  text: string;
};

/** classified + quarantined + duplicates dropped + late dropped = input. */
export function accountingIdentity(summary: RunSummary): AccountingIdentity {
  const { counts } = summary;
  const terms: CountTerm[] = [
    { key: 'classified', label: 'classified', value: counts.classified },
    { key: 'quarantined', label: 'quarantined', value: counts.quarantined },
    { key: 'duplicates_dropped', label: 'duplicates dropped', value: counts.duplicates_dropped },
    { key: 'late_dropped', label: 'late dropped', value: counts.late_dropped },
  ];
  const total = terms.reduce((sum, term) => sum + term.value, 0);
  const input = counts.input;
  const applies = classifies(summary.mode);
  const holds = total === input;
  const sum = `${terms.map((t) => `${formatCount(t.value)} ${t.label}`).join(' + ')} = ${formatCount(total)}`;
  let text: string;
  if (!applies) {
    text = `This run only wrote ${formatCount(input)} input lines; nothing is classified yet.`;
  } else if (holds) {
    text = `${sum}, the input: every line is accounted for.`;
  } else {
    const gap = input - total;
    text = `${sum}, but the input was ${formatCount(input)}: ${formatCount(Math.abs(gap))} ${
      gap > 0 ? 'lines are not accounted for' : 'too many are counted'
    }.`;
  }
  return { applies, input, terms, total, holds, missing: input - total, text };
}

export type LatencyRow = { label: string; value: string; description: string };

/** The stream's latency percentiles as rows to show; null when the run measured none. */
export function latencyRows(latency: LatencyPercentiles | null): LatencyRow[] | null {
  if (!latency || latency.events <= 0) return null;
  return [
    { label: 'p50', value: formatDuration(latency.p50), description: 'half of the events' },
    { label: 'p95', value: formatDuration(latency.p95), description: '95% of the events' },
    { label: 'p99', value: formatDuration(latency.p99), description: '99% of the events' },
    { label: 'max', value: formatDuration(latency.max), description: 'the slowest event' },
  ];
}

export type LatencyBlock = {
  /** What the figures measure: their start and end. */
  title: string;
  /** Whose definition it is, if a requirement's. */
  definition: string | null;
  /** The percentiles; null when the run measured none of this kind. */
  rows: LatencyRow[] | null;
  /** Over what the figures are, and what to know when reading them. */
  note: string;
};

/**
 * A stream run's latencies, each saying what it measures: from `event_time` (NFR-1's
 * definition) over the events that arrived on time, with the late arrivals apart; and from
 * the file's landing over every stored line. Results written before the labs measured event
 * time have only the second, and say so.
 */
export function latencyBlocks(summary: RunSummary): LatencyBlock[] {
  const drained = summary.stream?.trigger === 'availableNow';
  const blocks: LatencyBlock[] = [];
  const eventTime = summary.event_time_latency_ms;
  if (eventTime === undefined) {
    blocks.push({
      title: 'From event_time to stored',
      definition: 'NFR-1’s definition',
      rows: null,
      note: 'Not in this result: it was written before the lab measured latency from event_time. Run the lab again to measure it.',
    });
  } else if (eventTime !== null) {
    const bound = formatDuration(eventTime.late_arrival_ms);
    const onTime = eventTime.on_time;
    const late = eventTime.late_arrivals;
    const lateText =
      late && late.events > 0
        ? `${formatCount(late.events)} late arrival${late.events === 1 ? '' : 's'} — events whose file landed more than ${bound} after their event_time — are kept out of these percentiles: p50 ${formatDuration(late.p50)}, max ${formatDuration(late.max)}.`
        : `No event landed more than ${bound} after its event_time.`;
    blocks.push({
      title: 'From event_time to stored',
      definition: 'NFR-1’s definition',
      rows: latencyRows(onTime),
      note: [
        onTime && onTime.events > 0
          ? `${formatCount(onTime.events)} classified events that landed within ${bound} of their event_time, from the moment each happened to its micro-batch’s rows stored.`
          : `No classified event landed within ${bound} of its event_time.`,
        lateText,
        drained
          ? 'This run drained files that were already waiting, so it counts their wait; and replayed files, such as the sample data, carry the event times of a past simulation: their latency from event_time is the data’s age, not the stream’s. A live stream (Run) measures the stream.'
          : '',
      ]
        .filter(Boolean)
        .join(' '),
    });
  }
  const landing = summary.latency_ms;
  blocks.push({
    title: 'From file landing to stored',
    definition: null,
    rows: latencyRows(landing),
    note:
      landing && landing.events > 0
        ? `${formatCount(landing.events)} stored lines, classified and quarantined, from the moment their file landed (its modification time) to their micro-batch’s rows stored: the stream’s own part, without the time before the file landed. Files already waiting when the stream starts count their wait for the first trigger too.`
        : 'No line reached the store during the run.',
  });
  return blocks;
}

export type CheckView = {
  id: string;
  title: string;
  passed: boolean;
  /** What the check saw. */
  detail: string;
  /** Shown at once on a failure. */
  hint: string | null;
  /** Revealed on request: the change an exercise asks for (the check's hint gives it away). */
  solution: string | null;
  exercise: number | null;
};

/**
 * A lab's checks as pass/fail. A failed exercise check is expected until the learner does the
 * exercise, so its hint — which spells out the change — waits behind "Show solution" and a
 * gentler hint shows instead; any other failure shows its hint at once.
 */
export function checkViews(checks: readonly CheckResult[]): {
  items: CheckView[];
  passed: number;
  failed: number;
} {
  const items = checks.map((check): CheckView => {
    const hint = check.hint.trim();
    const base = {
      id: check.id,
      title: check.title,
      passed: check.passed,
      detail: check.detail,
      exercise: check.exercise,
    };
    if (check.passed) return { ...base, hint: null, solution: null };
    if (check.exercise !== null) {
      return {
        ...base,
        hint: `Exercise ${check.exercise} is not done yet: make the change it asks for in the lab’s code, then run the lab again.`,
        solution: hint || null,
      };
    }
    return { ...base, hint: hint || null, solution: null };
  });
  const passed = items.filter((item) => item.passed).length;
  return { items, passed, failed: items.length - passed };
}

export type QuarantineReasonRow = {
  code: string;
  description: string;
  count: number;
  /** A few quarantined lines with this reason, from the bounded sample. */
  samples: QuarantinedLine[];
};

/** Quarantine reasons with a count, most frequent first, each with a few sample lines. */
export function quarantineReasons(
  summary: RunSummary,
  lines: readonly QuarantinedLine[],
  descriptions: Readonly<Record<string, string>>,
  samplesPerReason = 2,
): QuarantineReasonRow[] {
  const counts: Record<string, number> = { ...summary.quarantine_by_reason };
  // A sample line whose reason the summary does not count still deserves a row.
  for (const line of lines) counts[line.reason_code] ??= 0;
  return Object.entries(counts)
    .map(([code, count]) => {
      const samples = lines.filter((line) => line.reason_code === code);
      return {
        code,
        description: descriptions[code] ?? '',
        count: Math.max(count, code in summary.quarantine_by_reason ? 0 : samples.length),
        samples: samples.slice(0, samplesPerReason),
      };
    })
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** "…" after `max` characters, for raw lines shown as samples. */
export function truncate(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
