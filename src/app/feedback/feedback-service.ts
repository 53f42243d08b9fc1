/** The app's one feedback session, opened as the app starts so the history is ready before any suggestion. */
import { useSyncExternalStore } from 'react';
import { FeedbackStore } from '../../storage/feedback-db.ts';
import { requestPersistentStorage } from '../../storage/persist.ts';
import { FeedbackSession, type FeedbackSnapshot } from './feedback-session.ts';

export const feedbackSession = new FeedbackSession(
  (onBlocked) => FeedbackStore.open({ onBlocked }),
  requestPersistentStorage,
  typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('sonic-ai-eq-feedback'),
);

export function useFeedback(): FeedbackSnapshot {
  return useSyncExternalStore(feedbackSession.subscribe, feedbackSession.getSnapshot);
}
