import type { FeedbackSnapshot } from '../../feedback/feedback-session.ts';

export interface StorageProblemProps {
  snapshot: FeedbackSnapshot;
  onRetry(): void;
  onExport(): void;
}

/** Says why ratings are not being saved, and offers to retry or to export what this session holds. */
export function StorageProblem({ snapshot, onRetry, onExport }: StorageProblemProps) {
  const { problem, unsaved } = snapshot;
  // Nothing to lose yet: a browser without storage is mentioned once there is a rating to keep.
  if (!problem || (problem.kind === 'unavailable' && snapshot.records.length === 0)) return null;
  return (
    <div className="message error storage-problem" role="alert">
      <span>
        {problem.message}
        {unsaved.length > 0 && ` (${unsaved.length} not saved yet.)`}
      </span>
      <span className="actions">
        <button type="button" onClick={onRetry}>
          Retry saving
        </button>
        <button type="button" onClick={onExport} disabled={snapshot.records.length === 0}>
          Export ratings
        </button>
      </span>
    </div>
  );
}
