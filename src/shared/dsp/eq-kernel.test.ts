import { PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { applyEq } from './apply.ts';
import { cascadeResponseDb } from './biquad-response.ts';
import { EqKernel } from './eq-kernel.ts';
import { designGraphicEq } from './graphic-eq-design.ts';
import { seededRandom } from './test-helpers.ts';

/** Measured gain (dB) of a steady sine through the EQ, by least-squares fit of the tail. */
function sineGainDb(freqHz: number, sampleRate: number, command: number[]): number {
  const n = Math.round(sampleRate * 1.5);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = 0.25 * Math.sin((2 * Math.PI * freqHz * i) / sampleRate);
  const [y] = applyEq([x], sampleRate, command);
  // Fit amplitude of the last 0.5 s with sin and cos regressors (transients have died out).
  let ss = 0;
  let sc = 0;
  let cc = 0;
  let ys = 0;
  let yc = 0;
  for (let i = n - Math.round(sampleRate * 0.5); i < n; i++) {
    const s = Math.sin((2 * Math.PI * freqHz * i) / sampleRate);
    const c = Math.cos((2 * Math.PI * freqHz * i) / sampleRate);
    ss += s * s;
    sc += s * c;
    cc += c * c;
    ys += y![i]! * s;
    yc += y![i]! * c;
  }
  const det = ss * cc - sc * sc;
  const a = (ys * cc - yc * sc) / det;
  const b = (yc * ss - ys * sc) / det;
  return 20 * Math.log10(Math.hypot(a, b) / 0.25);
}

describe('EQ kernel', () => {
  it('output matches the analytic response of its coefficients', () => {
    const command = [6, -4, 3, 0, -8, 10, -2, 5, -12, 9];
    for (const fs of [44100, 96000]) {
      const { sos } = designGraphicEq(command, fs);
      for (const f of [40, 180, 1000, 5000, 15000]) {
        const expected = cascadeResponseDb(sos, [f], fs)[0]!;
        expect(sineGainDb(f, fs, command)).toBeCloseTo(expected, 3);
      }
    }
  });

  it('processes channels independently and in place, block by block, like one long block', () => {
    const rnd = seededRandom(3);
    const left = Float32Array.from({ length: 10000 }, () => rnd() * 2 - 1);
    const right = Float32Array.from({ length: 10000 }, () => rnd() * 2 - 1);
    const { sos } = designGraphicEq([3, 3, -6, 2, 0, 1, -9, 4, 4, -2], 48000);
    const whole = applyEq([left, right], 48000, [3, 3, -6, 2, 0, 1, -9, 4, 4, -2]);
    const kernel = new EqKernel(2, 10, 128);
    kernel.setCoefficients(sos, 0);
    const l = left.slice();
    const r = right.slice();
    for (let s = 0; s < l.length; s += 128) {
      const n = Math.min(128, l.length - s);
      const io = [l.subarray(s, s + n), r.subarray(s, s + n)];
      kernel.process(io, io, n);
    }
    expect(Array.from(l)).toEqual(Array.from(whole[0]!));
    expect(Array.from(r)).toEqual(Array.from(whole[1]!));
  });

  it('glides between settings without a click', () => {
    const fs = 48000;
    const kernel = new EqKernel(1, 10, 128);
    kernel.setCoefficients(designGraphicEq(Array(10).fill(-12), fs).sos, 0);
    const n = fs;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * 1000 * i) / fs);
    const y = new Float32Array(n);
    for (let s = 0; s < n; s += 128) {
      if (s === 128 * 100) kernel.setCoefficients(designGraphicEq(Array(10).fill(12), fs).sos, 0.02 * fs);
      kernel.process([x.subarray(s, s + 128)], [y.subarray(s, s + 128)], 128);
    }
    // A click shows up as a jump in the second difference far above what a 1 kHz sine has (about 0.0086 × amplitude).
    let worstJump = 0;
    let peak = 0;
    for (let i = 2; i < n; i++) {
      worstJump = Math.max(worstJump, Math.abs(y[i]! - 2 * y[i - 1]! + y[i - 2]!));
      peak = Math.max(peak, Math.abs(y[i]!));
    }
    const sineCurvature = peak * (2 * Math.sin((Math.PI * 1000) / fs)) ** 2;
    expect(worstJump).toBeLessThan(sineCurvature * 1.5);
    // And it did arrive at +12 dB.
    expect(peak).toBeGreaterThan(0.5 * 10 ** (11.5 / 20));
  });

  it('allocates nothing while processing', async () => {
    const kernel = new EqKernel(2, 10, 128);
    const { sos } = designGraphicEq([1, 2, 3, 4, 5, -5, -4, -3, -2, -1], 44100);
    const { sos: sos2 } = designGraphicEq([-1, 2, -3, 4, -5, 5, -4, 3, -2, 1], 44100);
    const io = [new Float32Array(128).fill(0.1), new Float32Array(128).fill(-0.1)];
    kernel.setCoefficients(sos, 0);
    // Warm up both paths (steady and ramping) so that the optimising compiler has settled before measuring:
    // unoptimised code boxes intermediate doubles, which is the JIT's business, not the kernel's.
    for (let i = 0; i < 10000; i++) {
      if (i % 1000 === 0) kernel.setCoefficients(i % 2000 ? sos : sos2, 512);
      kernel.process(io, io, 128);
    }
    let collections = 0;
    const obs = new PerformanceObserver((list) => (collections += list.getEntries().length));
    obs.observe({ entryTypes: ['gc'] });
    await new Promise((r) => setTimeout(r, 50));
    collections = 0;
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 40000; i++) {
      if (i % 1000 === 0) kernel.setCoefficients(i % 2000 ? sos : sos2, 512);
      kernel.process(io, io, 128);
    }
    const grown = process.memoryUsage().heapUsed - before;
    await new Promise((r) => setTimeout(r, 50));
    obs.disconnect();
    // 40,000 calls allocating even one small object (16 bytes) each would add 640 kB or trigger a collection.
    expect(grown).toBeLessThan(256 * 1024);
    expect(collections).toBe(0);
  });
});
