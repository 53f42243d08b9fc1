import { describe, expect, it } from 'vitest';
import { makeFixture } from '../dsp/test-helpers.ts';
import { FeatureExtractor } from '../features/index.ts';
import { loudnessProfile } from '../loudness/loudness-match.ts';
import { analysisSignal } from '../model/analysis-signal.ts';
import { featureConfig } from '../model/contract.ts';
import { SongScan } from './song-scan.ts';
import { WaveformPeaks } from './waveform-peaks.ts';

/** Feeds a song in pieces of varying length, as a decoder hands them over. */
function scanInPieces(channels: Float32Array[], rate: number, expected: number) {
  const scan = new SongScan(rate, channels.length, expected);
  const sizes = [1152, 4096, 333, 20000, 1];
  for (let at = 0, i = 0; at < channels[0]!.length; i++) {
    const n = Math.min(sizes[i % sizes.length]!, channels[0]!.length - at);
    scan.push(
      channels.map((c) => c.slice(at, at + n)),
      n,
    );
    at += n;
  }
  return scan.finish();
}

describe('one pass over a song', () => {
  for (const rate of [44100, 48000]) {
    it(`gives the same features as the whole-song analysis (${rate / 1000} kHz stereo)`, () => {
      const song = makeFixture(rate * 12 + 101, 2, 3, rate);
      const scan = scanInPieces(song, rate, song[0]!.length);
      const whole = new FeatureExtractor(featureConfig()).extract(analysisSignal(song, rate));
      expect(scan.frames).toBe(song[0]!.length);
      expect(scan.features.frames).toBe(whole.frames);
      expect(scan.features.bandsDb).toEqual(whole.bandsDb);
      expect(scan.features.temporal).toEqual(whole.temporal);
      expect(scan.peak).toBe(song.reduce((m, c) => c.reduce((a, v) => Math.max(a, Math.abs(v)), m), 0));
      const profile = loudnessProfile(song, rate);
      scan.loudness.power.forEach((p, i) =>
        expect(Math.abs(p - profile.power[i]!)).toBeLessThanOrEqual(1e-9 * profile.power[i]!),
      );
    });
  }

  it('finds a silent song silent, and keeps a mono one mono', () => {
    const scan = scanInPieces([new Float32Array(48000)], 48000, 48000);
    expect(scan.peak).toBe(0);
    expect(scan.channelCount).toBe(1);
    expect(scan.peaks).toHaveLength(1);
  });
});

describe('waveform peaks', () => {
  it('hold the largest absolute sample of each stretch, for the first two channels', () => {
    const n = 10_000;
    const ramp = Float32Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * (i / n));
    const w = new WaveformPeaks(3, n, 100);
    for (let at = 0; at < n; at += 777) {
      const k = Math.min(777, n - at);
      w.push([ramp.subarray(at), ramp.subarray(at), ramp.subarray(at)], k);
    }
    const [left, right, third] = w.finish();
    expect(third).toBeUndefined();
    expect(left).toHaveLength(100);
    expect(right).toEqual(left);
    left!.forEach((p, i) => expect(p).toBeCloseTo((100 * i + 99) / n, 6));
  });

  it('gets more points, not a wrong picture, when the song is longer than its header said', () => {
    const w = new WaveformPeaks(1, 1000, 100);
    w.push([new Float32Array(3000).fill(0.5)], 3000);
    expect(w.finish()[0]).toHaveLength(300);
  });
});
