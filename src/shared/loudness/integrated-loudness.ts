/**
 * Integrated loudness (LUFS) per ITU-R BS.1770-4 / EBU R128: K-weighting, 400 ms blocks with 75 % overlap,
 * absolute gate at −70 LUFS, relative gate 10 LU below the mean of the blocks above it.
 * The K-weighting runs on the EQ kernel: one biquad implementation in the project.
 */
import { EqKernel } from '../dsp/eq-kernel.ts';
import { kWeightingSos } from './k-weighting.ts';

/** Channel weights: 1 for front channels, 1.41 for surrounds and 0 for LFE in 5.1 order (L R C LFE Ls Rs). */
function channelWeights(count: number): number[] {
  if (count === 6) return [1, 1, 1, 0, 1.41, 1.41];
  return Array(count).fill(1);
}

/** Returns −Infinity for silence (every block below the absolute gate). */
export function integratedLoudness(channels: readonly Float32Array[], sampleRate: number): number {
  const frames = channels[0]?.length ?? 0;
  const block = Math.round(0.4 * sampleRate);
  const hop = Math.round(0.1 * sampleRate);
  if (frames < block) return shortLoudness(channels, sampleRate);
  const weights = channelWeights(channels.length);
  // Mean square per 100 ms hop of each K-weighted channel; a 400 ms block is four consecutive hops.
  const hops = Math.floor(frames / hop);
  const hopPower = new Float64Array(hops);
  const kernel = new EqKernel(1, 2, 4096);
  kernel.setCoefficients(kWeightingSos(sampleRate), 0);
  const buf = new Float32Array(4096);
  channels.forEach((ch, c) => {
    if (weights[c] === 0) return;
    kernel.reset();
    for (let start = 0; start < hops * hop; start += buf.length) {
      const n = Math.min(buf.length, hops * hop - start);
      kernel.process([ch.subarray(start, start + n)], [buf], n);
      for (let i = 0; i < n; i++) hopPower[Math.floor((start + i) / hop)]! += weights[c]! * buf[i]! * buf[i]!;
    }
  });
  const blocks: number[] = [];
  for (let b = 0; b + 4 <= hops; b++) {
    blocks.push((hopPower[b]! + hopPower[b + 1]! + hopPower[b + 2]! + hopPower[b + 3]!) / (4 * hop));
  }
  return gatedMean(blocks);
}

const lufs = (power: number): number => -0.691 + 10 * Math.log10(power);

function gatedMean(blockPowers: number[]): number {
  const aboveAbsolute = blockPowers.filter((p) => lufs(p) > -70);
  if (aboveAbsolute.length === 0) return -Infinity;
  const mean = aboveAbsolute.reduce((a, b) => a + b, 0) / aboveAbsolute.length;
  const relativeGate = lufs(mean) - 10;
  const gated = aboveAbsolute.filter((p) => lufs(p) > relativeGate);
  return lufs(gated.reduce((a, b) => a + b, 0) / gated.length);
}

/** Clips shorter than one block: one block over the whole clip, gated the same way. */
function shortLoudness(channels: readonly Float32Array[], sampleRate: number): number {
  const frames = channels[0]?.length ?? 0;
  if (frames === 0) return -Infinity;
  const padded = channels.map((ch) => {
    const p = new Float32Array(Math.round(0.4 * sampleRate));
    p.set(ch);
    return p;
  });
  return integratedLoudness(padded, sampleRate);
}
