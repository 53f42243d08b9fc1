/**
 * The one way work is cancelled: an AbortSignal goes in, the work stops, and the caller gets one kind of
 * error, recognised in one way. WebAssembly in a worker cannot be interrupted mid-call, so the usual onAbort
 * is to terminate the worker (squoosh's abortable() does the same). Runs in the page, workers and Node.
 */

/** The error every cancelled piece of work rejects with: a DOMException named AbortError. */
export function abortError(what = 'The work'): DOMException {
  return new DOMException(`${what} was cancelled`, 'AbortError');
}

/** Whether an error means "cancelled" (ours, fetch's, or a stream's): never shown as a failure. */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/**
 * Settles with `work`, or rejects with abortError() as soon as `signal` aborts, after calling `onAbort`
 * (which stops the work: terminates its worker, drops its audio context). Already aborted: rejects at once
 * without starting to wait.
 */
export function abortable<T>(
  signal: AbortSignal | undefined,
  work: Promise<T>,
  onAbort?: () => void,
  what?: string,
): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    onAbort?.();
    work.catch(() => undefined);
    return Promise.reject(abortError(what));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(abortError(what));
    };
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(e instanceof Error || e instanceof DOMException ? e : new Error(String(e)));
      },
    );
  });
}
