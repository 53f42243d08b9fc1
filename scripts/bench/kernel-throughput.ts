/** kernel_x_realtime: stereo 10-band throughput of the shared kernel in Node, as a multiple of real time. */
import { BAND_COUNT, designGraphicEq, EqKernel } from '../../src/shared/dsp/index.ts';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';

export function measureKernelThroughput(
  seconds = 60,
  sampleRate = 44100,
): { xRealtime: number; nsPerBiquadSample: number } {
  const block = 128;
  const fixture = makeFixture(sampleRate * 4, 2, 1, sampleRate);
  const kernel = new EqKernel(2, BAND_COUNT, block);
  kernel.setCoefficients(designGraphicEq([4, -3, 2, 6, -8, 1, 3, -2, 5, -6], sampleRate).sos, 0);
  const out = [new Float32Array(block), new Float32Array(block)];
  const frames = seconds * sampleRate;
  const run = (n: number) => {
    for (let done = 0; done < n; done += block) {
      const o = done % (fixture[0]!.length - block);
      kernel.process([fixture[0]!.subarray(o, o + block), fixture[1]!.subarray(o, o + block)], out, block);
    }
  };
  run(sampleRate * 5); // warm-up: let the JIT settle
  const t0 = performance.now();
  run(frames);
  const elapsed = (performance.now() - t0) / 1000;
  return { xRealtime: seconds / elapsed, nsPerBiquadSample: (elapsed * 1e9) / (frames * 2 * BAND_COUNT) };
}
