import { describe, expect, it, vi } from 'vitest';
import { abortable, abortError, isAbortError } from './cancel.ts';

describe('cancellation', () => {
  it('passes the result through when not aborted', async () => {
    const c = new AbortController();
    await expect(abortable(c.signal, Promise.resolve(7))).resolves.toBe(7);
  });

  it('rejects with an AbortError and stops the work when aborted mid-way', async () => {
    const c = new AbortController();
    const stop = vi.fn();
    const never = new Promise<number>(() => undefined);
    const p = abortable(c.signal, never, stop, 'The export');
    c.abort();
    const e = await p.catch((x: unknown) => x);
    expect(isAbortError(e)).toBe(true);
    expect((e as Error).message).toBe('The export was cancelled');
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('an already aborted signal rejects at once; a late abort after the result changes nothing', async () => {
    const c = new AbortController();
    c.abort();
    const stop = vi.fn();
    await expect(abortable(c.signal, Promise.resolve(1), stop)).rejects.toMatchObject({ name: 'AbortError' });
    expect(stop).toHaveBeenCalledTimes(1);
    const d = new AbortController();
    await expect(abortable(d.signal, Promise.resolve(2), stop)).resolves.toBe(2);
    d.abort();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('recognises cancellation from other sources and nothing else', () => {
    expect(isAbortError(abortError())).toBe(true);
    expect(isAbortError(new DOMException('x', 'AbortError'))).toBe(true);
    expect(isAbortError(new Error('boom'))).toBe(false);
    expect(isAbortError('AbortError')).toBe(false);
  });
});
