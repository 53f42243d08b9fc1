import { feedbackSession } from '../../feedback/feedback-service.ts';
import { downloadJson } from '../download.ts';
import { presetLibrary } from '../presets/preset-service.ts';
import { referenceLibrary } from '../reference-service.ts';

/**
 * Saves every rating (saved or not), the settings, the saved presets and the reference profiles as a JSON
 * file any device imports.
 */
export function exportFeedback(): void {
  const text = feedbackSession.exportText(new Date(), {
    presets: presetLibrary.getSnapshot().presets,
    references: referenceLibrary.getSnapshot().records,
  });
  downloadJson(text, 'sonic-ai-eq-feedback');
}
