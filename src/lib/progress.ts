/**
 * A learner's progress through the workshop: which pages they marked done and where they were.
 * Pure functions over a small serialisable state; storage lives in `progressStore.ts`.
 */
import type { WorkshopPage } from './workshopPages';

export const PROGRESS_VERSION = 1;

export type ProgressState = {
  version: typeof PROGRESS_VERSION;
  /** Doc id -> when it was marked done (epoch ms). */
  done: Record<string, number>;
  /** Docs the learner opened, most recent first (a few, distinct). */
  recent: string[];
};

const RECENT_LIMIT = 5;

export const emptyProgress = (): ProgressState => ({
  version: PROGRESS_VERSION,
  done: {},
  recent: [],
});

/** Reads stored progress; anything unreadable or from another version starts afresh. */
export function parseProgress(raw: string | null): ProgressState {
  if (!raw) return emptyProgress();
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return emptyProgress();
    const { version, done, recent } = value as Record<string, unknown>;
    if (version !== PROGRESS_VERSION || typeof done !== 'object' || done === null) {
      return emptyProgress();
    }
    const cleanDone: Record<string, number> = {};
    for (const [id, at] of Object.entries(done)) {
      if (typeof at === 'number' && Number.isFinite(at)) cleanDone[id] = at;
    }
    const cleanRecent = Array.isArray(recent)
      ? recent.filter((id): id is string => typeof id === 'string').slice(0, RECENT_LIMIT)
      : [];
    return { version: PROGRESS_VERSION, done: cleanDone, recent: cleanRecent };
  } catch {
    return emptyProgress();
  }
}

export function setDone(
  state: ProgressState,
  id: string,
  done: boolean,
  now = Date.now(),
): ProgressState {
  const { [id]: _previous, ...rest } = state.done;
  return { ...state, done: done ? { ...rest, [id]: now } : rest };
}

export function visit(state: ProgressState, id: string): ProgressState {
  if (state.recent[0] === id) return state;
  const recent = [id, ...state.recent.filter((other) => other !== id)].slice(0, RECENT_LIMIT);
  return { ...state, recent };
}

export type ProgressSummary = {
  doneCount: number;
  pageCount: number;
  totalMinutes: number;
  minutesLeft: number;
  /** Whole percent of the workshop's minutes done. */
  percent: number;
  /**
   * Where to carry on: the page last visited (before the one being read now) if not done,
   * else the next page not done after it — never the page the learner is reading now.
   */
  resume: WorkshopPage | undefined;
};

export function summarize(
  pages: readonly WorkshopPage[],
  state: ProgressState,
  currentPermalink?: string,
): ProgressSummary {
  const isDone = (page: WorkshopPage) => page.id in state.done;
  const isCandidate = (page: WorkshopPage) => !isDone(page) && page.permalink !== currentPermalink;
  const totalMinutes = pages.reduce((sum, page) => sum + page.minutes, 0);
  const minutesDone = pages.filter(isDone).reduce((sum, page) => sum + page.minutes, 0);
  const permalinkOf = new Map(pages.map((page) => [page.id, page.permalink]));
  const lastVisited = state.recent.find((id) => permalinkOf.get(id) !== currentPermalink);
  const lastIndex = Math.max(
    0,
    pages.findIndex((page) => page.id === lastVisited),
  );
  const resume = pages.slice(lastIndex).find(isCandidate) ?? pages.find(isCandidate);
  return {
    doneCount: pages.filter(isDone).length,
    pageCount: pages.length,
    totalMinutes,
    minutesLeft: totalMinutes - minutesDone,
    percent: totalMinutes === 0 ? 0 : Math.round((100 * minutesDone) / totalMinutes),
    resume,
  };
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
