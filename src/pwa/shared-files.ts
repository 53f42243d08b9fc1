/**
 * The page's side of the share target: when the service worker sent the app to `?shared=<id>`, the files it
 * kept on the device for that share are read back, deleted from the cache and opened. Nothing is fetched
 * from a network: Cache Storage is local.
 */
import {
  FILE_NAME_HEADER,
  LAST_MODIFIED_HEADER,
  SHARE_CACHE,
  SHARE_QUERY,
  sharedFilesPrefix,
} from './sw/share-protocol.ts';

export type SharedFiles = { files: File[] } | { error: string } | null;

/** The files of the share this page was opened for, or null when it was not opened by a share. */
export async function takeSharedFiles(location: Location = window.location): Promise<SharedFiles> {
  const params = new URLSearchParams(location.search);
  const id = params.get(SHARE_QUERY);
  if (id === null) return null;
  // The address goes back to the app's own, so a reload does not look for the share again.
  params.delete(SHARE_QUERY);
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  if (id === 'none') return { error: 'Nothing that could be opened was shared (no audio file).' };
  if (typeof caches === 'undefined') return { error: 'This browser cannot receive shared files.' };
  const scope = new URL(import.meta.env.BASE_URL, location.href).href;
  const prefix = sharedFilesPrefix(scope, id);
  const cache = await caches.open(SHARE_CACHE);
  const keys = (await cache.keys())
    .filter((k) => k.url.startsWith(prefix))
    .sort((a, b) => Number(a.url.slice(prefix.length)) - Number(b.url.slice(prefix.length)));
  const files: File[] = [];
  for (const key of keys) {
    const res = await cache.match(key);
    if (!res) continue;
    const name = decodeURIComponent(res.headers.get(FILE_NAME_HEADER) ?? '') || 'Shared audio';
    const lastModified = Number(res.headers.get(LAST_MODIFIED_HEADER)) || Date.now();
    // Read now: the cache entry is deleted next, and the file must not depend on it.
    const type = res.headers.get('content-type') ?? '';
    files.push(new File([await res.arrayBuffer()], name, { type, lastModified }));
    await cache.delete(key);
  }
  if (files.length === 0) return { error: 'The shared file was not found: share it again.' };
  return { files };
}
