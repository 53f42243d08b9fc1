import { feedbackSession } from '../feedback/feedback-service.ts';
import { exportFeedback } from './feedback/export-feedback.ts';
import { StorageProblem } from './feedback/StorageProblem.tsx';
import { studio } from './studio.ts';
import { useFeedback } from './use-feedback.ts';
import { useStudio } from './use-studio.ts';

/** Errors (a file that would not open, the audio engine, storage) and the live status of opening a file. */
export function Messages({ playerError }: { playerError: string | null }) {
  const { opening, error, notice } = useStudio();
  const feedback = useFeedback();
  return (
    <div className="messages">
      {error && (
        <div className="message error" role="alert">
          <span>{error}</span>
          <button type="button" aria-label="Dismiss" onClick={() => studio.dismissError()}>
            ×
          </button>
        </div>
      )}
      {playerError && (
        <div className="message error" role="alert">
          {playerError}
        </div>
      )}
      <StorageProblem
        snapshot={feedback}
        onRetry={() => void feedbackSession.retry()}
        onExport={exportFeedback}
      />
      <p className="message info" role="status" aria-live="polite">
        {opening ? `Loading “${opening.fileName}”…` : (notice ?? '')}
      </p>
    </div>
  );
}
