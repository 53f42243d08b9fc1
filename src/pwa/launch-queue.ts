/**
 * "Open with Sonic AI EQ" from the operating system (the installed app, Chromium desktop): the manifest's
 * file_handlers (vite.config.ts) send the files to the app's window, and its launch queue hands them to
 * the consumer set here. Several files arrive in one launch and open as a batch.
 */

/** The part of the File Handling API used here (not yet in TypeScript's DOM types). */
export interface LaunchParams {
  files?: readonly { kind: string; getFile?: () => Promise<File> }[];
}

interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

/** The files of one launch (file handles only; a directory handle has no getFile). */
export async function launchedFiles(params: LaunchParams): Promise<File[]> {
  const handles = (params.files ?? []).filter((h) => h.kind === 'file' && h.getFile);
  const files = await Promise.allSettled(handles.map((h) => h.getFile!()));
  return files.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
}

/** Hands every launch's files to `open`; does nothing in browsers without a launch queue. */
export function consumeLaunchQueue(open: (files: File[]) => void): void {
  const queue = (window as { launchQueue?: LaunchQueue }).launchQueue;
  queue?.setConsumer((params) => {
    void launchedFiles(params).then((files) => files.length > 0 && open(files));
  });
}
