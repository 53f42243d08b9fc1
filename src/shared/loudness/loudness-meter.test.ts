/**
 * The loudness meter against a trusted one, ffmpeg's ebur128 filter: EBU Tech 3341/3342 signals that can be
 * synthesised (sines and pink noise at stated levels) and real music (the demo song, at its own rate, at
 * 44.1 kHz, boosted into inter-sample overs, and quiet). Integrated loudness within 0.1 LU, true peak within
 * 0.2 dB, loudness range within 0.3 LU.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ffmpegLoudness } from '../../cli/ffmpeg-loudness.ts';
import { decodeWav } from '../wav/wav-decode.ts';
import { encodeWav } from '../wav/wav-encode.ts';
import { LoudnessMeter, measureLoudness } from './loudness-meter.ts';
import { fromDb } from './true-peak.ts';
import { tempDir } from '../../../tests/support/temp-dir.ts';

const dir = tempDir('loudness-');
const DEMO = 'public/demo/coherence.opus';

/**
 * Stereo (or more) sine segments: [seconds, dBFS per channel]; phase continuous. 50 ms raised-cosine fades
 * at both ends: an abrupt start is a real transient whose inter-sample overshoot would hide what is tested.
 */
function sineSegments(fs: number, hz: number, segments: [number, number[]][], phase = 0): Float32Array[] {
  const total = segments.reduce((s, [sec]) => s + Math.round(sec * fs), 0);
  const fade = Math.round(0.05 * fs);
  const envelope = (i: number) => {
    const edge = Math.min(i, total - 1 - i);
    return edge >= fade ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * edge) / fade);
  };
  const nch = segments[0]![1].length;
  const out = Array.from({ length: nch }, () => new Float32Array(total));
  let o = 0;
  for (const [sec, levels] of segments) {
    const n = Math.round(sec * fs);
    for (let i = 0; i < n; i++, o++) {
      const s = envelope(o) * Math.sin((2 * Math.PI * hz * o) / fs + phase);
      for (let c = 0; c < nch; c++) out[c]![o] = fromDb(levels[c]!) * s;
    }
  }
  return out;
}

function writeFloatWav(name: string, channels: Float32Array[], fs: number): string {
  const path = join(dir, name);
  writeFileSync(path, encodeWav(channels, fs, 'float32'));
  return path;
}

/** Decodes any file to float channels with ffmpeg (optionally resampled or with a gain in dB). */
function ffmpegDecode(input: string, opts: { rate?: number; gainDb?: number } = {}) {
  const args = ['-v', 'error', '-nostdin', '-i', input];
  if (opts.gainDb !== undefined) args.push('-af', `volume=${opts.gainDb}dB`);
  if (opts.rate) args.push('-ar', String(opts.rate));
  const r = spawnSync('ffmpeg', [...args, '-f', 'wav', '-c:a', 'pcm_f32le', '-'], { maxBuffer: 1 << 30 });
  expect(r.status, r.stderr?.toString()).toBe(0);
  return decodeWav(new Uint8Array(r.stdout));
}

async function compareWithFfmpeg(name: string, channels: Float32Array[], fs: number) {
  const path = writeFloatWav(name, channels, fs);
  const ours = measureLoudness(channels, fs);
  const ref = await ffmpegLoudness(path);
  expect(Math.abs(ours.integratedLufs - ref.integratedLufs), `${name} integrated`).toBeLessThanOrEqual(0.1);
  expect(Math.abs(ours.truePeakDbtp - ref.truePeakDbtp), `${name} true peak`).toBeLessThanOrEqual(0.2);
  return { ours, ref };
}

