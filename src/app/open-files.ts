/**
 * Every way a file reaches the app (the picker, a drop, "Open with" from the operating system, a share from
 * another app) ends here: one file opens on screen; several become a batch, whose first file opens on screen.
 */
import { batch } from './batch/batch-service.ts';
import { studio } from './studio.ts';

export function openFiles(files: readonly File[]): void {
  if (files.length === 0) return;
  if (files.length === 1) {
    void studio.open(files[0]!);
    return;
  }
  const [first] = batch.add(files);
  if (first) void batch.show(first);
}
