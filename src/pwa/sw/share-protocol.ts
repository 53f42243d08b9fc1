/**
 * How a shared file travels from the service worker to the page, without a network: the worker answers the
 * share target's POST itself, keeps the files in a Cache Storage cache on the device under one share id, and
 * redirects to the app with `?shared=<id>`; the page reads the files back and deletes them
 * (src/pwa/shared-files.ts). Imported by the service worker and the page: plain values only.
 */

/** The share target's action, relative to the app's scope (the manifest's `share_target.action`). */
export const SHARE_TARGET_PATH = 'share-target';

/** The multipart field that carries the files (the manifest's `share_target.params.files[].name`). */
export const SHARE_FILES_FIELD = 'audio';

/** The query parameter of the redirect that names the share. */
export const SHARE_QUERY = 'shared';

/** Where shared files wait for the page (never a precache: Workbox's cleanup leaves it alone). */
export const SHARE_CACHE = 'sonic-shared-files';

/** Each file's key in the cache: `<scope>shared-files/<share id>/<index>`. */
export const sharedFileUrl = (scope: string, shareId: string, index: number): string =>
  `${scope}shared-files/${shareId}/${index}`;

/** The prefix of every file of one share. */
export const sharedFilesPrefix = (scope: string, shareId: string): string =>
  `${scope}shared-files/${shareId}/`;

/** Response headers that carry what a cached Response cannot: the file's name and modification time. */
export const FILE_NAME_HEADER = 'x-file-name';
export const LAST_MODIFIED_HEADER = 'x-last-modified';

/** Shares the page never picked up (the app was closed at once) are dropped after a day. */
export const SHARE_MAX_AGE_MS = 24 * 3600 * 1000;
