/** Why feedback could not be stored, in words the UI can show. */
export type StorageErrorKind = 'unavailable' | 'full' | 'blocked' | 'failed';

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly kind: StorageErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const MESSAGES: Record<StorageErrorKind, string> = {
  unavailable:
    'This browser does not let the app store data (private browsing, or storage is turned off), so ratings last only for this session. Export them to keep them.',
  full: 'The device’s storage for this app is full, so the latest ratings are kept only for this session. Free some space and retry, or export them.',
  blocked:
    'Another tab is holding an older version of the app’s storage. Close other Sonic AI EQ tabs; until then ratings are kept only for this session.',
  failed: 'Ratings could not be saved, so they are kept only for this session. Retry, or export them.',
};

/** Maps an IndexedDB failure to a StorageError with a message for the user. */
export function toStorageError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const name = (e as { name?: unknown } | null)?.name;
  const kind: StorageErrorKind =
    name === 'QuotaExceededError'
      ? 'full'
      : name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError'
        ? 'unavailable'
        : 'failed';
  return new StorageError(kind, MESSAGES[kind], { cause: e });
}

export function storageError(kind: StorageErrorKind): StorageError {
  return new StorageError(kind, MESSAGES[kind]);
}

/** Runs a database operation; whatever it throws becomes a StorageError the UI can explain. */
export async function storageOp<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw toStorageError(e);
  }
}
