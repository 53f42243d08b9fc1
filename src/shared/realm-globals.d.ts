/**
 * Globals that every realm running the shared code provides (the page, workers and Node 17+) but that
 * ES2022's lib does not declare. Only the shared realm's typecheck reads this file; the others have the full
 * declarations from their DOM, WebWorker or Node types.
 */
declare class DOMException extends Error {
  constructor(message?: string, name?: string);
}

interface AbortSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
