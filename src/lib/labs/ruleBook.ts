/**
 * What the pages state about the labs' rules and event schema, taken from the contract the labs
 * export (`labs/contract/rules.json` and `event-schema.json`, written by
 * `python -m workshop.export_contract` and drift-checked by the labs' tests). The pages render
 * these at build time, so a threshold or a field changed in `labs/workshop/` changes the pages.
 */
import schemaDocument from '../../../labs/contract/event-schema.json';
import rulesDocument from '../../../labs/contract/rules.json';

export type Threshold = { name: string; value: number; unit: string };

export type RuleRow = {
  order: number;
  id: string;
  deviceType: string;
  category: string;
  severity: string;
  /** The condition in words. */
  condition: string;
  /** The Spark SQL condition with the threshold values in place. */
  when: string;
  /** The thresholds the rule uses, with their units, e.g. "co_critical_ppm = 50 ppm". */
  thresholds: Threshold[];
  reasonTemplate: string;
};

export type FieldRow = {
  name: string;
  type: string;
  required: boolean;
  description: string;
  /** Allowed values or the possible range, in words; empty when any value of the type goes. */
  allowed: string;
};

const THRESHOLDS: ReadonlyMap<string, Threshold> = new Map(
  rulesDocument.thresholds.map((threshold) => [threshold.name, threshold]),
);

export const DEVICE_TYPES: readonly string[] = schemaDocument.device_types;
export const CATEGORIES: readonly string[] = rulesDocument.categories;
export const SEVERITIES: readonly string[] = rulesDocument.severities;
export const FIRING_ORDER: string = rulesDocument.firing_order;

/** "50 ppm", "15 %", "110 °C": a value with its unit, as the rules use it. */
export function formatThreshold(threshold: Threshold): string {
  const value = String(threshold.value);
  return threshold.unit === '%' ? `${value}%` : `${value} ${threshold.unit}`;
}

/** Every rule, grouped by device type (in the schema's order), each group in firing order. */
export const RULE_ROWS: readonly RuleRow[] = [...rulesDocument.rules]
  .sort(
    (a, b) =>
      DEVICE_TYPES.indexOf(a.device_type) - DEVICE_TYPES.indexOf(b.device_type) ||
      a.order - b.order,
  )
  .map((rule) => ({
    order: rule.order,
    id: rule.id,
    deviceType: rule.device_type,
    category: rule.category,
    severity: rule.severity,
    condition: rule.condition,
    when: rule.when_resolved,
    thresholds: Object.keys(rule.thresholds).map((name) => {
      const threshold = THRESHOLDS.get(name);
      if (!threshold) throw new Error(`rule ${rule.id} uses unknown threshold ${name}`);
      return threshold;
    }),
    reasonTemplate: rule.reason_template,
  }));

export function ruleById(id: string): RuleRow {
  const rule = RULE_ROWS.find((row) => row.id === id);
  if (!rule) throw new Error(`no rule ${id} in labs/contract/rules.json`);
  return rule;
}

type SchemaField = (typeof schemaDocument.envelope)[number] & {
  allowed?: string[];
  min?: number;
  max?: number;
};

function fieldRow(field: SchemaField): FieldRow {
  let allowed = '';
  if (field.allowed) allowed = field.allowed.join(', ');
  else if (field.min !== undefined && field.max !== undefined) {
    allowed = `${field.min} to ${field.max}`;
  }
  return {
    name: field.name,
    type: field.type,
    required: field.required,
    description: field.description,
    allowed,
  };
}

/** The envelope every event shares. */
export const ENVELOPE_FIELDS: readonly FieldRow[] = schemaDocument.envelope.map(fieldRow);

/** The payload fields of a device type. */
export function payloadFields(deviceType: string): FieldRow[] {
  const payloads = schemaDocument.payloads as Record<string, SchemaField[]>;
  const fields = payloads[deviceType];
  if (!fields) throw new Error(`no device type ${deviceType} in labs/contract/event-schema.json`);
  return fields.map(fieldRow);
}

/**
 * An event as the simulator writes it: a device type's first valid event, or `gas_sensor_alarm`,
 * the first gas reading that fires a CRITICAL rule. One JSON line, as the devices send it.
 */
export function exampleEvent(kind: string): string {
  const examples = schemaDocument.examples as Record<string, string>;
  const line = examples[kind];
  if (!line) throw new Error(`no example ${kind} in labs/contract/event-schema.json`);
  return line;
}
