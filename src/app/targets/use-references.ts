import { useSyncExternalStore } from 'react';
import type { ReferenceLibrarySnapshot } from '../../references/reference-library.ts';
import { referenceLibrary } from '../reference-service.ts';

/** The stored references: the one way React reads the reference library. */
export function useReferences(): ReferenceLibrarySnapshot {
  return useSyncExternalStore(referenceLibrary.subscribe, referenceLibrary.getSnapshot);
}
