/**
 * The app's one feedback session, opened as the app starts so the history is ready before any suggestion:
 * records in IndexedDB, other tabs told of every change (BroadcastChannel), persistent storage asked once.
 */
import { FeedbackStore } from '../storage/feedback-db.ts';
import { requestPersistentStorage } from '../storage/persist.ts';
import type { ReferenceRecord } from '../shared/targets/index.ts';
import { FeedbackFileError } from '../storage/feedback-file.ts';
import { parseImportFile } from '../storage/reference-file.ts';
import type { PresetRecord } from '../storage/schema.ts';
import { FeedbackSession, importOutcomeText } from './feedback-session.ts';

export const feedbackSession = new FeedbackSession(
  (onBlocked) => FeedbackStore.open({ onBlocked }),
  requestPersistentStorage,
  typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('sonic-ai-eq-feedback'),
);

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Where the other kinds of user data in a file go (the preset and reference libraries). */
export interface DataImporters {
  presets?: (presets: PresetRecord[]) => Promise<number>;
  references?: (references: ReferenceRecord[]) => Promise<number>;
}

/**
 * Imports a data file (its ratings here, its presets and references through `importers`) or a file of
 * reference profiles (what `eq profile` writes); resolves with a sentence for the user (what was imported,
 * or why not).
 */
export async function importFeedbackFile(file: File, importers: DataImporters = {}): Promise<string> {
  try {
    const parsed = parseImportFile(await file.text());
    if (parsed.kind === 'references') {
      const r = importers.references ? await importers.references(parsed.file.references) : 0;
      return `Imported ${plural(r, 'reference')} from “${file.name}”.`;
    }
    const data = parsed.file;
    const outcome = await feedbackSession.importRecords(data);
    const p = data.presets.length && importers.presets ? await importers.presets(data.presets) : 0;
    const r =
      data.references.length && importers.references ? await importers.references(data.references) : 0;
    const extras = [p ? plural(p, 'preset') : '', r ? plural(r, 'reference') : ''].filter(Boolean);
    const ratings = importOutcomeText(outcome, file.name);
    if (extras.length === 0) return ratings;
    if (outcome.added + outcome.updated + outcome.unchanged === 0)
      return `From “${file.name}”: no ratings, and ${extras.join(' and ')} added.`;
    return `${ratings.replace(/\.$/, '')}, and ${extras.join(' and ')} added.`;
  } catch (e) {
    return e instanceof FeedbackFileError ? e.message : `The import failed: ${(e as Error).message}`;
  }
}
