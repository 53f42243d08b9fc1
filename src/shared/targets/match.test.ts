import { describe, expect, it } from 'vitest';
import { resampleChannel } from '../dsp/resample.ts';
import { matchBalance } from './match.ts';
import { profileFromSignal } from './measure.ts';
import { SilentAudioError } from './profile.ts';
import { profileObservation, referenceObservation } from './reference.ts';
import { inverseShape, musicLike, withCurve } from './test-signals.ts';

const song = musicLike(40, 1);
const profile = (x: Float32Array) => profileFromSignal(x).profile;
const original = profile(song);
const maxDiff = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe('reference matching', () => {
  it.each([
    ['a bass boost and a dip at 2 kHz', [7, 6, 4, 1, 0, -1, -4, -2, 0, 0]],
    ['a bright high shelf', [0, 0, 0, 0, 0, 1, 3, 6, 8, 8]],
    ['a dull top and a boomy low end', [4, 5, 6, 3, 0, 0, -1, -4, -7, -9]],
  ])('recovers the inverse of %s within 0.5 dB when the song is its own reference', (_name, curve) => {
    const eqd = profile(withCurve(song, curve));
    const m = matchBalance(profileObservation(eqd), profileObservation(original));
    const want = inverseShape(curve);
    expect(maxDiff(m.gainsDb.slice(1), want.slice(1))).toBeLessThan(0.5);
    // 31.25 Hz is read through the analysis window's kernel (±20 Hz) together with the music at 40-60 Hz
    // (here a loud 55 Hz tone), so it is known less exactly when the two lowest bands are moved differently.
    expect(Math.abs(m.gainsDb[0]! - want[0]!)).toBeLessThan(1);
    expect(Math.abs(m.gainsDb.reduce((a, v) => a + v, 0))).toBeLessThan(1e-9);
  });

  it('with several references, aims at their average', () => {
    const up = [4, 4, 3, 1, 0, 0, 0, -2, -4, -4];
    const down = up.map((g) => -g / 2);
    const refs = [profile(withCurve(song, up)), profile(withCurve(song, down))];
    const m = matchBalance(profileObservation(original), referenceObservation(refs));
    // The average of the two references is the song under half of (up + down).
    const expected = inverseShape(up.map((g, b) => -(g + down[b]!) / 2));
    expect(maxDiff(m.gainsDb, expected)).toBeLessThan(0.5);
    // Not the first reference alone, nor the second.
    expect(maxDiff(m.gainsDb, inverseShape(up.map((g) => -g)))).toBeGreaterThan(1);
  });

  it('does not boost the top octave that a lossy reference lacks', () => {
    // The reference: the song with nothing above 11 kHz (a low-bitrate codec's low-pass), otherwise untouched.
    const lossy = resampleChannel(resampleChannel(song, 44100, 22050), 22050, 44100);
    const m = matchBalance(profileObservation(original), profileObservation(profile(lossy)));
    expect(m.gainsDb[9]!).toBeGreaterThan(-4);
    expect(Math.abs(m.gainsDb[5]!)).toBeLessThan(1.5);
  });

  it('ignores a quiet intro of another colour', () => {
    const intro = withCurve(song.subarray(0, 4 * 44100), [12, 12, 12, 0, 0, 0, 0, 0, 0, 0]);
    const changed = song.slice();
    changed.set(intro, 0);
    expect(maxDiff(profile(changed).levelDb, original.levelDb)).toBeLessThan(0.2);
  });

  it('refuses silence', () => {
    expect(() => profile(new Float32Array(44100 * 5))).toThrow(SilentAudioError);
  });
});
