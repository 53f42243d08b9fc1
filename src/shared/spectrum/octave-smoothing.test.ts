import { describe, expect, it } from 'vitest';
import { logFrequencies, OctaveSmoother } from './octave-smoothing.ts';

const RATE = 48000;
const FFT = 8192;
const BINS = FFT / 2;
const BIN_HZ = RATE / FFT;

describe('fractional-octave smoothing', () => {
  it('keeps a flat (white) spectrum flat at its level, and tilts it by the given slope about 1 kHz', () => {
    const freqs = logFrequencies(20, 20000, 200);
    const s = new OctaveSmoother(BINS, BIN_HZ, freqs, 3);
    const flat = new Float32Array(BINS).fill(-60);
    const out = s.smooth(flat, new Float32Array(freqs.length));
    for (const v of out) expect(v).toBeCloseTo(-60, 4);
    s.smooth(flat, out, 4.5);
    freqs.forEach((f, i) => expect(out[i]).toBeCloseTo(-60 + 4.5 * Math.log2(f / 1000), 4));
  });

  it('turns a spectrum falling 4.5 dB per octave flat with the music tilt', () => {
    const freqs = logFrequencies(100, 16000, 64);
    const s = new OctaveSmoother(BINS, BIN_HZ, freqs, 3);
    const falling = new Float32Array(BINS);
    for (let k = 1; k < BINS; k++) falling[k] = -30 - 4.5 * Math.log2((k * BIN_HZ) / 1000);
    const out = s.smooth(falling, new Float32Array(freqs.length), 4.5);
    // Within a quarter of a dB everywhere: power averaged over a sloped band, and whole bins at the low end.
    for (const v of out) expect(Math.abs(v - -30)).toBeLessThan(0.25);
    // Without the tilt it still falls 4.5 dB per octave.
    s.smooth(falling, out);
    expect(out[0]! - out[out.length - 1]!).toBeCloseTo(4.5 * Math.log2(16000 / 100), 0);
  });

  it('averages power, not dB, over 1/N octave: a lone line is spread over the band and wider bands read lower', () => {
    const line = new Float32Array(BINS).fill(-Infinity);
    const k0 = 400; // 2343.75 Hz
    line[k0] = 0;
    const f0 = k0 * BIN_HZ;
    const read = (fraction: number) =>
      new OctaveSmoother(BINS, BIN_HZ, [f0], fraction).smooth(line, new Float32Array(1))[0]!;
    const bandBins = (fraction: number) => {
      const half = 2 ** (1 / (2 * fraction));
      return Math.floor((f0 * half) / BIN_HZ) + 1 - Math.ceil(f0 / half / BIN_HZ);
    };
    for (const n of [1, 3, 6, 12]) expect(read(n)).toBeCloseTo(-10 * Math.log10(bandBins(n)), 6);
    expect(read(1)).toBeLessThan(read(3));
    expect(read(3)).toBeLessThan(read(12));
  });

  it('reads the nearest bin where a band is narrower than a bin, and silence as −Infinity', () => {
    const spectrum = new Float32Array(BINS).fill(-Infinity);
    spectrum[4] = -20; // 23.4 Hz
    const s = new OctaveSmoother(BINS, BIN_HZ, [23, 40], 12);
    const out = s.smooth(spectrum, new Float32Array(2));
    expect(out[0]).toBeCloseTo(-20, 6);
    expect(out[1]).toBe(-Infinity);
  });
});
