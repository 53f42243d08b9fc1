import { feedbackSession } from '../feedback/feedback-service.ts';
import { exportFeedback } from './feedback/export-feedback.ts';
import { StorageProblem } from './feedback/StorageProblem.tsx';
import { studio } from './studio.ts';
import { useFeedback } from './use-feedback.ts';
import { useStudio } from './use-studio.ts';

/**
 * Errors (a file that would not open, the audio engine, storage) and the live status of opening a file,
 * with how far it is and a way to stop it.
 */
export function Messages({ playerError }: { playerError: string | null }) {
  const { opening, openingProgress, error, notice } = useStudio();
  const percent = Math.round(openingProgress * 100);
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
      <div className="opening">
        <p className="message info" role="status" aria-live="polite">
          {opening ? `Opening “${opening.fileName}”…` : (notice ?? '')}
        </p>
        {opening && (
          <>
            {/* The bar carries the figure for assistive technology; the status line is not re-announced. */}
            <progress max={1} value={openingProgress} aria-label="Opening progress" />
            <span className="opening-percent" aria-hidden="true">
              {percent} %
            </span>
            <button type="button" onClick={() => studio.cancelOpen()}>
              Cancel opening
            </button>
          </>
        )}
      </div>
    </div>
  );
}
