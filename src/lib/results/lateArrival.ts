/**
 * The bound that tells a late arrival from an event on time in a stream's latency from
 * event_time (`LATE_ARRIVAL_MS` in labs/workshop/contract.py), read from the labs' exported
 * summary schema at build time so that pages state the code's value, never a copy of it.
 */
import summarySchema from '../../../labs/contract/summary-schema.json';

import { formatDuration } from './format';

type Variant = { properties?: { late_arrival_ms?: { default?: unknown } } };

const variants = (summarySchema.properties.event_time_latency_ms as unknown as { oneOf: Variant[] })
  .oneOf;
const bound = variants.map((v) => v.properties?.late_arrival_ms?.default).find(Number.isFinite);

export const LATE_ARRIVAL_MS: number = typeof bound === 'number' ? bound : Number.NaN;

/** "1 min". */
export const LATE_ARRIVAL_TEXT = formatDuration(LATE_ARRIVAL_MS);
