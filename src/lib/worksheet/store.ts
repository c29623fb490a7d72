/**
 * The worksheet kept in the browser's localStorage under one versioned key, shared by every
 * worksheet on every page and across tabs (see ../localStore.ts).
 */
import { createLocalStore } from '../localStore';
import { emptyWorksheet, type Worksheet } from './model';
import { parseStoredWorksheet } from './normalise';

export const WORKSHEET_STORAGE_KEY = 'emr-spark-workshop:worksheet';

const store = createLocalStore<Worksheet>(
  WORKSHEET_STORAGE_KEY,
  parseStoredWorksheet,
  emptyWorksheet,
);

export const getWorksheet = store.get;
export const getServerWorksheet = store.getServer;
export const updateWorksheet = store.update;
export const subscribeWorksheet = store.subscribe;
