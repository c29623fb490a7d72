import { describe, expect, it } from 'vitest';

import {
  emptyProgress,
  formatMinutes,
  parseProgress,
  PROGRESS_VERSION,
  setDone,
  summarize,
  visit,
} from './progress';
import type { WorkshopPage } from './workshopPages';

const page = (id: string, minutes: number): WorkshopPage => ({
  id,
  title: id.toUpperCase(),
  permalink: `/${id}`,
  minutes,
});
const pages = [page('a', 10), page('b', 20), page('c', 30), page('d', 40)];

describe('parseProgress', () => {
  it('starts empty without stored progress', () => {
    expect(parseProgress(null)).toEqual(emptyProgress());
  });

  it.each(['not json', '42', 'null', '{"version":99,"done":{}}', '{"version":1}'])(
    'starts afresh from unreadable progress %s',
    (raw) => {
      expect(parseProgress(raw)).toEqual(emptyProgress());
    },
  );

  it('keeps valid entries and drops broken ones', () => {
    const raw = JSON.stringify({
      version: PROGRESS_VERSION,
      done: { a: 1700, b: 'yesterday', c: null },
      recent: ['c', 7, 'a'],
    });
    expect(parseProgress(raw)).toEqual({
      version: PROGRESS_VERSION,
      done: { a: 1700 },
      recent: ['c', 'a'],
    });
  });

  it('round-trips what it stores', () => {
    const state = visit(setDone(emptyProgress(), 'b', true, 5), 'c');
    expect(parseProgress(JSON.stringify(state))).toEqual(state);
  });
});

describe('setDone and visit', () => {
  it('marks and unmarks a page', () => {
    const marked = setDone(emptyProgress(), 'a', true, 123);
    expect(marked.done).toEqual({ a: 123 });
    expect(setDone(marked, 'a', false).done).toEqual({});
  });

  it('returns the same state when the visited page does not change', () => {
    const state = visit(emptyProgress(), 'a');
    expect(visit(state, 'a')).toBe(state);
  });

  it('keeps a few distinct recent pages, most recent first', () => {
    let state = emptyProgress();
    for (const id of ['a', 'b', 'a', 'c', 'd', 'e', 'f']) state = visit(state, id);
    expect(state.recent).toEqual(['f', 'e', 'd', 'c', 'a']);
  });
});

describe('summarize', () => {
  it('sums minutes and percent of minutes done', () => {
    const state = setDone(setDone(emptyProgress(), 'a', true), 'c', true);
    expect(summarize(pages, state)).toMatchObject({
      doneCount: 2,
      pageCount: 4,
      totalMinutes: 100,
      minutesLeft: 60,
      percent: 40,
    });
  });

  it('resumes at the last visited page when it is not done', () => {
    const state = visit(setDone(emptyProgress(), 'a', true), 'c');
    expect(summarize(pages, state).resume?.id).toBe('c');
  });

  it('resumes at the next page not done after the last visited one', () => {
    let state = visit(emptyProgress(), 'b');
    state = setDone(setDone(state, 'b', true), 'c', true);
    expect(summarize(pages, state).resume?.id).toBe('d');
  });

  it('wraps around to an earlier page not done', () => {
    let state = visit(emptyProgress(), 'c');
    for (const id of ['b', 'c', 'd']) state = setDone(state, id, true);
    expect(summarize(pages, state).resume?.id).toBe('a');
  });

  it('resumes where the learner was before opening the page being read', () => {
    const state = visit(visit(emptyProgress(), 'c'), 'a');
    expect(summarize(pages, state, '/a').resume?.id).toBe('c');
  });

  it('never resumes at the page being read', () => {
    const state = setDone(visit(emptyProgress(), 'b'), 'a', true);
    expect(summarize(pages, state, '/b').resume?.id).toBe('c');
    expect(summarize(pages, emptyProgress(), '/a').resume?.id).toBe('b');
  });

  it('has nothing to resume when every page is done', () => {
    let state = emptyProgress();
    for (const { id } of pages) state = setDone(state, id, true);
    expect(summarize(pages, state)).toMatchObject({ resume: undefined, percent: 100 });
  });

  it('ignores done marks of pages that no longer exist', () => {
    const state = setDone(emptyProgress(), 'removed-page', true);
    expect(summarize(pages, state)).toMatchObject({ doneCount: 0, minutesLeft: 100 });
  });
});

describe('formatMinutes', () => {
  it.each([
    [5, '5 min'],
    [60, '1 h'],
    [135, '2 h 15 min'],
  ])('%i minutes reads %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});
