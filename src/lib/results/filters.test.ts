import { describe, expect, it } from 'vitest';

import { parseRunResult } from './contract';
import {
  NO_FILTER,
  filterEvents,
  filterOptions,
  isFiltered,
  parseOption,
  queryWords,
  searchText,
} from './filters';
import { at, files } from './fixtures';

const { events } = parseRunResult(files());
const ids = (list: { rule_id?: string }[]) => list.map((e) => e.rule_id);

describe('filterEvents', () => {
  it('lets every event through with no filter, in order', () => {
    expect(filterEvents(events, NO_FILTER)).toEqual(events);
  });

  it('filters by severity, category and device type, together', () => {
    expect(ids(filterEvents(events, { ...NO_FILTER, severity: 'CRITICAL' }))).toEqual([
      'VEH-OVERHEAT',
      'POS-EMPLOYEE-RESTRICTED',
      'GAS-CO-CRITICAL',
    ]);
    expect(ids(filterEvents(events, { ...NO_FILTER, category: 'SECURITY' }))).toEqual([
      'POS-ASSET-RESTRICTED',
      'POS-EMPLOYEE-RESTRICTED',
    ]);
    expect(
      ids(filterEvents(events, { ...NO_FILTER, severity: 'CRITICAL', deviceType: 'position_tag' })),
    ).toEqual(['POS-EMPLOYEE-RESTRICTED']);
    expect(filterEvents(events, { ...NO_FILTER, severity: 'INFO', category: 'SECURITY' })).toEqual(
      [],
    );
  });

  it('matches free text in any value, case-insensitively, every word', () => {
    expect(ids(filterEvents(events, { ...NO_FILTER, text: 'blasting-area' }))).toEqual([
      'POS-EMPLOYEE-RESTRICTED',
    ]);
    expect(ids(filterEvents(events, { ...NO_FILTER, text: '  RESTRICTED   asset ' }))).toEqual([
      'POS-ASSET-RESTRICTED',
    ]);
    expect(ids(filterEvents(events, { ...NO_FILTER, text: 'veh-002' }))).toEqual(['VEH-OVERHEAT']);
    expect(filterEvents(events, { ...NO_FILTER, text: 'restricted nowhere' })).toEqual([]);
  });

  it('matches numbers as they are written', () => {
    const event = events.find((e) => e.rule_id === 'GAS-CO-CRITICAL');
    expect(event?.ppm).toBeDefined();
    const found = filterEvents(events, { ...NO_FILTER, text: String(event?.ppm) });
    expect(found).toContain(event);
  });

  it('uses precomputed search texts when given', () => {
    const texts = events.map(() => 'nothing');
    texts[2] = 'needle';
    expect(filterEvents(events, { ...NO_FILTER, text: 'needle' }, texts)).toEqual([events[2]]);
  });

  it('ignores values that are not text or numbers in the search text', () => {
    expect(searchText(at(events, 0))).not.toContain('false');
    expect(queryWords(' a  B ')).toEqual(['a', 'b']);
  });
});

describe('filter options', () => {
  it('lists every value in contract order with its count', () => {
    const options = filterOptions(events);
    expect(options.severity).toEqual([
      { value: 'CRITICAL', count: 3 },
      { value: 'WARNING', count: 1 },
      { value: 'INFO', count: 2 },
    ]);
    expect(options.deviceType.map((o) => o.value)).toEqual([
      'gas_sensor',
      'vehicle',
      'position_tag',
      'activity',
    ]);
    expect(options.category.find((o) => o.value === 'SECURITY')?.count).toBe(2);
  });

  it('reads select values back, anything unknown as all', () => {
    expect(parseOption('WARNING', ['CRITICAL', 'WARNING'] as const)).toBe('WARNING');
    expect(parseOption('all', ['CRITICAL'] as const)).toBe('all');
    expect(parseOption('bogus', ['CRITICAL'] as const)).toBe('all');
  });

  it('knows when a filter is set', () => {
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, text: '   ' })).toBe(false);
    expect(isFiltered({ ...NO_FILTER, text: 'x' })).toBe(true);
    expect(isFiltered({ ...NO_FILTER, deviceType: 'vehicle' })).toBe(true);
  });
});
