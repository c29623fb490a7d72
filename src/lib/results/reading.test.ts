import { describe, expect, it } from 'vitest';

import type { ClassifiedEvent } from './contract';
import { describeReading } from './reading';

const envelope = {
  event_id: 'e',
  device_id: 'd',
  site_id: 'plant-a',
  event_time: '2025-06-02T08:00:00.000Z',
};

describe('describeReading', () => {
  it('says what each kind of device reported', () => {
    const events: ClassifiedEvent[] = [
      { ...envelope, device_type: 'gas_sensor', gas: 'CO', ppm: 5.84, battery_pct: 68.4 },
      {
        ...envelope,
        device_type: 'vehicle',
        speed_kmh: 7.3,
        engine_temp_c: 76.7,
        fuel_pct: 50.4,
        harsh_braking: true,
        x: 1,
        y: 2,
      },
      {
        ...envelope,
        device_type: 'position_tag',
        subject_kind: 'employee',
        subject_id: 'E-031',
        x: 10.1,
        y: 56.3,
      },
      {
        ...envelope,
        device_type: 'activity',
        task: 'forklift check',
        task_id: 'T-5450',
        status: 'done',
        operator_id: 'OP-31',
      },
    ];
    expect(events.map(describeReading)).toEqual([
      'CO 5.8 ppm, battery 68.4%',
      '7.3 km/h, engine 76.7 °C, fuel 50.4%, harsh braking',
      'employee E-031 at (10.1, 56.3) m',
      'forklift check (T-5450) done, operator OP-31',
    ]);
  });

  it('marks missing values instead of failing', () => {
    expect(describeReading({ ...envelope, device_type: 'gas_sensor' })).toBe('? ? ppm, battery ?');
  });
});
