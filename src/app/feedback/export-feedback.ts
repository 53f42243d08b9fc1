import { feedbackSession } from '../../feedback/feedback-service.ts';
import { downloadJson } from '../download.ts';
import { presetLibrary } from '../presets/preset-service.ts';

/** Saves every rating (saved or not), the settings and the saved presets as a JSON file any device imports. */
export function exportFeedback(): void {
  const text = feedbackSession.exportText(new Date(), { presets: presetLibrary.getSnapshot().presets });
  downloadJson(text, 'sonic-ai-eq-feedback');
}
