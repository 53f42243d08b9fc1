/**
 * Renders a buffer through the EQ worklet in an OfflineAudioContext at its own rate and channel count,
 * suspending every twentieth of the way to report progress and to stop when cancelled.
 */
import { createEqNode } from '../eq-node.ts';
import { abortError } from './encode-client.ts';

const PROGRESS_STEPS = 20;
const RENDER_QUANTUM = 128;

export async function renderThroughEq(
  buffer: AudioBuffer,
  commandDb: ArrayLike<number>,
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<AudioBuffer> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw abortError();
  const { length, sampleRate, numberOfChannels: channels } = buffer;
  const ctx = new OfflineAudioContext(channels, length, sampleRate);
  const eq = await createEqNode(ctx, channels, commandDb);
  if (signal?.aborted) throw abortError();
  const src = new AudioBufferSourceNode(ctx, { buffer });
  src.connect(eq.node).connect(ctx.destination);
  src.start();

  // Suspension times are quantised to render quanta; each must be scheduled before rendering reaches it.
  const step = Math.max(1, Math.ceil(length / PROGRESS_STEPS / RENDER_QUANTUM)) * RENDER_QUANTUM;
  let next = step;
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<AudioBuffer>((resolve, reject) => {
      // A cancelled render stays suspended and is dropped with the context.
      onAbort = () => reject(abortError());
      signal?.addEventListener('abort', onAbort, { once: true });
      const schedule = () => {
        if (next >= length) return;
        const at = next / sampleRate;
        next += step;
        ctx.suspend(at).then(() => {
          if (signal?.aborted) return;
          onProgress?.(Math.min(1, (ctx.currentTime * sampleRate) / length));
          schedule();
          void ctx.resume();
        }, reject);
      };
      schedule();
      ctx.startRendering().then((out) => {
        onProgress?.(1);
        resolve(out);
      }, reject);
    });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    src.disconnect();
    eq.node.disconnect();
  }
}
