import { describe, expect, it } from 'vitest';
import { integratedLoudness } from './integrated-loudness.ts';
import { kWeightingSos } from './k-weighting.ts';

const sine = (f: number, amp: number, fs: number, seconds: number) =>
  Float32Array.from(
    { length: Math.round(fs * seconds) },
    (_, i) => amp * Math.sin((2 * Math.PI * f * i) / fs),
  );

describe('BS.1770 loudness', () => {
  it("reproduces the standard's 48 kHz K-weighting coefficients", () => {
    const sos = kWeightingSos(48000);
    const expected = [
      1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585, 1, -2, 1,
      -1.99004745483398, 0.99007225036621,
    ];
    expected.forEach((v, i) => expect(sos[i]).toBeCloseTo(v, 8));
  });

  it('measures a 0 dBFS 997 Hz sine in both stereo channels at about −0.0 LUFS (EBU Tech 3341 reference)', () => {
    for (const fs of [44100, 48000, 96000]) {
      const x = sine(997, 1, fs, 5);
      // One channel of a full-scale 1 kHz sine reads −3.01 LUFS; two channels add 3 dB.
      expect(integratedLoudness([x, x], fs)).toBeCloseTo(0, 1);
    }
  });

  it('gates silence and quiet passages', () => {
    expect(integratedLoudness([new Float32Array(48000 * 3)], 48000)).toBe(-Infinity);
    const loud = sine(1000, 0.5, 48000, 10);
    const mixed = new Float32Array(48000 * 20);
    mixed.set(loud);
    mixed.set(sine(1000, 0.005, 48000, 10), 48000 * 10);
    // The −40 dB half falls below the relative gate, so the reading is that of the loud half (a few blocks
    // straddle the change), not the 3 dB lower ungated mean.
    const reading = integratedLoudness([mixed], 48000);
    expect(Math.abs(reading - integratedLoudness([loud], 48000))).toBeLessThan(0.2);
  });
});
