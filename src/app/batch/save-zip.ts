/**
 * Writes a batch's zip with client-zip: a stream that pulls each entry only when it has written the last
 * (the batch then decodes and renders the next file), so the album's audio is never in the page twice. The
 * stream is collected by `Response.blob()`, which Chromium keeps in the browser's blob storage (paged to disk
 * when large), outside the tab's memory; the finished zip is then saved like any export. Entries are stored
 * (not compressed): audio does not compress and the archive is written as fast as the files come.
 */
import { downloadZip } from 'client-zip';
import type { ZipEntry } from '../../batch/batch-store.ts';
import { abortable } from '../../shared/cancel.ts';
import { downloadBlob } from '../download.ts';

async function* asZipInputs(entries: AsyncIterable<ZipEntry>) {
  for await (const e of entries) yield { input: e.blob, name: e.name, lastModified: e.lastModified };
}

/** Makes the zip of `entries` and saves it as `name`; rejects on cancel (no file is saved then). */
export async function saveZip(
  entries: AsyncIterable<ZipEntry>,
  name: string,
  signal: AbortSignal,
): Promise<void> {
  const zip = await abortable(signal, makeZip(entries), undefined, 'The batch export');
  downloadBlob(zip, name);
}

/** The zip as a Blob (exported for the browser specs, which read it back). */
export async function makeZip(entries: AsyncIterable<ZipEntry>): Promise<Blob> {
  const blob = await downloadZip(asZipInputs(entries), { buffersAreUTF8: true }).blob();
  return new Blob([blob], { type: 'application/zip' });
}
