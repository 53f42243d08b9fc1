/**
 * Renders a buffer through the EQ worklet in an OfflineAudioContext at its own rate and channel count,
 * suspending every twentieth of the way to report progress and to stop when cancelled.
 */
import { createEqNode } from '../eq-node.ts';
import { abortable, abortError } from '../../shared/cancel.ts';

const PROGRESS_STEPS = 20;
const RENDER_QUANTUM = 128;

export async function renderThroughEq(
  buffer: AudioBuffer,
  commandDb: ArrayLike<number>,
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<AudioBuffer> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw abortError('The export');
  const { length, sampleRate, numberOfChannels: channels } = buffer;
  const ctx = new OfflineAudioContext(channels, length, sampleRate);
  const eq = await createEqNode(ctx, channels, commandDb);
  if (signal?.aborted) throw abortError('The export');
  const src = new AudioBufferSourceNode(ctx, { buffer });
  src.connect(eq.node).connect(ctx.destination);
  src.start();

  // Suspension times are quantised to render quanta; each must be scheduled before rendering reaches it.
  const step = Math.max(1, Math.ceil(length / PROGRESS_STEPS / RENDER_QUANTUM)) * RENDER_QUANTUM;
  let next = step;
  const work = new Promise<AudioBuffer>((resolve, reject) => {
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
  try {
    // A cancelled render stays suspended at its next stop and is dropped with the context.
    return await abortable(signal, work, undefined, 'The export');
  } finally {
    src.disconnect();
    eq.node.disconnect();
  }
}
