/**
 * A lab's drafts in the browser: held in memory while the learner types and written to
 * localStorage a moment after they pause (and at once when the page is hidden). Read through
 * `useSyncExternalStore`, so the server render and the first client render show the originals.
 */
import {
  draftsKey,
  fingerprint,
  originalDrafts,
  parseDrafts,
  serialiseDrafts,
  type Drafts,
  type LabFileSource,
} from './drafts';

export const SAVE_DELAY_MS = 500;

type Listener = () => void;
type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type DraftsStoreOptions = {
  /** Where drafts live; undefined when storage is blocked (edits then last for this page only). */
  storage?: () => StorageLike | undefined;
  saveDelayMs?: number;
};

const browserStorage = (): StorageLike | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined; // Blocked by privacy settings or policy.
  }
};

export class DraftsStore {
  private drafts: Drafts | undefined;
  private readonly serverDrafts: Drafts;
  private readonly listeners = new Set<Listener>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly storage: () => StorageLike | undefined;
  private readonly saveDelayMs: number;

  constructor(
    readonly labId: string,
    readonly originals: readonly LabFileSource[],
    options: DraftsStoreOptions = {},
  ) {
    this.serverDrafts = originalDrafts(originals);
    this.storage = options.storage ?? browserStorage;
    this.saveDelayMs = options.saveDelayMs ?? SAVE_DELAY_MS;
  }

  readonly getSnapshot = (): Drafts => {
    if (!this.drafts) {
      let raw: string | null = null;
      try {
        raw = this.storage()?.getItem(draftsKey(this.labId)) ?? null;
      } catch {
        // Unreadable storage: start from the originals.
      }
      this.drafts = parseDrafts(raw, this.originals);
    }
    return this.drafts;
  };

  readonly getServerSnapshot = (): Drafts => this.serverDrafts;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** One file's new text, saved after a short pause in typing. */
  setCode(name: string, code: string): void {
    const drafts = this.getSnapshot();
    if (drafts.code[name] === code || !(name in drafts.code)) return;
    this.update({ ...drafts, code: { ...drafts.code, [name]: code } });
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flush(), this.saveDelayMs);
  }

  /** Every file's text at once (reset, undo), saved at once. */
  replaceAll(code: Readonly<Record<string, string>>): void {
    const next = { ...this.getSnapshot().code };
    for (const name of Object.keys(next)) {
      const text = code[name];
      if (text !== undefined) next[name] = text;
    }
    // Replacing a stale file with its original clears the warning; keeping the edit keeps it.
    const stale = this.getSnapshot().stale.filter((name) => {
      const original = this.originals.find((file) => file.name === name);
      return original !== undefined && next[name] !== original.code;
    });
    this.update({ code: next, stale });
    this.flush();
  }

  /** Writes pending edits now. */
  flush(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.drafts) return;
    const raw = serialiseDrafts(this.drafts.code, this.originals);
    try {
      const storage = this.storage();
      if (raw === null) storage?.removeItem(draftsKey(this.labId));
      else storage?.setItem(draftsKey(this.labId), raw);
    } catch {
      // Storage full or blocked: the edits stay in memory for this page.
    }
  }

  private update(next: Drafts): void {
    this.drafts = next;
    this.listeners.forEach((listener) => listener());
  }
}

const stores = new Map<string, DraftsStore>();

/** The one store for a lab and its files, shared by every render of its editor. */
export function draftsStoreFor(labId: string, originals: readonly LabFileSource[]): DraftsStore {
  const signature = originals.map((file) => `${file.name}:${fingerprint(file.code)}`).join('|');
  const key = `${labId}\n${signature}`;
  let store = stores.get(key);
  if (!store) {
    store = new DraftsStore(labId, originals);
    stores.set(key, store);
  }
  return store;
}
