/**
 * "Ready to work offline", said once: when the first visit's service worker has cached the whole app (the
 * model and its runtime included), so the user knows the network is no longer needed. Later visits say
 * nothing: they were ready already.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { isOfflineReady, onOfflineReady } from './register-sw.ts';
import './update-prompt.css';

/** Long enough to be read; the note can also be dismissed. */
const SHOW_MS = 12_000;

export function OfflineReady() {
  const ready = useSyncExternalStore(onOfflineReady, isOfflineReady, () => false);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    if (!ready) return;
    const t = setTimeout(() => setDismissed(true), SHOW_MS);
    return () => clearTimeout(t);
  }, [ready]);
  // The live region is always there, so screen readers announce the note when it appears.
  return (
    <div role="status">
      {ready && !dismissed && (
        <div className="update-prompt offline-ready">
          <span className="update-prompt__text">
            Ready to work offline: the app is saved on this device and no longer needs the network.
          </span>
          <button
            type="button"
            className="update-prompt__dismiss"
            aria-label="Dismiss"
            onClick={() => setDismissed(true)}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
