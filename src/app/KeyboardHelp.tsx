import { useImperativeHandle, useRef, type Ref } from 'react';
import { SHORTCUTS } from './use-shortcuts.ts';

export interface KeyboardHelpHandle {
  open(): void;
}

/** The "?" dialog: every keyboard shortcut of the page, and a button that opens it for pointer users. */
export function KeyboardHelp({ ref }: { ref: Ref<KeyboardHelpHandle> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = () => {
    if (!dialog.current?.open) dialog.current?.showModal();
  };
  useImperativeHandle(ref, () => ({ open }));
  return (
    <>
      <button
        type="button"
        className="help-open"
        onClick={open}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
      <dialog
        ref={dialog}
        className="help-dialog"
        aria-labelledby="help-title"
        // The page's shortcuts stay with the page while the dialog is open.
        onKeyDown={(e) => e.stopPropagation()}
      >
        <div className="dialog-head">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button type="button" aria-label="Close" onClick={() => dialog.current?.close()}>
            ×
          </button>
        </div>
        <dl className="shortcuts">
          {SHORTCUTS.map((s) => (
            <div key={s.action} className="shortcut">
              <dt>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && (s.keys.length === 4 ? ' ' : '+')}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{s.action}</dd>
            </div>
          ))}
        </dl>
      </dialog>
    </>
  );
}
