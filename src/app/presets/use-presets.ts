import { useSyncExternalStore } from 'react';
import type { PresetSnapshot } from '../../presets/preset-library.ts';
import { presetLibrary } from './preset-service.ts';

/** The saved presets: the one way React reads the preset library. */
export function usePresets(): PresetSnapshot {
  return useSyncExternalStore(presetLibrary.subscribe, presetLibrary.getSnapshot);
}
