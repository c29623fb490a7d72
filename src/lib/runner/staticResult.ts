/**
 * The committed result of a lab's sample run (static/lab-results/<lab>/, written by
 * scripts/lab_samples.py), read with the same contract parser as a live run's result.
 */
import { parseRunResult, type RunResult } from '../results/contract';

export async function fetchSampleResult(baseUrl: string, fetchFn = fetch): Promise<RunResult> {
  const text = async (file: string, optional: boolean) => {
    const response = await fetchFn(`${baseUrl}${file}`);
    if (response.ok) return response.text();
    if (optional && response.status === 404) return '';
    throw new Error(`${file} of the sample run could not be loaded (HTTP ${response.status}).`);
  };
  const [summary, events, quarantine] = await Promise.all([
    text('_summary.json', false),
    text('events/part-00000.jsonl', true),
    text('quarantine/part-00000.jsonl', true),
  ]);
  return parseRunResult({ summary, events, quarantine });
}
