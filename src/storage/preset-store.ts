/** The user's saved presets (named curves) in the `presets` store of the app's database. */
import { openFeedbackDb, type OpenOptions } from './feedback-db.ts';
import { NamedRecordStore } from './named-record-store.ts';
import { cleanPresetName } from './schema.ts';

export class PresetStore extends NamedRecordStore<'presets'> {
  static async open(opts: Omit<OpenOptions, 'version'> = {}): Promise<PresetStore> {
    // An empty name is refused (rename resolves undefined).
    return new PresetStore(await openFeedbackDb(opts), 'presets', cleanPresetName);
  }
}
