import type { ClassifiedEvent } from './contract';
import { formatNumber } from './format';

const num = (value: number | undefined, unit = '') =>
  value === undefined ? '?' : `${formatNumber(value)}${unit}`;

/**
 * What a device reported, in a few words, from its payload fields: for events that carry no
 * classification reason yet (lab 1 writes raw simulated events).
 */
export function describeReading(event: ClassifiedEvent): string {
  switch (event.device_type) {
    case 'gas_sensor':
      return `${event.gas ?? '?'} ${num(event.ppm)} ppm, battery ${num(event.battery_pct, '%')}`;
    case 'vehicle':
      return [
        `${num(event.speed_kmh)} km/h`,
        `engine ${num(event.engine_temp_c)} °C`,
        `fuel ${num(event.fuel_pct, '%')}`,
        ...(event.harsh_braking ? ['harsh braking'] : []),
      ].join(', ');
    case 'position_tag':
      return `${event.subject_kind ?? 'subject'} ${event.subject_id ?? '?'} at (${num(event.x)}, ${num(event.y)}) m`;
    case 'activity':
      return `${event.task ?? 'task'} (${event.task_id ?? '?'}) ${event.status ?? '?'}, operator ${event.operator_id ?? '?'}`;
    default:
      return '';
  }
}
