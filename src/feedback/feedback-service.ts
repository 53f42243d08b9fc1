/**
 * The app's one feedback session, opened as the app starts so the history is ready before any suggestion:
 * records in IndexedDB, other tabs told of every change (BroadcastChannel), persistent storage asked once.
 */
import { FeedbackStore } from '../storage/feedback-db.ts';
import { requestPersistentStorage } from '../storage/persist.ts';
import { FeedbackFileError, parseFeedbackFile } from '../storage/feedback-file.ts';
import type { PresetRecord } from '../storage/schema.ts';
import { FeedbackSession, importOutcomeText } from './feedback-session.ts';

export const feedbackSession = new FeedbackSession(
  (onBlocked) => FeedbackStore.open({ onBlocked }),
  requestPersistentStorage,
  typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('sonic-ai-eq-feedback'),
);

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Imports a data file: its ratings here, its presets through `importPresets` (the preset library); resolves
 * with a sentence for the user (what was imported, or why not).
 */
export async function importFeedbackFile(
  file: File,
  importPresets?: (presets: PresetRecord[]) => Promise<number>,
): Promise<string> {
  try {
    const text = await file.text();
    const outcome = await feedbackSession.importText(text);
    const presets = parseFeedbackFile(text).presets;
    const p = presets.length && importPresets ? await importPresets(presets) : 0;
    const ratings = importOutcomeText(outcome, file.name);
    if (!p) return ratings;
    if (outcome.added + outcome.updated + outcome.unchanged === 0)
      return `From “${file.name}”: no ratings and ${plural(p, 'preset')} added.`;
    return `${ratings.replace(/\.$/, '')}, and ${plural(p, 'preset')} added.`;
  } catch (e) {
    return e instanceof FeedbackFileError ? e.message : `The import failed: ${(e as Error).message}`;
  }
}
