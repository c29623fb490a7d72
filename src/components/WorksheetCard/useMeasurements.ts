import { useSyncExternalStore } from 'react';

import type { Measurements } from '@site/src/lib/worksheet/measurements';
import {
  getMeasurements,
  getServerMeasurements,
  subscribeMeasurements,
} from '@site/src/lib/worksheet/measurementsStore';

/** The learner's measured figures as stored in this browser; none during the server render. */
export function useMeasurements(): Measurements {
  return useSyncExternalStore(subscribeMeasurements, getMeasurements, getServerMeasurements);
}
