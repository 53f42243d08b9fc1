/**
 * The files of a drop: the files themselves, and the audio files inside any dropped folder (walked through
 * the File and Directory Entries API, where the browser offers it). A drop without folders is read at once,
 * in the drop's own task, so files dropped one after another open in the order they were dropped.
 */
import { looksLikeAudio } from '../shared/audio-file-types.ts';

/** Reads every entry of a directory (readEntries returns them in chunks until an empty one). */
async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (chunk.length === 0) return all;
    all.push(...chunk);
  }
}

/** The audio files under a directory, in name order, depth first. */
async function audioFilesIn(dir: FileSystemDirectoryEntry): Promise<File[]> {
  const entries = (await readAll(dir)).sort((a, b) =>
    a.name.localeCompare(b.name, undefined, { numeric: true }),
  );
  const out: File[] = [];
  for (const e of entries) {
    if (e.isDirectory) out.push(...(await audioFilesIn(e as FileSystemDirectoryEntry)));
    else if (e.isFile) {
      const f = await new Promise<File>((resolve, reject) =>
        (e as FileSystemFileEntry).file(resolve, reject),
      );
      if (looksLikeAudio(f)) out.push(f);
    }
  }
  return out;
}

/**
 * The dropped files, or a promise of them when folders were dropped. Must be called during the drop event:
 * the DataTransfer is emptied when it ends.
 */
export function droppedFiles(dt: DataTransfer): File[] | Promise<File[]> {
  const items = [...dt.items].filter((i) => i.kind === 'file');
  const entries = items.map((i) => i.webkitGetAsEntry?.() ?? null);
  const files = items.map((i) => i.getAsFile());
  if (!entries.some((e) => e?.isDirectory)) return files.filter((f): f is File => f !== null);
  return (async () => {
    const out: File[] = [];
    for (const [i, e] of entries.entries()) {
      if (e?.isDirectory) out.push(...(await audioFilesIn(e as FileSystemDirectoryEntry)));
      else if (files[i]) out.push(files[i]);
    }
    return out;
  })();
}
