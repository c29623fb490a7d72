/**
 * The committed result of a lab's sample run (static/lab-results/<lab>/, written by
 * scripts/lab_samples.py), read with the same contract parser as a live run's result.
 */
import { readRunResult, type RunResult } from '../results/contract';

export async function fetchSampleResult(baseUrl: string, fetchFn = fetch): Promise<RunResult> {
  return readRunResult(async (file, optional) => {
    const response = await fetchFn(`${baseUrl}${file}`);
    if (response.ok) return response.text();
    if (optional && response.status === 404) return '';
    throw new Error(`${file} of the sample run could not be loaded (HTTP ${response.status}).`);
  });
}
