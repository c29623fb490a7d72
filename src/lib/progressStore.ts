/**
 * Progress kept in the browser's localStorage, shared by every component on the page and
 * across tabs. Read through `useSyncExternalStore`, so the server render sees empty progress.
 */
import { emptyProgress, parseProgress, type ProgressState } from './progress';

export const PROGRESS_STORAGE_KEY = 'emr-spark-workshop:progress';

type Listener = () => void;
const listeners = new Set<Listener>();
let cached: { raw: string | null; state: ProgressState } | undefined;
const serverSnapshot = emptyProgress();

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(PROGRESS_STORAGE_KEY);
  } catch {
    return null; // Storage blocked (private mode, policy): progress lasts for this page only.
  }
}

export function getProgress(): ProgressState {
  const raw = readRaw();
  if (!cached || cached.raw !== raw) cached = { raw, state: parseProgress(raw) };
  return cached.state;
}

export const getServerProgress = (): ProgressState => serverSnapshot;

export function updateProgress(change: (state: ProgressState) => ProgressState): void {
  const next = change(getProgress());
  if (next === getProgress()) return;
  const raw = JSON.stringify(next);
  try {
    window.localStorage.setItem(PROGRESS_STORAGE_KEY, raw);
  } catch {
    // Storage full or blocked: keep the change in memory so the page still reflects it.
  }
  // When the write failed, the stored raw is unchanged and this in-memory state wins.
  cached = { raw: readRaw(), state: next };
  listeners.forEach((listener) => listener());
}

export function subscribeProgress(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === PROGRESS_STORAGE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
