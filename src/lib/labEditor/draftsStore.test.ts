import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { draftsKey } from './drafts';
import { DraftsStore } from './draftsStore';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const originals = [
  { name: 'a.py', code: 'a = 1\n' },
  { name: 'b.py', code: 'b = 2\n' },
];

describe('DraftsStore', () => {
  let storage: MemoryStorage;
  const make = () =>
    new DraftsStore('02-batch', originals, { storage: () => storage, saveDelayMs: 500 });

  beforeEach(() => {
    storage = new MemoryStorage();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('saves an edit after a pause in typing, and a new store restores it', () => {
    const store = make();
    const seen = vi.fn();
    store.subscribe(seen);
    store.setCode('a.py', 'a = 10\n');
    store.setCode('a.py', 'a = 100\n');
    expect(seen).toHaveBeenCalledTimes(2);
    expect(store.getSnapshot().code['a.py']).toBe('a = 100\n');
    expect(storage.items.size).toBe(0);
    vi.advanceTimersByTime(500);
    expect(storage.items.has(draftsKey('02-batch'))).toBe(true);
    expect(make().getSnapshot().code).toEqual({ 'a.py': 'a = 100\n', 'b.py': 'b = 2\n' });
  });

  it('keeps the snapshot identity when nothing changes (no extra renders)', () => {
    const store = make();
    const before = store.getSnapshot();
    store.setCode('a.py', 'a = 1\n');
    store.setCode('unknown.py', 'x');
    expect(store.getSnapshot()).toBe(before);
  });

  it('serves the originals to the server render whatever is stored', () => {
    storage.setItem(
      draftsKey('02-batch'),
      JSON.stringify({ version: 1, files: { 'a.py': { code: 'x', base: '' } } }),
    );
    const store = make();
    expect(store.getServerSnapshot().code['a.py']).toBe('a = 1\n');
    expect(store.getSnapshot().code['a.py']).toBe('x');
  });

  it('replaces every file at once and saves at once; back to the originals clears storage', () => {
    const store = make();
    store.setCode('a.py', 'edited\n');
    store.flush();
    expect(storage.items.size).toBe(1);
    store.replaceAll({ 'a.py': 'a = 1\n', 'b.py': 'b = 2\n' });
    expect(storage.items.size).toBe(0);
    store.replaceAll({ 'a.py': 'undone\n' });
    expect(make().getSnapshot().code).toEqual({ 'a.py': 'undone\n', 'b.py': 'b = 2\n' });
  });

  it('keeps working in memory when storage is blocked', () => {
    const store = new DraftsStore('02-batch', originals, {
      storage: () => {
        throw new Error('SecurityError');
      },
    });
    store.setCode('a.py', 'still here\n');
    expect(() => vi.runAllTimers()).not.toThrow();
    expect(store.getSnapshot().code['a.py']).toBe('still here\n');
  });
});
