import type { ClassifiedEvent, Severity } from './contract';
import type { SitePlan, SiteZone } from './labContract';

export type SubjectKind = 'employee' | 'asset' | 'vehicle';

export const SUBJECT_KINDS: readonly SubjectKind[] = ['employee', 'asset', 'vehicle'];

/** The latest known position of one employee, asset or vehicle. */
export type Position = {
  /** Unique per subject: "employee:E-031", "vehicle:veh-007". */
  key: string;
  kind: SubjectKind;
  /** Who or what: the employee's or asset's id, or the vehicle's device id. */
  label: string;
  x: number;
  y: number;
  zone: string | undefined;
  restricted: boolean;
  eventTime: string;
  severity: Severity | undefined;
};

function subject(event: ClassifiedEvent): { kind: SubjectKind; label: string } | undefined {
  if (event.device_type === 'vehicle') return { kind: 'vehicle', label: event.device_id };
  if (event.device_type !== 'position_tag') return undefined;
  const kind = event.subject_kind === 'asset' ? 'asset' : 'employee';
  return { kind, label: event.subject_id ?? event.device_id };
}

/** The zone holding a point, if any (zone edges belong to the zone). */
export function zoneAt(plan: SitePlan, x: number, y: number): SiteZone | undefined {
  return plan.zones.find((z) => x >= z.x0 && x <= z.x1 && y >= z.y0 && y <= z.y1);
}

/**
 * The latest position of each employee, asset and vehicle among the events, sorted by kind and
 * label. Events without x/y are skipped; a tie on time keeps the later event in the list.
 */
export function latestPositions(events: readonly ClassifiedEvent[], plan?: SitePlan): Position[] {
  const latest = new Map<string, { position: Position; ms: number }>();
  for (const event of events) {
    const who = subject(event);
    if (!who || typeof event.x !== 'number' || typeof event.y !== 'number') continue;
    const key = `${who.kind}:${who.label}`;
    const ms = Date.parse(event.event_time);
    const known = latest.get(key);
    if (known && !(Number.isNaN(known.ms) || ms >= known.ms)) continue;
    const zone = event.zone ?? (plan ? zoneAt(plan, event.x, event.y)?.id : undefined);
    const restricted =
      event.zone_restricted ??
      (plan ? (zoneAt(plan, event.x, event.y)?.restricted ?? false) : false);
    latest.set(key, {
      ms,
      position: {
        key,
        kind: who.kind,
        label: who.label,
        x: event.x,
        y: event.y,
        zone,
        restricted,
        eventTime: event.event_time,
        severity: event.severity,
      },
    });
  }
  return [...latest.values()]
    .map((entry) => entry.position)
    .sort(
      (a, b) =>
        SUBJECT_KINDS.indexOf(a.kind) - SUBJECT_KINDS.indexOf(b.kind) ||
        a.label.localeCompare(b.label, 'en', { numeric: true }),
    );
}

/** An SVG drawing area: the plan is scaled to fit inside `width` × `height` minus `margin`. */
export type PlanFrame = { width: number; height: number; margin: number };

export type Projection = {
  scale: number;
  /** Top-left corner of the plan in SVG coordinates. */
  left: number;
  top: number;
  /** The plan's size in SVG units. */
  width: number;
  height: number;
  /** A point in metres (y north) to SVG coordinates (y down), clamped onto the plan. */
  point: (x: number, y: number) => { x: number; y: number };
  /** A zone as an SVG rectangle. */
  rect: (zone: SiteZone) => { x: number; y: number; width: number; height: number };
};

/** Fits the site plan into an SVG frame, north up, keeping its proportions and centring it. */
export function projectPlan(plan: SitePlan, frame: PlanFrame): Projection {
  const innerWidth = Math.max(0, frame.width - 2 * frame.margin);
  const innerHeight = Math.max(0, frame.height - 2 * frame.margin);
  const scale = Math.min(innerWidth / plan.width_m, innerHeight / plan.height_m);
  const width = plan.width_m * scale;
  const height = plan.height_m * scale;
  const left = (frame.width - width) / 2;
  const top = (frame.height - height) / 2;
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);
  const point = (x: number, y: number) => ({
    x: left + clamp(x, plan.width_m) * scale,
    y: top + (plan.height_m - clamp(y, plan.height_m)) * scale,
  });
  const rect = (zone: SiteZone) => {
    const corner = point(Math.min(zone.x0, zone.x1), Math.max(zone.y0, zone.y1));
    return {
      x: corner.x,
      y: corner.y,
      width: Math.abs(zone.x1 - zone.x0) * scale,
      height: Math.abs(zone.y1 - zone.y0) * scale,
    };
  };
  return { scale, left, top, width, height, point, rect };
}

/** How many positions of each kind there are, and how many of them are in restricted zones. */
export function positionCounts(
  positions: readonly Position[],
): Record<SubjectKind, { total: number; restricted: number }> {
  const counts = Object.fromEntries(
    SUBJECT_KINDS.map((kind) => [kind, { total: 0, restricted: 0 }]),
  ) as Record<SubjectKind, { total: number; restricted: number }>;
  for (const position of positions) {
    counts[position.kind].total += 1;
    if (position.restricted) counts[position.kind].restricted += 1;
  }
  return counts;
}

/**
 * Splits a label into lines of at most `maxChars` characters at spaces (SVG text does not wrap);
 * a single word longer than that keeps its own line.
 */
export function wrapLabel(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= maxChars) {
      lines[lines.length - 1] = `${last} ${word}`;
    } else {
      lines.push(word);
    }
  }
  return lines;
}
