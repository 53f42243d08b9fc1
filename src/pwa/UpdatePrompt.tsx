/** "A new version is available" with a Reload button, shown when a new service worker is waiting. */
import { useState, useSyncExternalStore } from 'react';
import { isRefreshNeeded, onNeedRefresh, updateServiceWorker } from './register-sw.ts';
import './update-prompt.css';

export function UpdatePrompt() {
  const needRefresh = useSyncExternalStore(onNeedRefresh, isRefreshNeeded, () => false);
  const [dismissed, setDismissed] = useState(false);
  const [reloading, setReloading] = useState(false);
  if (!needRefresh || dismissed) return null;
  return (
    <div className="update-prompt" role="status" aria-live="polite">
      <span className="update-prompt__text">A new version is available</span>
      <button
        type="button"
        className="update-prompt__reload"
        disabled={reloading}
        onClick={() => {
          setReloading(true);
          void updateServiceWorker();
        }}
      >
        {reloading ? 'Reloading…' : 'Reload'}
      </button>
      <button
        type="button"
        className="update-prompt__dismiss"
        aria-label="Not now"
        onClick={() => setDismissed(true)}
      >
        ×
      </button>
    </div>
  );
}
