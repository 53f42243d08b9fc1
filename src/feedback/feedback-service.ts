/**
 * The app's one feedback session, opened as the app starts so the history is ready before any suggestion:
 * records in IndexedDB, other tabs told of every change (BroadcastChannel), persistent storage asked once.
 */
import { FeedbackStore } from '../storage/feedback-db.ts';
import { requestPersistentStorage } from '../storage/persist.ts';
import { FeedbackFileError } from '../storage/feedback-file.ts';
import { FeedbackSession, importOutcomeText } from './feedback-session.ts';

export const feedbackSession = new FeedbackSession(
  (onBlocked) => FeedbackStore.open({ onBlocked }),
  requestPersistentStorage,
  typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('sonic-ai-eq-feedback'),
);

/** Imports a feedback file; resolves with a sentence for the user (what was imported, or why not). */
export async function importFeedbackFile(file: File): Promise<string> {
  try {
    return importOutcomeText(await feedbackSession.importText(await file.text()), file.name);
  } catch (e) {
    return e instanceof FeedbackFileError ? e.message : `The import failed: ${(e as Error).message}`;
  }
}
