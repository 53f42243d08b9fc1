import { useRef, useState } from 'react';
import type { FeedbackRecord } from '../../storage/schema.ts';
import type { FeedbackSnapshot } from '../../feedback/feedback-session.ts';

export interface HistoryDialogProps {
  snapshot: FeedbackSnapshot;
  onDelete(id: string): void;
  onDeleteAll(): void;
  onExport(): void;
  /** Resolves with a message for the user (how many were imported, or why the file was refused). */
  onImport(file: File): Promise<string>;
  /** The export also carries other data (saved presets): it is offered even without ratings. */
  hasOtherData?: boolean;
}

const RATING_TEXT: Record<FeedbackRecord['rating'], string> = {
  up: 'Good',
  down: 'Bad',
  none: 'Exported, not rated',
};

/** Past ratings, newest first: delete one or all, export them to a file, import a file from another device. */
export function HistoryDialog({
  snapshot,
  onDelete,
  onDeleteAll,
  onExport,
  onImport,
  hasOtherData = false,
}: HistoryDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const [message, setMessage] = useState('');
  // The import field exists only while the dialog is open: the page's own file input stays the only one.
  const [open, setOpen] = useState(false);
  const unsaved = new Set(snapshot.unsaved);
  const resetAt = snapshot.settings.resetAt;
  const records = [...snapshot.records].reverse();

  return (
    <>
      <button
        type="button"
        className="history-open"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        Rating history ({snapshot.records.length})
      </button>
      <dialog
        ref={dialog}
        className="history-dialog"
        aria-label="Rating history"
        // The page's shortcuts (space, B, Ctrl+Z) stay with the page while the dialog is open.
        onKeyDown={(e) => e.stopPropagation()}
        onClose={() => {
          setOpen(false);
          setConfirmAll(false);
          setMessage('');
        }}
      >
        {/* A div, not <header>: inside a dialog a header would be a second banner landmark. */}
        <div className="history-head">
          <h2>Rating history</h2>
          <button type="button" aria-label="Close" onClick={() => dialog.current?.close()}>
            ×
          </button>
        </div>
        <p className="history-note">
          Kept on this device only: the file name, its length and the curves, never the audio.
        </p>
        {records.length === 0 ? (
          <p className="history-empty">No ratings yet.</p>
        ) : (
          <ul className="history-list" aria-label="Past ratings">
            {records.map((r) => (
              <li key={r.id} className="history-item">
                <span className="history-file">{r.fileName}</span>
                <time dateTime={new Date(r.time).toISOString()}>{new Date(r.time).toLocaleString()}</time>
                <span className={`history-rating rating-${r.rating}`}>{RATING_TEXT[r.rating]}</span>
                {unsaved.has(r.id) && <span className="history-unsaved">not saved</span>}
                {resetAt !== null && r.time < resetAt && (
                  <span className="history-unsaved">before reset</span>
                )}
                <button
                  type="button"
                  aria-label={`Delete the rating of ${r.fileName}`}
                  onClick={() => onDelete(r.id)}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="history-actions">
          <button type="button" onClick={onExport} disabled={records.length === 0 && !hasOtherData}>
            Export JSON
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import JSON
          </button>
          {open && (
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              hidden
              aria-label="Feedback file to import"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void onImport(f).then(setMessage);
              }}
            />
          )}
          {confirmAll ? (
            <>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  onDeleteAll();
                  setConfirmAll(false);
                  setMessage('All ratings deleted.');
                }}
              >
                Yes, delete all
              </button>
              <button type="button" onClick={() => setConfirmAll(false)}>
                Keep them
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirmAll(true)} disabled={records.length === 0}>
              Delete all
            </button>
          )}
        </div>
        <p className="history-message" role="status">
          {message}
        </p>
      </dialog>
    </>
  );
}
