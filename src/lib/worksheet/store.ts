/**
 * The worksheet kept in the browser's localStorage under one versioned key, shared by every
 * worksheet on every page and across tabs. Read through `useSyncExternalStore`, so the server
 * render (and the first paint) sees a new, empty worksheet.
 */
import { emptyWorksheet, type Worksheet } from './model';
import { parseStoredWorksheet } from './normalise';

export const WORKSHEET_STORAGE_KEY = 'emr-spark-workshop:worksheet';

type Listener = () => void;
const listeners = new Set<Listener>();
let cached: { raw: string | null; state: Worksheet } | undefined;
const serverSnapshot = emptyWorksheet();

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(WORKSHEET_STORAGE_KEY);
  } catch {
    return null; // Storage blocked (private mode, policy): the worksheet lasts for this page only.
  }
}

export function getWorksheet(): Worksheet {
  const raw = readRaw();
  if (!cached || cached.raw !== raw) cached = { raw, state: parseStoredWorksheet(raw) };
  return cached.state;
}

export const getServerWorksheet = (): Worksheet => serverSnapshot;

export function updateWorksheet(change: (state: Worksheet) => Worksheet): void {
  const current = getWorksheet();
  const next = change(current);
  if (next === current) return;
  try {
    window.localStorage.setItem(WORKSHEET_STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Storage full or blocked: keep the change in memory so the page still reflects it.
  }
  cached = { raw: readRaw(), state: next };
  listeners.forEach((listener) => listener());
}

export function subscribeWorksheet(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === WORKSHEET_STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
