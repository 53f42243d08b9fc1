/**
 * Files that come to the app from outside the page: "Open with" from the operating system (the launch
 * queue) and a share from another app (the share target). Both open as if dropped.
 */
import { consumeLaunchQueue } from '../pwa/launch-queue.ts';
import { takeSharedFiles } from '../pwa/shared-files.ts';
import { openFiles } from './open-files.ts';
import { studio } from './studio.ts';

export function receiveFiles(): void {
  consumeLaunchQueue(openFiles);
  takeSharedFiles().then(
    (shared) => {
      if (!shared) return;
      if ('error' in shared) studio.reportError(shared.error);
      else openFiles(shared.files);
    },
    (e: unknown) => studio.reportError(`The shared file could not be opened: ${(e as Error).message}`),
  );
}
