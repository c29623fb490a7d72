import type { ReactNode } from 'react';

import {
  hourlyCost,
  IDLE_TIMEOUT_S,
  INSTANCE_COUNT,
  INSTANCE_TYPE,
} from '@site/src/lib/aws/cluster';
import { usdCents } from '@site/src/lib/worksheet/pieceTables';

/** The cluster a lab page launches, from `cluster.ts`: "2 × m5.xlarge (1 primary and 1 core node)". */
export default function WorkshopCluster(): ReactNode {
  const core = INSTANCE_COUNT - 1;
  return (
    <>
      {INSTANCE_COUNT} × {INSTANCE_TYPE} (1 primary and {core} core node{core === 1 ? '' : 's'})
    </>
  );
}

/** What that cluster costs in EC2 and EMR charges for some hours (one unless told): "$0.48". */
export function WorkshopClusterCost({ hours = 1 }: { hours?: number }): ReactNode {
  return <>{usdCents(hourlyCost() * hours)}</>;
}

/** How long the cluster waits idle before it ends itself: "60 minutes". */
export function WorkshopClusterIdle(): ReactNode {
  return <>{IDLE_TIMEOUT_S / 60} minutes</>;
}
