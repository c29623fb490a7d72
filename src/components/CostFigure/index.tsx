import type { ReactNode } from 'react';

import { aboutUsd, estimateMonthlyCost, volumes, WORKLOAD } from '@site/src/lib/worksheet/cost';
import { percent, referenceShare } from '@site/src/lib/worksheet/pieceTables';

/** A piece's approximate monthly cost for the workload, in running text: "about $540". */
export default function CostFigure({ piece }: { piece: string }): ReactNode {
  const estimate = estimateMonthlyCost(piece);
  return <>{estimate.kind === 'priced' ? aboutUsd(estimate.usd) : 'not priced'}</>;
}

/** The share of the proposed architecture's monthly cost one of its pieces makes: "65 %". */
export function ReferenceShare({ piece }: { piece: string }): ReactNode {
  return <>{percent(referenceShare(piece))}</>;
}

const count = (n: number) => n.toLocaleString('en-US');
const hours = (n: number) => `${count(n)} hour${n === 1 ? '' : 's'}`;

/** The workload every estimate assumes (Step 2c's sizing), as a sentence's worth of facts. */
export function WorkloadSummary(): ReactNode {
  const v = volumes(WORKLOAD);
  return (
    <>
      {count(WORKLOAD.eventsPerSecond)} events/s on average with peaks of{' '}
      {count(WORKLOAD.peakEventsPerSecond)} events/s; about{' '}
      {count(Math.round(v.millionEvents / 100) / 10)} billion events a month; about{' '}
      {count(WORKLOAD.eventBytes)} bytes of JSON per event, so about{' '}
      {count(Math.round(v.rawGBPerDay))} GB of raw data a day; streaming around the clock;{' '}
      {hours(WORKLOAD.batchHoursPerDay)} of batch work a day; a {count(WORKLOAD.hoursPerMonth)}-hour
      month
    </>
  );
}
