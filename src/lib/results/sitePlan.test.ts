import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { parseRunResult, type ClassifiedEvent } from './contract';
import { files } from './fixtures';
import { SITE_PLAN, type SitePlan } from './labContract';
import { latestPositions, positionCounts, projectPlan, wrapLabel, zoneAt } from './sitePlan';

const rulesJson = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../labs/contract/rules.json',
);
const { events } = parseRunResult(files());

const tag = (over: Partial<ClassifiedEvent>): ClassifiedEvent => ({
  event_id: 'e',
  device_id: 'tag-001',
  device_type: 'position_tag',
  site_id: 'plant-a',
  event_time: '2025-06-02T08:00:00.000Z',
  subject_kind: 'employee',
  subject_id: 'E-001',
  x: 10,
  y: 10,
  ...over,
});

describe('the site plan comes from the labs', () => {
  it('is the plan of labs/contract/rules.json', () => {
    const exported = JSON.parse(readFileSync(rulesJson, 'utf8')) as {
      site_plan: SitePlan & { origin: string };
    };
    const { origin, ...plan } = exported.site_plan;
    expect(origin).toMatch(/^south-west corner; x grows east, y grows north/);
    expect(SITE_PLAN).toEqual(plan);
    expect(SITE_PLAN.zones.some((z) => z.restricted)).toBe(true);
  });
});

describe('latestPositions', () => {
  it('keeps the latest position of each employee, asset and vehicle', () => {
    const positions = latestPositions([
      tag({ event_id: 'a', x: 1, y: 1, event_time: '2025-06-02T08:00:00.000Z' }),
      tag({ event_id: 'b', x: 2, y: 2, event_time: '2025-06-02T08:05:00.000Z' }),
      tag({ event_id: 'c', x: 3, y: 3, event_time: '2025-06-02T08:01:00.000Z' }),
      tag({ subject_kind: 'asset', subject_id: 'A-7', device_id: 'tag-007', x: 50, y: 60 }),
    ]);
    expect(positions.map((p) => [p.key, p.x, p.y])).toEqual([
      ['employee:E-001', 2, 2],
      ['asset:A-7', 50, 60],
    ]);
  });

  it('reads positions of real events, with their zone, and skips events without x/y', () => {
    const positions = latestPositions(events);
    expect(positions.map((p) => [p.kind, p.label, p.zone, p.restricted])).toEqual([
      ['employee', 'E-049', 'blasting-area', true],
      ['asset', 'A-016', 'substation', true],
      ['vehicle', 'veh-002', 'open-area', false],
    ]);
    expect(positions[0]?.severity).toBe('CRITICAL');
  });

  it('finds the zone from the plan when an event has none (lab 1)', () => {
    const [inside] = latestPositions([tag({ x: 100, y: 250 })], SITE_PLAN);
    expect(inside).toMatchObject({ zone: 'tank-farm', restricted: true });
    const [outside] = latestPositions([tag({ x: 5, y: 5 })], SITE_PLAN);
    expect(outside).toMatchObject({ zone: undefined, restricted: false });
    expect(zoneAt(SITE_PLAN, 20, 200)?.id).toBe('tank-farm');
  });

  it('counts positions by kind and in restricted zones', () => {
    const counts = positionCounts(latestPositions(events));
    expect(counts).toEqual({
      employee: { total: 1, restricted: 1 },
      asset: { total: 1, restricted: 1 },
      vehicle: { total: 1, restricted: 0 },
    });
  });
});

describe('projectPlan', () => {
  const plan: SitePlan = { width_m: 500, height_m: 300, open_area: 'open', zones: [] };

  it('puts north up and the south-west corner bottom left', () => {
    const projection = projectPlan(plan, { width: 520, height: 320, margin: 10 });
    expect(projection.scale).toBe(1);
    expect(projection.point(0, 0)).toEqual({ x: 10, y: 310 });
    expect(projection.point(500, 300)).toEqual({ x: 510, y: 10 });
    expect(projection.point(250, 150)).toEqual({ x: 260, y: 160 });
  });

  it('keeps proportions and centres the plan in a frame of another shape', () => {
    const projection = projectPlan(plan, { width: 1000, height: 300, margin: 0 });
    expect(projection.scale).toBe(1);
    expect(projection.left).toBe(250);
    expect(projection.point(0, 300)).toEqual({ x: 250, y: 0 });
  });

  it('clamps points outside the plan onto its edge', () => {
    const projection = projectPlan(plan, { width: 250, height: 150, margin: 0 });
    expect(projection.point(-20, 400)).toEqual({ x: 0, y: 0 });
    expect(projection.point(600, -5)).toEqual({ x: 250, y: 150 });
  });

  it('projects a zone as a rectangle from its north-west corner', () => {
    const projection = projectPlan(plan, { width: 500, height: 300, margin: 0 });
    expect(
      projection.rect({ id: 'z', name: 'Z', restricted: true, x0: 20, y0: 200, x1: 140, y1: 290 }),
    ).toEqual({
      x: 20,
      y: 10,
      width: 120,
      height: 90,
    });
  });
});

describe('wrapLabel', () => {
  it('breaks a zone name at spaces to fit its width', () => {
    expect(wrapLabel('Electrical substation', 12)).toEqual(['Electrical', 'substation']);
    expect(wrapLabel('Tank farm', 12)).toEqual(['Tank farm']);
    expect(wrapLabel('Maintenance  workshop area', 16)).toEqual(['Maintenance', 'workshop area']);
    expect(wrapLabel('', 10)).toEqual([]);
  });
});
