/** The learner's measured figures, kept in the browser (see ../localStore.ts). */
import { createLocalStore } from '../localStore';
import type { RunSummary } from '../results/contract';
import {
  measurementsFromSummary,
  mergeMeasurements,
  parseMeasurements,
  type Measurement,
  type Measurements,
} from './measurements';

export const MEASUREMENTS_STORAGE_KEY = 'emr-spark-workshop:measurements';

const store = createLocalStore<Measurements>(
  MEASUREMENTS_STORAGE_KEY,
  parseMeasurements,
  () => ({}),
);

export const getMeasurements = store.get;
export const getServerMeasurements = store.getServer;
export const subscribeMeasurements = store.subscribe;

/** Keeps what a learner's finished run measured, for the requirements of step 2c. */
export function recordRun(summary: RunSummary, runner: Measurement['runner']): void {
  const measured = measurementsFromSummary(summary, runner);
  store.update((current) => mergeMeasurements(current, measured));
}
