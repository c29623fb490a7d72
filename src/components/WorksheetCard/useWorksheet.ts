import { useSyncExternalStore } from 'react';

import type { Worksheet } from '@site/src/lib/worksheet/model';
import {
  getServerWorksheet,
  getWorksheet,
  subscribeWorksheet,
  updateWorksheet,
} from '@site/src/lib/worksheet/store';

export type UpdateWorksheet = (change: (worksheet: Worksheet) => Worksheet) => void;

/** The worksheet as stored in this browser; a new one during the server render and first paint. */
export function useWorksheet(): [Worksheet, UpdateWorksheet] {
  const worksheet = useSyncExternalStore(subscribeWorksheet, getWorksheet, getServerWorksheet);
  return [worksheet, updateWorksheet];
}
