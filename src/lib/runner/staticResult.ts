/**
 * The committed result of a lab's sample run (static/lab-results/<lab>/, written by
 * scripts/lab_samples.py), read with the same contract parser as a live run's result. The page
 * fetches the summary first (what its first view shows) and the events and quarantine lines
 * when a panel that shows them comes into view.
 */
import { parseRunResult, readRunResult, RESULT_FILES, type RunResult } from '../results/contract';

/** Reads a file of the sample run; an optional one that is absent reads as empty. */
const sampleFile =
  (baseUrl: string, fetchFn: typeof fetch) =>
  async (file: string, optional: boolean): Promise<string> => {
    const response = await fetchFn(`${baseUrl}${file}`);
    if (response.ok) return response.text();
    if (optional && response.status === 404) return '';
    throw new Error(`${file} of the sample run could not be loaded (HTTP ${response.status}).`);
  };

/** The sample run's summary, with no events or quarantine lines yet. */
export async function fetchSampleSummary(baseUrl: string, fetchFn = fetch): Promise<RunResult> {
  const summary = await sampleFile(baseUrl, fetchFn)(RESULT_FILES.summary, false);
  return parseRunResult({ summary, events: '', quarantine: '' });
}

/** The sample run's whole result: summary, events and quarantine lines. */
export async function fetchSampleResult(baseUrl: string, fetchFn = fetch): Promise<RunResult> {
  return readRunResult(sampleFile(baseUrl, fetchFn));
}
