import { useLocation } from '@docusaurus/router';
import { usePluginData } from '@docusaurus/useGlobalData';
import { useCallback, useMemo, useSyncExternalStore } from 'react';

import {
  setDone,
  summarize,
  type ProgressState,
  type ProgressSummary,
} from '@site/src/lib/progress';
import {
  getProgress,
  getServerProgress,
  subscribeProgress,
  updateProgress,
} from '@site/src/lib/progressStore';
import type { WorkshopPage } from '@site/src/lib/workshopPages';

export type WorkshopProgress = {
  pages: readonly WorkshopPage[];
  state: ProgressState;
  summary: ProgressSummary;
  isDone: (id: string) => boolean;
  toggleDone: (id: string) => void;
};

export function useWorkshopPages(): readonly WorkshopPage[] {
  return (usePluginData('workshop-pages') as { pages: WorkshopPage[] }).pages;
}

/** Progress as stored in this browser; empty during the server render and first paint. */
export function useWorkshopProgress(): WorkshopProgress {
  const pages = useWorkshopPages();
  const state = useSyncExternalStore(subscribeProgress, getProgress, getServerProgress);
  const { pathname } = useLocation();
  const summary = useMemo(() => summarize(pages, state, pathname), [pages, state, pathname]);
  const isDone = useCallback((id: string) => id in state.done, [state]);
  const toggleDone = useCallback(
    (id: string) => updateProgress((current) => setDone(current, id, !(id in current.done))),
    [],
  );
  return { pages, state, summary, isDone, toggleDone };
}
