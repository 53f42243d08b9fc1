import { useSyncExternalStore } from 'react';
import { feedbackSession } from '../feedback/feedback-service.ts';
import type { FeedbackSnapshot } from '../feedback/feedback-session.ts';

/** The device's feedback records and settings, re-rendering on every change (this tab's or another's). */
export function useFeedback(): FeedbackSnapshot {
  return useSyncExternalStore(feedbackSession.subscribe, feedbackSession.getSnapshot);
}