describe('loudness meter against ffmpeg ebur128: EBU Tech 3341 / 3342 signals', () => {
  const fs = 48000;
  const stereo = (db: number) => [db, db];

  it.each([
    ['1: 1 kHz at −23 dBFS', [[20, stereo(-23)]], -23],
    ['2: 1 kHz at −33 dBFS', [[20, stereo(-33)]], -33],
    [
      '3: −36 / −23 / −36 dBFS',
      [
        [10, stereo(-36)],
        [60, stereo(-23)],
        [10, stereo(-36)],
      ],
      -23,
    ],
    [
      '4: −72 / −36 / −23 / −36 / −72 dBFS',
      [
        [10, stereo(-72)],
        [10, stereo(-36)],
        [60, stereo(-23)],
        [10, stereo(-36)],
        [10, stereo(-72)],
      ],
      -23,
    ],
    [
      '5: −26 / −20 / −26 dBFS',
      [
        [20, stereo(-26)],
        [20.1, stereo(-20)],
        [20, stereo(-26)],
      ],
      -23,
    ],
    ['6: 5.1, −28 L R, −24 C, −30 Ls Rs', [[20, [-28, -28, -24, -200, -30, -30]]], -23],
  ] as [string, [number, number[]][], number][])(
    'test %s reads the stated integrated loudness, as ffmpeg does',
    async (name, segments, expected) => {
      const x = sineSegments(fs, 1000, segments);
      const { ours } = await compareWithFfmpeg(`tech3341-${name.split(':')[0]}.wav`, x, fs);
      expect(Math.abs(ours.integratedLufs - expected)).toBeLessThanOrEqual(0.1);
    },
  );

  it('test 9: short-term loudness of 1.34 s at −20 dBFS and 1.66 s at −30 dBFS stays at −23 LUFS', () => {
    const cycle: [number, number[]][] = [
      [1.34, stereo(-20)],
      [1.66, stereo(-30)],
    ];
    const x = sineSegments(fs, 1000, Array.from({ length: 20 }, () => cycle).flat());
    const meter = new LoudnessMeter(2, fs, { truePeak: false });
    const hop = fs / 10;
    const readings: number[] = [];
    for (let start = 0; start + hop <= x[0]!.length; start += hop) {
      meter.push(
        x.map((c) => c.subarray(start, start + hop)),
        hop,
      );
      if (start >= 3 * fs) readings.push(meter.shortTermLufs);
    }
    for (const s of readings) expect(Math.abs(s - -23)).toBeLessThanOrEqual(0.1);
  });

  it.each([
    ['15: fs/4 at 45°, −6 dBTP', fs / 4, Math.PI / 4, -6],
    ['16: fs/6 at 60°, −6 dBTP', fs / 6, Math.PI / 3, -6],
    ['17: fs/8 at 67.5°, −6 dBTP', fs / 8, (3 * Math.PI) / 8, -6],
    ['19: fs/4 at 45°, +3 dBTP (samples at 0 dBFS)', fs / 4, Math.PI / 4, 3],
  ] as [string, number, number, number][])('true-peak test %s', async (name, hz, phase, peakDb) => {
    const x = sineSegments(fs, hz, [[3, stereo(peakDb)]], phase);
    const { ours } = await compareWithFfmpeg(`tp-${name.split(':')[0]}.wav`, x, fs);
    // Tech 3341 allows +0.2 / −0.4 dB around the stated true peak.
    expect(ours.truePeakDbtp).toBeGreaterThan(peakDb - 0.4);
    expect(ours.truePeakDbtp).toBeLessThan(peakDb + 0.2);
  });

  it.each([
    [
      'Tech 3342 test 1: −20 / −30 dBFS, LRA 10',
      [
        [20, stereo(-20)],
        [20, stereo(-30)],
      ],
      10,
    ],
    [
      'Tech 3342 test 2: −20 / −15 dBFS, LRA 5',
      [
        [20, stereo(-20)],
        [20, stereo(-15)],
      ],
      5,
    ],
    [
      'Tech 3342 test 3: −40 / −20 dBFS, LRA 20',
      [
        [20, stereo(-40)],
        [20, stereo(-20)],
      ],
      20,
    ],
  ] as [string, [number, number[]][], number][])('%s', async (name, segments, lra) => {
    const x = sineSegments(fs, 1000, segments);
    const { ours, ref } = await compareWithFfmpeg(`lra-${name.split(':')[0]!.replace(/ /g, '')}.wav`, x, fs);
    expect(Math.abs(ours.loudnessRangeLu - lra)).toBeLessThanOrEqual(1);
    expect(Math.abs(ours.loudnessRangeLu - ref.loudnessRangeLu)).toBeLessThanOrEqual(0.3);
  });

  it.each([
    [-20, 48000],
    [-30, 44100],
  ])('pink noise at %d dBFS RMS (%d Hz) reads as ffmpeg reads it', async (db, rate) => {
    // Two uncorrelated channels of ffmpeg's pink noise, each scaled here to the stated RMS level.
    const path = join(dir, `pink${db}.wav`);
    const src = (seed: number) => `anoisesrc=color=pink:seed=${seed}:sample_rate=${rate}:duration=20`;
    const gen = spawnSync('ffmpeg', [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', src(7), '-f', 'lavfi', '-i', src(8)],
      ...['-filter_complex', '[0][1]join=inputs=2:channel_layout=stereo', '-c:a', 'pcm_f32le', path],
    ]);
    expect(gen.status, gen.stderr?.toString()).toBe(0);
    const wav = decodeWav(new Uint8Array(readFileSync(path)));
    for (const ch of wav.channels) {
      let s = 0;
      for (const v of ch) s += v * v;
      const g = fromDb(db) / Math.sqrt(s / ch.length);
      for (let i = 0; i < ch.length; i++) ch[i]! *= g;
    }
    const { ours } = await compareWithFfmpeg(`pink${db}-level.wav`, wav.channels, wav.sampleRate);
    expect(ours.integratedLufs).toBeGreaterThan(db - 6);
  });
});

describe('loudness meter against ffmpeg ebur128: real music', () => {
  it.each([
    ['the demo song at its own rate (48 kHz)', {}],
    ['the demo song at 44.1 kHz', { rate: 44100 }],
    ['the demo song boosted 6 dB into inter-sample overs', { gainDb: 6 }],
    ['the demo song 30 dB quieter', { gainDb: -30 }],
  ] as [string, { rate?: number; gainDb?: number }][])('%s', async (name, opts) => {
    const wav = ffmpegDecode(DEMO, opts);
    const { ours, ref } = await compareWithFfmpeg(`music-${name.length}.wav`, wav.channels, wav.sampleRate);
    expect(Math.abs(ours.loudnessRangeLu - ref.loudnessRangeLu)).toBeLessThanOrEqual(0.3);
  });

  it('streams: block by block gives the whole-file values', () => {
    const wav = decodeWav(
      new Uint8Array(readFileSync(writeFloatWav('x.wav', ffmpegDecode(DEMO).channels, 48000))),
    );
    const whole = measureLoudness(wav.channels, wav.sampleRate);
    const meter = new LoudnessMeter(2, wav.sampleRate);
    for (let start = 0; start < wav.channels[0]!.length; start += 128) {
      const n = Math.min(128, wav.channels[0]!.length - start);
      meter.push(
        wav.channels.map((c) => c.subarray(start, start + n)),
        n,
      );
    }
    const streamed = meter.finish();
    expect(streamed.integratedLufs).toBeCloseTo(whole.integratedLufs, 6);
    expect(streamed.loudnessRangeLu).toBeCloseTo(whole.loudnessRangeLu, 6);
    expect(streamed.truePeakDbtp).toBeCloseTo(whole.truePeakDbtp, 6);
    expect(streamed.maxShortTermLufs).toBeCloseTo(whole.maxShortTermLufs, 6);
  });
});
