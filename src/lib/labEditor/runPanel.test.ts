import { describe, expect, it } from 'vitest';

import type { RunState } from '../runner/types';
import {
  elapsedMs,
  formatElapsed,
  initialRunPanel,
  isActive,
  progressPercent,
  runLinks,
  runPanelReducer,
  statusText,
  type RunPanelAction,
  type RunPanelState,
} from './runPanel';

const run = (patch: Partial<RunState>): RunState => ({
  id: 'r1',
  lab: '02-batch',
  status: 'queued',
  createdAt: '2026-01-01T00:00:00Z',
  ...patch,
});

const play = (...actions: RunPanelAction[]): RunPanelState =>
  actions.reduce(runPanelReducer, initialRunPanel());

describe('run panel', () => {
  it('walks a run from the click to success, with elapsed time from the click', () => {
    let state = play({ type: 'request', at: 1000 });
    expect(state.phase).toBe('requesting');
    expect(isActive(state)).toBe(true);
    expect(statusText(state)).toBe('Sending the lab to the runner');

    state = runPanelReducer(state, { type: 'state', state: run({ position: 2 }), at: 1200 });
    expect(statusText(state)).toBe('Queued, position 2');
    state = runPanelReducer(state, { type: 'state', state: run({ status: 'starting' }), at: 1500 });
    expect(statusText(state)).toBe('Starting Spark');
    state = runPanelReducer(state, { type: 'tick', at: 4000 });
    expect(elapsedMs(state)).toBe(3000);

    state = runPanelReducer(state, {
      type: 'state',
      state: run({ status: 'succeeded' }),
      at: 8500,
    });
    expect(state.phase).toBe('finished');
    expect(isActive(state)).toBe(false);
    expect(statusText(state)).toBe('Succeeded');
    // The clock stops at the end.
    state = runPanelReducer(state, { type: 'tick', at: 20_000 });
    expect(elapsedMs(state)).toBe(7500);
  });

  it('ignores a state that arrives after the run finished', () => {
    const finished = play(
      { type: 'request', at: 0 },
      { type: 'state', state: run({ status: 'failed' }), at: 10 },
    );
    const late = runPanelReducer(finished, {
      type: 'state',
      state: run({ status: 'running' }),
      at: 20,
    });
    expect(late).toBe(finished);
  });

  it('shows a refusal (busy, no runner) as finished, with the reason', () => {
    const state = play(
      { type: 'request', at: 0 },
      { type: 'refused', error: 'The runner is busy', at: 50 },
    );
    expect(state.refusal).toBe('The runner is busy');
    expect(isActive(state)).toBe(false);
    expect(statusText(state)).toBe('Could not start');
    expect(elapsedMs(state)).toBe(50);
  });

  it('tracks a clean stop until the run ends, and a failed stop', () => {
    let state = play(
      { type: 'request', at: 0 },
      { type: 'state', state: run({ status: 'running' }), at: 10 },
      { type: 'stop' },
    );
    expect(statusText(state)).toBe('Running, stopping');
    state = runPanelReducer(state, { type: 'stop-failed', error: 'no answer' });
    expect(state.stopping).toBe(false);
    expect(state.stopError).toBe('no answer');
    state = runPanelReducer(state, { type: 'stop' });
    state = runPanelReducer(state, { type: 'state', state: run({ status: 'succeeded' }), at: 30 });
    expect(state.stopping).toBe(false);
    expect(statusText(state)).toBe('Succeeded');
  });

  it('tracks cancelling until the run ends, and a failed cancel', () => {
    let state = play(
      { type: 'request', at: 0 },
      { type: 'state', state: run({ status: 'running' }), at: 10 },
      { type: 'cancel' },
    );
    expect(statusText(state)).toBe('Running, cancelling');
    state = runPanelReducer(state, { type: 'cancel-failed', error: 'no answer' });
    expect(state.cancelling).toBe(false);
    expect(state.cancelError).toBe('no answer');
    state = runPanelReducer(state, { type: 'cancel' });
    state = runPanelReducer(state, { type: 'state', state: run({ status: 'cancelled' }), at: 30 });
    expect(state.cancelling).toBe(false);
    expect(statusText(state)).toBe('Cancelled');
  });

  it('starts afresh on a new request: old logs and failure go', () => {
    const state = play(
      { type: 'request', at: 0 },
      { type: 'log', line: 'old' },
      { type: 'state', state: run({ status: 'timed-out' }), at: 5 },
      { type: 'request', at: 100 },
    );
    expect(state.log.lines).toEqual([]);
    expect(state.run).toBeUndefined();
    expect(elapsedMs(state)).toBe(0);
    expect(statusText(play())).toBe('Not run yet');
    expect(elapsedMs(play())).toBeUndefined();
  });

  it('computes progress from the stage tasks, bounded to 0..100', () => {
    const progress = { jobs: 1, stages: 2, stage_name: 'count', tasks_done: 3, tasks_total: 8 };
    expect(progressPercent(progress)).toBe(37);
    expect(progressPercent({ ...progress, tasks_done: 9 })).toBe(100);
    expect(progressPercent({ ...progress, tasks_total: 0 })).toBeUndefined();
    expect(progressPercent(undefined)).toBeUndefined();
  });

  it('shows the run’s https links while it runs and after, each once, and none before', () => {
    const logs = { label: 'Logs of step s-1', href: 'https://s3.console.aws.amazon.com/s3/x' };
    const ui = { label: 'Spark UI', href: 'https://eu-west-1.console.aws.amazon.com/emr/home' };
    const links = [
      logs,
      ui,
      { ...ui, label: 'Spark UI again' },
      { label: 'script', href: 'javascript:alert(1)' },
      { label: 'plain', href: 'http://example.com/' },
      { label: 'broken', href: 'not a url' },
      { label: ' ', href: 'https://example.com/' },
    ];
    expect(runLinks(play())).toEqual([]);
    expect(runLinks(play({ type: 'request', at: 0 }))).toEqual([]);
    const watching = play(
      { type: 'request', at: 0 },
      { type: 'state', state: run({ status: 'running', links }), at: 10 },
    );
    expect(runLinks(watching)).toEqual([logs, ui]);
    const finished = runPanelReducer(watching, {
      type: 'state',
      state: run({ status: 'failed', links: [logs] }),
      at: 20,
    });
    expect(runLinks(finished)).toEqual([logs]);
    // A new run forgets the last one's links.
    expect(runLinks(runPanelReducer(finished, { type: 'request', at: 30 }))).toEqual([]);
  });

  it('formats elapsed time', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(7_900)).toBe('0:07');
    expect(formatElapsed(65_000)).toBe('1:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
    expect(formatElapsed(-5)).toBe('0:00');
  });
});
