import { describe, expect, it } from 'vitest';

import schemaDocument from '../../../labs/contract/event-schema.json';
import rulesDocument from '../../../labs/contract/rules.json';
import {
  DEVICE_TYPES,
  ENVELOPE_FIELDS,
  exampleEvent,
  formatThreshold,
  payloadFields,
  RULE_ROWS,
  ruleById,
} from './ruleBook';

describe('the rule book the pages render', () => {
  it('has every exported rule once, grouped by device type in firing order', () => {
    expect(RULE_ROWS.map((rule) => rule.id).sort()).toEqual(
      rulesDocument.rules.map((rule) => rule.id).sort(),
    );
    const groups = RULE_ROWS.map((rule) => rule.deviceType);
    expect([...new Set(groups)]).toEqual(DEVICE_TYPES);
    for (const type of DEVICE_TYPES) {
      const orders = RULE_ROWS.filter((rule) => rule.deviceType === type).map((r) => r.order);
      expect(orders).toEqual([...orders].sort((a, b) => a - b));
    }
  });

  it('states the thresholds the code uses, with their units', () => {
    // The contradictions issue 13 found on step 1: these are what the labs do.
    const restricted = ruleById('POS-EMPLOYEE-RESTRICTED');
    expect([restricted.category, restricted.severity]).toEqual(['SECURITY', 'CRITICAL']);
    const overheat = ruleById('VEH-OVERHEAT');
    expect(overheat.severity).toBe('CRITICAL');
    expect(overheat.thresholds.map(formatThreshold)).toEqual(['110 °C']);
    expect(overheat.when).toBe('engine_temp_c >= 110');
    const battery = ruleById('GAS-BATTERY-LOW');
    expect(battery.severity).toBe('WARNING');
    expect(battery.thresholds.map(formatThreshold)).toEqual(['15%']);
  });

  it('fails loudly on a rule that is not there', () => {
    expect(() => ruleById('NO-SUCH-RULE')).toThrow(/NO-SUCH-RULE/);
  });

  it('lists the envelope and every payload field of the schema', () => {
    expect(ENVELOPE_FIELDS.map((field) => field.name)).toEqual(
      schemaDocument.envelope.map((field) => field.name),
    );
    const gas = payloadFields('gas_sensor');
    expect(gas.map((field) => field.name)).toEqual(['gas', 'ppm', 'battery_pct']);
    expect(gas[0]?.allowed).toBe('CO, H2S, CH4');
    expect(gas[2]?.allowed).toBe('0 to 100');
    expect(payloadFields('activity').find((f) => f.name === 'completed_time')?.required).toBe(
      false,
    );
    expect(() => payloadFields('toaster')).toThrow(/toaster/);
  });

  it('shows example events that have exactly the schema’s fields', () => {
    for (const type of DEVICE_TYPES) {
      const event = JSON.parse(exampleEvent(type)) as Record<string, unknown>;
      expect(event.device_type).toBe(type);
      const known = new Set([
        ...ENVELOPE_FIELDS.map((field) => field.name),
        ...payloadFields(type).map((field) => field.name),
      ]);
      expect(Object.keys(event).filter((name) => !known.has(name))).toEqual([]);
    }
    const alarm = JSON.parse(exampleEvent('gas_sensor_alarm')) as { gas: string; ppm: number };
    const rule = ruleById(`GAS-${alarm.gas}-CRITICAL`);
    expect(alarm.ppm).toBeGreaterThanOrEqual(rule.thresholds[0]?.value ?? Infinity);
  });
});
