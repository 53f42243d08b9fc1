import { describe, expect, it } from 'vitest';
import { applyEq } from '../dsp/apply.ts';
import { makeFixture, seededRandom } from '../dsp/test-helpers.ts';
import { integratedLoudness } from './integrated-loudness.ts';
import { eqLoudnessChangeDb, LoudnessProfileBuilder, loudnessProfile } from './loudness-match.ts';

describe('loudness match', () => {
  it('predicts the BS.1770 loudness change of an EQ within 0.3 LU', () => {
    const fs = 44100;
    const rnd = seededRandom(9);
    // Pink-ish programme: noise through a fixed tilt, plus tones, 8 s stereo.
    const signal = applyEq(makeFixture(fs * 8, 2, 4, fs), fs, [9, 6, 4, 2, 0, -2, -4, -6, -8, -10]);
    const profile = loudnessProfile(signal, fs);
    const base = integratedLoudness(signal, fs);
    for (let t = 0; t < 6; t++) {
      const command = Array.from({ length: 10 }, () => rnd() * 24 - 12);
      const measured = integratedLoudness(applyEq(signal, fs, command), fs) - base;
      expect(Math.abs(eqLoudnessChangeDb(profile, command) - measured)).toBeLessThan(0.3);
    }
  });

  it('is zero for a flat command and for silence', () => {
    const fs = 48000;
    const signal = makeFixture(fs * 2, 1, 1, fs);
    expect(eqLoudnessChangeDb(loudnessProfile(signal, fs), Array(10).fill(0))).toBeCloseTo(0, 6);
    expect(eqLoudnessChangeDb(loudnessProfile([new Float32Array(fs)], fs), Array(10).fill(6))).toBe(0);
  });

  it('is the same for a song fed in pieces as it is decoded', () => {
    const fs = 44100;
    const signal = makeFixture(fs * 30 + 555, 2, 3, fs);
    const whole = loudnessProfile(signal, fs);
    const builder = new LoudnessProfileBuilder(fs, 2, signal[0]!.length);
    for (let at = 0; at < signal[0]!.length; at += 7001) {
      const piece = signal.map((c) => c.subarray(at, at + 7001));
      builder.push(piece, piece[0]!.length);
    }
    const parts = builder.finish();
    parts.power.forEach((p, i) =>
      expect(Math.abs(p - whole.power[i]!)).toBeLessThanOrEqual(1e-9 * whole.power[i]!),
    );
    // Spread over a length the header claimed but the file does not reach: still a sound profile.
    const short = new LoudnessProfileBuilder(fs, 2, signal[0]!.length * 3);
    short.push(signal, signal[0]!.length);
    const command = [6, 3, 0, 0, 0, 0, -2, -4, -6, 0];
    expect(eqLoudnessChangeDb(short.finish(), command)).toBeCloseTo(eqLoudnessChangeDb(whole, command), 0);
  });
});
