import { useSyncExternalStore } from 'react';
import type { ExportChoice } from '../audio/export/index.ts';
import type { StudioSnapshot } from '../session/session-store.ts';
import { studio, type LoadedAudio } from './studio.ts';

/** The song on screen and everything about it: the one way React reads the session store. */
export function useStudio(): StudioSnapshot<LoadedAudio, ExportChoice> {
  return useSyncExternalStore(studio.subscribe, studio.getSnapshot);
}
