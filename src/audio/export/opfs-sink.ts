/**
 * The export's file on disk, in the origin-private file system, written a piece at a time from the export
 * worker: a long export never sits in memory, and the File handed to the download is read from disk.
 * An export's file stays until a later export (or start of the app) finds it older than a few minutes, by
 * when its download has long finished reading it. Worker only (synchronous access handles).
 */
import type { ByteSink } from './export-pipeline.ts';

const DIR = 'exports';
/** Files older than this are left-overs of finished downloads. */
const STALE_MS = 5 * 60_000;

/** The slice of the synchronous access handle we use (typed here: the page's DOM typings lack it). */
interface SyncAccess {
  write(bytes: Uint8Array, opts: { at: number }): number;
  flush(): void;
  close(): void;
}

async function exportsDir(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(DIR, { create: true });
}

/** Removes export files older than a few minutes (their downloads are done). Never throws. */
export async function removeStaleExports(now = Date.now()): Promise<void> {
  try {
    const dir = await exportsDir();
    const entries = (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries();
    for await (const [name, handle] of entries) {
      if (handle.kind !== 'file') continue;
      const file = await (handle as FileSystemFileHandle).getFile();
      if (now - file.lastModified > STALE_MS) await dir.removeEntry(name).catch(() => undefined);
    }
  } catch {
    // No origin-private file system here: nothing was written to it either.
  }
}

/** A sink writing `name` in the origin-private file system, or null where there is none (then: memory). */
export async function opfsSink(name: string): Promise<ByteSink | null> {
  let dir: FileSystemDirectoryHandle;
  let handle: FileSystemFileHandle;
  let access: SyncAccess;
  try {
    dir = await exportsDir();
    handle = await dir.getFileHandle(name, { create: true });
    access = await (
      handle as unknown as { createSyncAccessHandle(): Promise<SyncAccess> }
    ).createSyncAccessHandle();
  } catch {
    return null;
  }
  return {
    writeAt(bytes, position) {
      access.write(bytes, { at: position });
    },
    async finish(mimeType) {
      access.flush();
      access.close();
      // A Blob over the file: typed for the download, its bytes still on disk.
      return new Blob([await handle.getFile()], { type: mimeType });
    },
    async discard() {
      try {
        access.close();
      } catch {
        // closed already
      }
      await dir.removeEntry(name).catch(() => undefined);
    },
  };
}
