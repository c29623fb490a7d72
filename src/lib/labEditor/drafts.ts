/**
 * A learner's edits to a lab's files, kept per lab in localStorage. Pure functions over a small
 * serialisable record; the store that reads and writes storage is `draftsStore.ts`.
 *
 * Only edited files are stored, each with a fingerprint of the original it was edited from, so
 * a later change to the lab's file in the site can be pointed out instead of silently mixed in.
 */

export const DRAFTS_VERSION = 1;
export const draftsKey = (labId: string): string => `emr-spark-workshop:lab-drafts:${labId}`;

/** A file of a lab as the site ships it: its name in the lab folder and its text. */
export type LabFileSource = { readonly name: string; readonly code: string };

type StoredDraft = { code: string; base: string };
type StoredDrafts = { version: typeof DRAFTS_VERSION; files: Record<string, StoredDraft> };

/** The lab's files as the learner has them now. */
export type Drafts = {
  /** File name -> current text, for every file of the lab. */
  code: Record<string, string>;
  /** Edited files whose original changed in the site since the edit. */
  stale: string[];
};

/** FNV-1a, 32 bits: enough to notice that an original changed, not a security measure. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export const originalDrafts = (originals: readonly LabFileSource[]): Drafts => ({
  code: Object.fromEntries(originals.map((file) => [file.name, file.code])),
  stale: [],
});

/** Reads stored drafts over the originals; anything unreadable or unknown is ignored. */
export function parseDrafts(raw: string | null, originals: readonly LabFileSource[]): Drafts {
  const drafts = originalDrafts(originals);
  if (!raw) return drafts;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return drafts;
  }
  if (typeof value !== 'object' || value === null) return drafts;
  const { version, files } = value as Record<string, unknown>;
  if (version !== DRAFTS_VERSION || typeof files !== 'object' || files === null) return drafts;
  for (const original of originals) {
    const stored: unknown = (files as Record<string, unknown>)[original.name];
    if (typeof stored !== 'object' || stored === null) continue;
    const { code, base } = stored as Record<string, unknown>;
    if (typeof code !== 'string') continue;
    drafts.code[original.name] = code;
    if (base !== fingerprint(original.code) && code !== original.code) {
      drafts.stale.push(original.name);
    }
  }
  return drafts;
}

/** What to store for these drafts, or null when nothing differs from the originals. */
export function serialiseDrafts(
  code: Readonly<Record<string, string>>,
  originals: readonly LabFileSource[],
): string | null {
  const files: Record<string, StoredDraft> = {};
  for (const original of originals) {
    const current = code[original.name];
    if (current === undefined || current === original.code) continue;
    files[original.name] = { code: current, base: fingerprint(original.code) };
  }
  if (Object.keys(files).length === 0) return null;
  const stored: StoredDrafts = { version: DRAFTS_VERSION, files };
  return JSON.stringify(stored);
}

/** Names of the files whose current text differs from the original, in the lab's order. */
export function modifiedFiles(
  code: Readonly<Record<string, string>>,
  originals: readonly LabFileSource[],
): string[] {
  return originals
    .filter((original) => {
      const current = code[original.name];
      return current !== undefined && current !== original.code;
    })
    .map((original) => original.name);
}

/** The lab's files as edited, in the lab's order (what a run or a download gets). */
export function currentFiles(
  code: Readonly<Record<string, string>>,
  originals: readonly LabFileSource[],
): LabFileSource[] {
  return originals.map((original) => ({
    name: original.name,
    code: code[original.name] ?? original.code,
  }));
}
