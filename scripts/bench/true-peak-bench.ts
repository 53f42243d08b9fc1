/**
 * true_peak_vs_kernel_ratio: the true-peak meter (4× oversampling, WebAssembly SIMD) on a 4-minute stereo
 * 44.1 kHz song (the demo repeated) divided by the ten-band EQ kernel on the same audio, side by side in Node
 * (medians of alternating repeats). Also on noise, where no run of samples can be skipped (the worst case).
 */
import { spawnSync } from 'node:child_process';
import { applyEq } from '../../src/shared/dsp/index.ts';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { truePeak } from '../../src/shared/loudness/true-peak.ts';
import { decodeWav } from '../../src/shared/wav/wav-decode.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

export function measureTruePeakVsKernel(repeats = 5) {
  const r = spawnSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-nostdin', '-stream_loop', '-1', '-i', 'public/demo/coherence.opus'],
      ...['-t', '240', '-ar', '44100', '-f', 'wav', '-c:a', 'pcm_f32le', '-'],
    ],
    { maxBuffer: 1 << 30 },
  );
  if (r.status !== 0) throw new Error('ffmpeg could not decode the demo');
  const song = decodeWav(new Uint8Array(r.stdout)).channels;
  const noise = makeFixture(44100 * 240, 2, 3, 44100);
  const gains = [4, -3, 2, 6, -8, 1, 3, -2, 5, -6];
  const runs = { kernel: [] as number[], song: [] as number[], noise: [] as number[] };
  time(() => truePeak(song)); // warm-up
  time(() => applyEq(song, 44100, gains));
  for (let i = 0; i < repeats; i++) {
    runs.kernel.push(time(() => applyEq(song, 44100, gains)));
    runs.song.push(time(() => truePeak(song)));
    runs.noise.push(time(() => truePeak(noise)));
  }
  const kernelMs = median(runs.kernel);
  return {
    ratio: median(runs.song) / kernelMs,
    noiseRatio: median(runs.noise) / kernelMs,
    kernelMs,
    songMs: median(runs.song),
    noiseMs: median(runs.noise),
  };
}
