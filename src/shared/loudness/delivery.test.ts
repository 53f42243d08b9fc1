/**
 * Delivery targets and the true-peak limiter on real music (the demo song) and on signals with known
 * answers: the ceiling holds at 4× oversampling (our meter, and ffmpeg's), the loudness target is met, the
 * limiter leaves alone what it need not touch, and the report says what was done.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ffmpegLoudness } from '../../cli/ffmpeg-loudness.ts';
import { decodeWav } from '../wav/wav-decode.ts';
import { encodeWav } from '../wav/wav-encode.ts';
import { deliver, describeLevelChange, DELIVERY_PRESETS, type DeliveryTarget } from './delivery.ts';
import { measureLoudness } from './loudness-meter.ts';
import { limitTruePeak } from './true-peak-limiter.ts';
import { fromDb, toDb, truePeak } from './true-peak.ts';
import { tempDir } from '../../../tests/support/temp-dir.ts';

const dir = tempDir('delivery-');

function demo(rate?: number): { channels: Float32Array[]; sampleRate: number } {
  const args = ['-v', 'error', '-nostdin', '-i', 'public/demo/coherence.opus'];
  if (rate) args.push('-ar', String(rate));
  const r = spawnSync('ffmpeg', [...args, '-f', 'wav', '-c:a', 'pcm_f32le', '-'], { maxBuffer: 1 << 30 });
  expect(r.status).toBe(0);
  return decodeWav(new Uint8Array(r.stdout));
}

async function ffmpegOf(channels: Float32Array[], sampleRate: number) {
  const path = join(dir, `x${Math.random().toString(36).slice(2)}.wav`);
  writeFileSync(path, encodeWav(channels, sampleRate, 'float32'));
  return ffmpegLoudness(path);
}

describe('delivery targets on real music', () => {
  it.each([
    ['streaming (−14 LUFS, −1 dBTP) at 44.1 kHz', DELIVERY_PRESETS.streaming, 44100],
    [
      'a loud custom target (−9 LUFS, −1 dBTP): heavy limiting',
      { kind: 'loudness', lufs: -9, ceilingDbtp: -1 },
      48000,
    ],
    ['a custom ceiling (−16 LUFS, −2.5 dBTP)', { kind: 'loudness', lufs: -16, ceilingDbtp: -2.5 }, 48000],
  ] as [string, DeliveryTarget & { kind: 'loudness' }, number][])(
    '%s: target met, ceiling held (as ffmpeg measures too)',
    async (_, target, rate) => {
      const { channels, sampleRate } = demo(rate);
      const report = deliver(channels, sampleRate, target);
      // The demo reads −16.8 LUFS with peaks at −3.1 dBTP: every one of these needs the limiter.
      expect(report.limiterMaxReductionDb).toBeGreaterThan(0.1);
      expect(report.description).toMatch(/limiter reduced peaks by up to \d+\.\d dB/);
      const ours = measureLoudness(channels, sampleRate);
      expect(Math.abs(ours.integratedLufs - target.lufs)).toBeLessThanOrEqual(0.05);
      expect(ours.truePeakDbtp).toBeLessThanOrEqual(target.ceilingDbtp);
      expect(report.after.integratedLufs).toBeCloseTo(ours.integratedLufs, 6);
      const ref = await ffmpegOf(channels, sampleRate);
      expect(Math.abs(ref.integratedLufs - target.lufs)).toBeLessThanOrEqual(0.1);
      expect(ref.truePeakDbtp).toBeLessThanOrEqual(target.ceilingDbtp);
    },
  );

  it('lowers to EBU R128 (−23 LUFS) with one gain, no limiting', () => {
    const { channels, sampleRate } = demo();
    const copy = channels.map((c) => c.slice());
    const report = deliver(channels, sampleRate, DELIVERY_PRESETS.broadcast);
    expect(report.limiterMaxReductionDb).toBe(0);
    expect(report.description).toBe(`lowered ${(-report.gainDb).toFixed(1)} dB to -23 LUFS`);
    const g = fromDb(report.gainDb);
    for (let i = 0; i < copy[0]!.length; i += 997) expect(channels[0]![i]).toBeCloseTo(copy[0]![i]! * g, 6);
    expect(measureLoudness(channels, sampleRate).integratedLufs).toBeCloseTo(-23, 1);
  });

  it('keeps the level when the peaks are below the ceiling, lowers it only as far as needed otherwise', () => {
    const { channels, sampleRate } = demo();
    const kept = deliver(
      channels.map((c) => c.slice()),
      sampleRate,
      DELIVERY_PRESETS.keep,
    );
    expect(kept.gainDb).toBe(0);
    expect(kept.description).toBe('level unchanged');
    const loud = channels.map((c) => c.map((v) => v * 2));
    const lowered = deliver(loud, sampleRate, DELIVERY_PRESETS.keep);
    expect(lowered.limiterMaxReductionDb).toBe(0);
    expect(toDb(truePeak(loud))).toBeCloseTo(-1.1, 2);
    expect(lowered.description).toMatch(/^lowered \d\.\d dB so peaks stay at -1 dBTP$/);
  });

  it('at moderate reduction touches only the peaks: most of the song is the plain gain, the range barely moves', () => {
    const { channels, sampleRate } = demo(44100);
    const copy = channels.map((c) => c.slice());
    const report = deliver(channels, sampleRate, DELIVERY_PRESETS.streaming);
    expect(report.limiterMaxReductionDb).toBeLessThan(3);
    const g = fromDb(report.gainDb);
    let untouched = 0;
    for (let i = 0; i < copy[0]!.length; i++)
      if (Math.abs(channels[0]![i]! - copy[0]![i]! * g) < 1e-6) untouched++;
    expect(untouched / copy[0]!.length).toBeGreaterThan(0.5);
    expect(Math.abs(report.after.loudnessRangeLu - report.before.loudnessRangeLu)).toBeLessThan(0.5);
  });
});

describe('true-peak limiter', () => {
  it('holds the ceiling on inter-sample overs the samples alone do not show', () => {
    const fs = 48000;
    const x = Float32Array.from(
      { length: fs * 2 },
      (_, i) => 1.3 * Math.sin((Math.PI / 2) * i + Math.PI / 4) * (0.5 + 0.5 * Math.sin(i / 4000)),
    );
    expect(toDb(truePeak([x]))).toBeGreaterThan(2);
    const r = limitTruePeak([x], fs, { ceiling: fromDb(-1) });
    expect(toDb(truePeak([x]))).toBeLessThanOrEqual(-1);
    expect(-toDb(r.minGain)).toBeGreaterThan(3);
  });

  it('does nothing below the ceiling', () => {
    const x = Float32Array.from({ length: 48000 }, (_, i) => 0.5 * Math.sin(i / 10));
    const copy = x.slice();
    expect(limitTruePeak([x], 48000, { ceiling: fromDb(-1) }).minGain).toBe(1);
    expect(x).toEqual(copy);
  });
});

describe('what was done, in words', () => {
  const summary = (i: number, tp: number) => ({
    integratedLufs: i,
    loudnessRangeLu: 5,
    truePeakDbtp: tp,
    maxMomentaryLufs: i + 3,
    maxShortTermLufs: i + 2,
  });
  it.each([
    [DELIVERY_PRESETS.streaming, 3.24, 2.08, 'raised 3.2 dB, limiter reduced peaks by up to 2.1 dB'],
    [DELIVERY_PRESETS.streaming, 1.5, 0, 'raised 1.5 dB to -14 LUFS'],
    [DELIVERY_PRESETS.broadcast, -6.2, 0, 'lowered 6.2 dB to -23 LUFS'],
    [DELIVERY_PRESETS.keep, -1.44, 0, 'lowered 1.4 dB so peaks stay at -1 dBTP'],
    [DELIVERY_PRESETS.keep, 0, 0, 'level unchanged'],
  ] as [DeliveryTarget, number, number, string][])('%j %d dB, limiter %d dB', (target, gainDb, lim, text) => {
    const r = {
      target,
      before: summary(-17, -3),
      after: summary(-14, -1),
      gainDb,
      limiterMaxReductionDb: lim,
      limitedFraction: 0.1,
    };
    expect(describeLevelChange(r)).toBe(text);
  });
});
