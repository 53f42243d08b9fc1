/** The app's one preset library, opened as the app starts: named curves kept on this device. */
import { PresetLibrary } from '../../presets/preset-library.ts';
import { PresetStore } from '../../storage/preset-store.ts';
import { newId } from '../studio.ts';

export const presetLibrary = new PresetLibrary(() => PresetStore.open(), newId);
