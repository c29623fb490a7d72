/**
 * Step 2b: rating and ranking the candidate drivers, and the worked quality-attribute scenarios
 * the learner can start from (the page's own examples).
 */
import type { AttributeId, Driver, Rating, Scenario, ScenarioPart } from './model';

const RATING_SCORE: Record<Rating, number> = { low: 1, medium: 2, high: 3 };

/** Business importance × technical difficulty (1–9), or `null` until both are rated. */
export function driverScore(driver: Pick<Driver, 'importance' | 'difficulty'>): number | null {
  if (!driver.importance || !driver.difficulty) return null;
  return RATING_SCORE[driver.importance] * RATING_SCORE[driver.difficulty];
}

export type DriverVerdict = 'driver' | 'secondary' | 'not-a-driver' | 'unrated';

export const VERDICT_NAMES: Record<DriverVerdict, string> = {
  driver: 'Driver',
  secondary: 'Secondary driver',
  'not-a-driver': 'Not a driver',
  unrated: 'Not rated yet',
};

/**
 * High on one scale and at least medium on the other makes a driver; medium on both, or high
 * importance with low difficulty, a secondary one (Step 2b's table).
 */
export function driverVerdict(driver: Pick<Driver, 'importance' | 'difficulty'>): DriverVerdict {
  const score = driverScore(driver);
  if (score === null) return 'unrated';
  if (score >= 6) return 'driver';
  if (score >= 3) return 'secondary';
  return 'not-a-driver';
}

/** Orders drivers by score, highest first; rated before unrated; ties keep the learner's order. */
export function rankDrivers(drivers: readonly Driver[]): Driver[] {
  return drivers
    .map((driver, index) => ({ driver, index, score: driverScore(driver) ?? -1 }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ driver }) => driver);
}

/** How many of the learner's top drivers weigh on Step 2e's assessment. */
export const WEIGHTED_DRIVERS = 4;

export type WeightedDriver = { id: string; name: string; rank: number; weight: number };

/**
 * The drivers that weigh on choosing pieces: those the learner rated a driver or a secondary
 * driver, in the learner's order, the first weighing most. Unrated candidates do not weigh, so
 * nothing is called a best fit before the learner has said what matters.
 */
export function weightedDrivers(drivers: readonly Driver[]): WeightedDriver[] {
  return drivers
    .filter((driver) => ['driver', 'secondary'].includes(driverVerdict(driver)))
    .slice(0, WEIGHTED_DRIVERS)
    .map((driver, index) => ({
      id: driver.id,
      name: driver.name,
      rank: index + 1,
      weight: WEIGHTED_DRIVERS - index,
    }));
}

type WorkedScenario = Record<ScenarioPart, string> & { attribute: AttributeId };

/** Step 2b's worked scenarios for this company, word for word. */
export const WORKED_SCENARIOS: Record<'latency' | 'reliability' | 'availability', WorkedScenario> =
  {
    latency: {
      attribute: 'latency',
      source: 'Gas sensor gas-07 in workshop 3',
      stimulus: 'Sends a reading of 18.4 ppm H₂S, above the alarm level',
      environment: 'Normal operation, 1,000 events per second across the site',
      artifact: 'Real-time path: ingestion, streaming classification, classified store',
      response: 'The event is classified SAFETY / CRITICAL and becomes visible in the web view',
      responseMeasure:
        '95 % of events are visible within 3 seconds of their event_time; 99 % within 5 seconds',
    },
    reliability: {
      attribute: 'reliability',
      source: 'The infrastructure',
      stimulus: 'A node running the streaming job fails in the middle of processing a micro-batch',
      environment: 'Peak load, with late and duplicate events arriving',
      artifact: 'Streaming job and classified store',
      response:
        'The job restarts from its last checkpoint, reprocesses what was not committed and skips what was',
      responseMeasure:
        'Zero events lost, zero duplicates in the store, processing resumes within 2 minutes',
    },
    availability: {
      attribute: 'availability',
      source: 'AWS infrastructure',
      stimulus:
        'The processing cluster becomes unavailable (for example, its Availability Zone has an outage)',
      environment: 'Normal operation, business hours',
      artifact: 'Ingestion layer and processing layer',
      response:
        'Ingestion keeps accepting and durably storing events; processing restarts elsewhere and catches up from where it stopped',
      responseMeasure:
        'Ingestion accepts 99.9 % of events per month on first try; no event lost; the backlog of a one-hour outage is cleared within 15 minutes of recovery',
    },
  };

export const emptyScenario = (id: string, attribute: string): Scenario => ({
  id,
  attribute,
  source: '',
  stimulus: '',
  environment: '',
  artifact: '',
  response: '',
  responseMeasure: '',
});
