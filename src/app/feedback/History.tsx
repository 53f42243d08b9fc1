import { feedbackSession, importFeedbackFile } from '../../feedback/feedback-service.ts';
import { presetLibrary } from '../presets/preset-service.ts';
import { referenceLibrary } from '../reference-service.ts';
import { useReferences } from '../targets/use-references.ts';
import { usePresets } from '../presets/use-presets.ts';
import { useFeedback } from '../use-feedback.ts';
import { exportFeedback } from './export-feedback.ts';
import { HistoryDialog } from './HistoryDialog.tsx';

/** The "Rating history" button and dialog, wired to the device's feedback. */
export function History() {
  const feedback = useFeedback();
  const { presets } = usePresets();
  const { records: references } = useReferences();
  return (
    <HistoryDialog
      snapshot={feedback}
      onDelete={(id) => void feedbackSession.remove(id)}
      onDeleteAll={() => void feedbackSession.removeAll()}
      onExport={exportFeedback}
      hasOtherData={presets.length > 0 || references.length > 0}
      onImport={(file) =>
        importFeedbackFile(file, {
          presets: (presets) => presetLibrary.importPresets(presets),
          references: (references) => referenceLibrary.importRecords(references),
        })
      }
    />
  );
}
