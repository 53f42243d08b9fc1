/**
 * The share target, in the service worker: a song shared from another app arrives as a multipart POST to
 * `<scope>share-target`. The worker answers it itself (so it works offline and the audio never reaches a
 * network), keeps the files in the share cache and sends the app to `?shared=<id>`, where the page takes them.
 */
import {
  FILE_NAME_HEADER,
  LAST_MODIFIED_HEADER,
  SHARE_CACHE,
  SHARE_FILES_FIELD,
  SHARE_MAX_AGE_MS,
  SHARE_QUERY,
  SHARE_TARGET_PATH,
  sharedFileUrl,
} from './share-protocol.ts';

/** Whether a request is a share to this app. */
export function isShareTarget(request: Request, scope: string): boolean {
  return request.method === 'POST' && request.url.split('?')[0] === `${scope}${SHARE_TARGET_PATH}`;
}

/** A share id that sorts by time, so old shares can be found and dropped. */
const newShareId = (now: number) => `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
const shareTime = (id: string) => parseInt(id.split('-')[0] ?? '', 36);

async function dropOldShares(cache: Cache, scope: string, now: number): Promise<void> {
  const prefix = `${scope}shared-files/`;
  for (const key of await cache.keys()) {
    const id = key.url.startsWith(prefix) ? key.url.slice(prefix.length).split('/')[0] : undefined;
    const t = id ? shareTime(id) : NaN;
    if (!(now - t < SHARE_MAX_AGE_MS)) await cache.delete(key);
  }
}

/** Keeps the shared files and redirects to the app (303: the app is then loaded with GET). */
export async function handleShareTarget(request: Request, scope: string): Promise<Response> {
  const now = Date.now();
  let files: File[] = [];
  try {
    const form = await request.formData();
    files = form.getAll(SHARE_FILES_FIELD).filter((v): v is File => typeof v !== 'string');
  } catch {
    // Not multipart, or cut short: the app says that nothing arrived.
  }
  if (files.length === 0) return Response.redirect(`${scope}?${SHARE_QUERY}=none`, 303);
  const id = newShareId(now);
  const cache = await caches.open(SHARE_CACHE);
  await dropOldShares(cache, scope, now);
  await Promise.all(
    files.map((file, i) =>
      cache.put(
        sharedFileUrl(scope, id, i),
        new Response(file, {
          headers: {
            'content-type': file.type || 'application/octet-stream',
            [FILE_NAME_HEADER]: encodeURIComponent(file.name),
            [LAST_MODIFIED_HEADER]: String(file.lastModified),
          },
        }),
      ),
    ),
  );
  return Response.redirect(`${scope}?${SHARE_QUERY}=${id}`, 303);
}
