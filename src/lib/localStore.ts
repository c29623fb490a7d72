/**
 * A value kept in the browser's localStorage under one key, shared by every component on the
 * page and across tabs. Read through `useSyncExternalStore`: the server render (and the first
 * paint) sees the empty value. Storage that is blocked or full keeps the value in memory, so the
 * page still reflects each change.
 */
export type LocalStore<T> = {
  get: () => T;
  getServer: () => T;
  update: (change: (state: T) => T) => void;
  subscribe: (listener: () => void) => () => void;
};

export function createLocalStore<T>(
  key: string,
  parse: (raw: string | null) => T,
  empty: () => T,
): LocalStore<T> {
  const listeners = new Set<() => void>();
  let cached: { raw: string | null; state: T } | undefined;
  const serverSnapshot = empty();

  function readRaw(): string | null {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null; // Storage blocked (private mode, policy): the value lasts for this page only.
    }
  }

  function get(): T {
    const raw = readRaw();
    if (!cached || cached.raw !== raw) cached = { raw, state: parse(raw) };
    return cached.state;
  }

  function update(change: (state: T) => T): void {
    const current = get();
    const next = change(current);
    if (next === current) return;
    try {
      window.localStorage.setItem(key, JSON.stringify(next));
    } catch {
      // Storage full or blocked: keep the change in memory so the page still reflects it.
    }
    // When the write failed, the stored raw is unchanged and this in-memory state wins.
    cached = { raw: readRaw(), state: next };
    listeners.forEach((listener) => listener());
  }

  function subscribe(listener: () => void): () => void {
    listeners.add(listener);
    const onStorage = (event: StorageEvent) => {
      if (event.key === key || event.key === null) listener();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('storage', onStorage);
    };
  }

  return { get, getServer: () => serverSnapshot, update, subscribe };
}
