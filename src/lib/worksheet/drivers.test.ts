import { describe, expect, it } from 'vitest';

import { driverScore, driverVerdict, rankDrivers, weightedDrivers } from './drivers';
import {
  attributeChoices,
  moveItem,
  nextId,
  STARTING_DRIVERS,
  type Driver,
  type Rating,
} from './model';

const driver = (id: string, importance: Rating | null, difficulty: Rating | null): Driver => ({
  id,
  name: id,
  importance,
  difficulty,
});

describe('driverVerdict', () => {
  it.each([
    ['high', 'high', 'driver'],
    ['high', 'medium', 'driver'],
    ['medium', 'high', 'driver'],
    ['medium', 'medium', 'secondary'],
    ['high', 'low', 'secondary'],
    ['medium', 'low', 'not-a-driver'],
    ['low', 'low', 'not-a-driver'],
  ] as const)('importance %s, difficulty %s: %s', (importance, difficulty, verdict) => {
    expect(driverVerdict(driver('a', importance, difficulty))).toBe(verdict);
  });

  it('waits for both ratings', () => {
    expect(driverVerdict(driver('a', 'high', null))).toBe('unrated');
    expect(driverScore(driver('a', null, 'high'))).toBeNull();
  });
});

describe('rankDrivers', () => {
  it('orders by importance × difficulty, unrated last, ties in the learner’s order', () => {
    const ranked = rankDrivers([
      driver('unrated', null, null),
      driver('low', 'low', 'low'),
      driver('tie-1', 'high', 'medium'),
      driver('top', 'high', 'high'),
      driver('tie-2', 'medium', 'high'),
    ]);
    expect(ranked.map((d) => d.id)).toEqual(['top', 'tie-1', 'tie-2', 'low', 'unrated']);
  });

  it('keeps the order of a list nobody rated', () => {
    expect(rankDrivers(STARTING_DRIVERS)).toEqual(STARTING_DRIVERS);
  });
});

describe('weightedDrivers', () => {
  it('weighs the learner’s first four rated drivers, the first most', () => {
    const weighted = weightedDrivers([
      driver('latency', 'high', 'high'),
      driver('cost', 'low', 'low'),
      driver('reliability', 'high', 'high'),
      driver('availability', null, null),
      driver('usability', 'high', 'low'),
      driver('security', 'high', 'medium'),
      driver('interoperability', 'medium', 'medium'),
    ]);
    expect(weighted.map(({ id, rank, weight }) => [id, rank, weight])).toEqual([
      ['latency', 1, 4],
      ['reliability', 2, 3],
      ['usability', 3, 2],
      ['security', 4, 1],
    ]);
  });

  it('weighs nothing before the learner rates', () => {
    expect(weightedDrivers(STARTING_DRIVERS)).toEqual([]);
  });
});

describe('list helpers', () => {
  it('gives the next free id after the largest', () => {
    expect(nextId('F', ['F1', 'F13', 'F2', 'QA-1', 'Fx'])).toBe('F14');
    expect(nextId('NFR-', [])).toBe('NFR-1');
  });

  it('moves an item and ignores moves off the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('attributeChoices', () => {
  it('offers the drivers, and keeps a value whose driver was deleted', () => {
    const worksheet = { drivers: [driver('latency', null, null)] };
    expect(attributeChoices(worksheet, 'latency')).toEqual([
      { value: 'latency', label: 'latency' },
    ]);
    expect(attributeChoices(worksheet, 'security')).toEqual([
      { value: 'latency', label: 'latency' },
      { value: 'security', label: 'Security' },
    ]);
  });
});
