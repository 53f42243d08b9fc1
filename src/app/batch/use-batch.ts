import { useSyncExternalStore } from 'react';
import { neighbours, type BatchState } from '../../batch/batch-state.ts';
import { batch } from './batch-service.ts';

/** The batch: the one way React reads the batch store. */
export function useBatch(): BatchState {
  return useSyncExternalStore(batch.subscribe, batch.getSnapshot);
}

/** The files before and after the one on screen (null where there is none). */
export function useBatchNeighbours() {
  return neighbours(useBatch());
}
