import { feedbackSession } from '../../feedback/feedback-service.ts';
import { downloadJson } from '../download.ts';

/** Saves every rating (saved or not) and the settings as a JSON file the app imports on any device. */
export function exportFeedback(): void {
  downloadJson(feedbackSession.exportText(), 'sonic-ai-eq-feedback');
}
