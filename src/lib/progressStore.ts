/** Progress kept in the browser's localStorage (see localStore.ts). */
import { createLocalStore } from './localStore';
import { emptyProgress, parseProgress, type ProgressState } from './progress';

export const PROGRESS_STORAGE_KEY = 'emr-spark-workshop:progress';

const store = createLocalStore<ProgressState>(PROGRESS_STORAGE_KEY, parseProgress, emptyProgress);

export const getProgress = store.get;
export const getServerProgress = store.getServer;
export const updateProgress = store.update;
export const subscribeProgress = store.subscribe;
