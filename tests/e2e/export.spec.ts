import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAND_CENTERS_HZ, eqResponseDb } from '../../src/shared/dsp/index.ts';
import { toDb, truePeak } from '../../src/shared/loudness/true-peak.ts';
import { decodeWav } from '../../src/shared/wav/wav-decode.ts';
import type { ExportOutcome, ExportSource } from './harness/export-api.ts';
import { openHarness, type Harness } from './support/harness.ts';
import { mp3FrameInfo, transferDb } from './support/transfer.ts';

let harness: Harness<'export'>;
let page: Harness<'export'>['api'];
beforeAll(async () => {
  harness = await openHarness('export');
  page = harness.api;
});
afterAll(async () => {
  await harness?.close();
});

const DEMO: ExportSource = { kind: 'demo' };
/** Bass boosts that push the demo over the ceiling, cuts, and a steep top octave. */
const COMMAND = [10, 8, 3, -6, 2, 0, -3, 4, 6, -8];

function fileBytes(outcome: ExportOutcome): Uint8Array {
  expect(outcome.error).toBeUndefined();
  expect(outcome.file).toBeDefined();
  return outcome.file!;
}

/** The measured response minus the engine's curve, per band, after removing one constant (the output gain). */
function residualsDb(source: Float32Array[], out: Float32Array[], sampleRate: number, command: number[]) {
  // Band centres a file of this rate can hold (at 8 kHz the top three cannot exist).
  const centres = BAND_CENTERS_HZ.filter((f) => f < 0.45 * sampleRate);
  const expected = eqResponseDb(command, sampleRate, centres);
  const perChannel = source.map((x, c) => {
    const measured = transferDb(x, out[c]!, sampleRate, centres);
    return measured.map((m, i) => m - expected[i]!);
  });
  const all = perChannel.flat();
  const offset = all.reduce((a, b) => a + b, 0) / all.length;
  return { offset, worst: Math.max(...all.map((d) => Math.abs(d - offset))), perChannel };
}

function checkProgress(outcome: ExportOutcome) {
  // Reports come at most every 100 ms, so how many depends on the machine's speed; the first piece is
  // always reported, and every report reaches the page before the file does.
  expect(outcome.progress.length).toBeGreaterThanOrEqual(2);
  expect(outcome.progress.some((f) => f > 0 && f < 1)).toBe(true);
  for (let i = 1; i < outcome.progress.length; i++)
    expect(outcome.progress[i]!).toBeGreaterThanOrEqual(outcome.progress[i - 1]!);
  expect(outcome.progress.at(-1)).toBe(1);
}

describe('export in Chromium', () => {
  it('writes the demo as 16-bit WAV: same layout, the engine curve within 0.5 dB, at most -1 dBTP', async () => {
    const src = await page.sourceChannels(DEMO);
    const outcome = await page.runExport({ source: DEMO, commandDb: COMMAND, format: 'wav16' });
    const wav = decodeWav(fileBytes(outcome));
    expect(outcome.fileName).toBe('Demo Song (Sonic EQ, 16-bit).wav');
    expect(outcome.mimeType).toBe('audio/wav');
    expect(wav.format).toBe('pcm16');
    expect(wav.sampleRate).toBe(src.sampleRate);
    expect(wav.channels).toHaveLength(src.channels.length);
    expect(wav.channels[0]!.length).toBe(src.channels[0]!.length);
    checkProgress(outcome);

    const peakDb = toDb(truePeak(wav.channels));
    expect(peakDb).toBeLessThanOrEqual(-1);
    // The boosts take the demo over the ceiling: the level was lowered, and only as far as needed.
    expect(outcome.gainDb!).toBeLessThan(-0.5);
    expect(peakDb).toBeGreaterThan(-1.2);

    const { offset, worst } = residualsDb(src.channels, wav.channels, wav.sampleRate, COMMAND);
    expect(worst).toBeLessThanOrEqual(0.5);
    // The one constant offset is the output gain the export reported.
    expect(offset).toBeCloseTo(outcome.gainDb!, 1);
  });

  const layouts: { format: 'wav16' | 'wav24' | 'wav32f'; source: ExportSource & { kind: 'fixture' } }[] = [
    { format: 'wav24', source: { kind: 'fixture', seconds: 3, sampleRate: 44100, channels: 1, seed: 3 } },
    { format: 'wav32f', source: { kind: 'fixture', seconds: 2, sampleRate: 96000, channels: 3, seed: 4 } },
    { format: 'wav16', source: { kind: 'fixture', seconds: 3, sampleRate: 8000, channels: 2, seed: 5 } },
    { format: 'wav24', source: { kind: 'fixture', seconds: 1.5, sampleRate: 192000, channels: 2, seed: 6 } },
  ];
  for (const { format, source } of layouts) {
    it(`writes ${format} at ${source.sampleRate} Hz, ${source.channels} channel(s), matching the curve`, async () => {
      const src = await page.sourceChannels(source);
      const command = [-3, 5, -2, 4, -6, 3, 0, -5, 2, 4];
      const outcome = await page.runExport({ source, commandDb: command, format });
      const wav = decodeWav(fileBytes(outcome));
      expect(wav.format).toBe({ wav16: 'pcm16', wav24: 'pcm24', wav32f: 'float32' }[format]);
      expect(wav.sampleRate).toBe(source.sampleRate);
      expect(wav.channels).toHaveLength(source.channels);
      expect(toDb(truePeak(wav.channels))).toBeLessThanOrEqual(-1);
      // The fixture sits near -12 dBFS: a peak-safe export leaves its level alone.
      expect(outcome.gainDb).toBe(0);
      const { offset, worst } = residualsDb(src.channels, wav.channels, wav.sampleRate, command);
      expect(worst).toBeLessThanOrEqual(0.5);
      expect(Math.abs(offset)).toBeLessThan(0.1);
    });
  }

  it('writes the demo as an MP3 that decodes to the same layout and level as the WAV', async () => {
    const wavOutcome = await page.runExport({ source: DEMO, commandDb: COMMAND, format: 'wav32f' });
    const wav = decodeWav(fileBytes(wavOutcome));
    const outcome = await page.runExport({ source: DEMO, commandDb: COMMAND, format: 'mp3' });
    const bytes = fileBytes(outcome);
    expect(outcome.fileName).toBe('Demo Song (Sonic EQ).mp3');
    expect(outcome.mimeType).toBe('audio/mpeg');
    expect(mp3FrameInfo(bytes)).toEqual({ sampleRate: 48000, channels: 2 });
    expect(outcome.truePeakDb!).toBeLessThanOrEqual(-1);
    // Measured from the packets while encoding: the same figure as decoding the finished file.
    expect(Math.abs(outcome.truePeakDb! - (await page.fileTruePeakDb(bytes))!)).toBeLessThan(0.01);
    // A lossy file is aimed 0.2 dB further under the ceiling (more if its decoded peak still passed it).
    expect(outcome.gainDb!).toBeLessThanOrEqual(wavOutcome.gainDb! - 0.19);
    checkProgress(outcome);

    const decoded = await page.decode(outcome.file!, 48000);
    expect(decoded.channels).toBe(2);
    expect(Math.abs(decoded.seconds - wav.channels[0]!.length / wav.sampleRate)).toBeLessThan(0.1);
    wav.channels.forEach((ch, c) => {
      let s = 0;
      for (const v of ch) s += v * v;
      expect(Math.abs(decoded.rmsDb[c]! - 10 * Math.log10(s / ch.length))).toBeLessThan(0.5);
    });
  });

  it('writes an MP3 of a 96 kHz 3-channel source at 48 kHz stereo (what MP3 can carry)', async () => {
    const source: ExportSource = { kind: 'fixture', seconds: 2, sampleRate: 96000, channels: 3, seed: 7 };
    const outcome = await page.runExport({ source, commandDb: COMMAND, format: 'mp3' });
    expect(mp3FrameInfo(fileBytes(outcome))).toEqual({ sampleRate: 48000, channels: 2 });
    expect(outcome.truePeakDb!).toBeLessThanOrEqual(-1);
    const decoded = await page.decode(outcome.file!, 48000);
    expect(decoded.channels).toBe(2);
    expect(Math.abs(decoded.seconds - 2)).toBeLessThan(0.1);
    // The fixture's level (about -12 dBFS per channel, plus the boosts) survives the downmix and resampling.
    for (const rms of decoded.rmsDb) expect(rms).toBeGreaterThan(-30);
  });

  for (const [format, abortAt] of [
    ['wav16', 0.2],
    ['mp3', 0.5],
  ] as const) {
    it(`cancels a ${format} export promptly ${abortAt < 0.5 ? 'while rendering' : 'while encoding'}`, async () => {
      const outcome = await page.runExport({ source: DEMO, commandDb: COMMAND, format, abortAt });
      expect(outcome.error?.name).toBe('AbortError');
      expect(outcome.file).toBeUndefined();
      expect(outcome.settleAfterAbortMs!).toBeLessThan(250);
      // Nothing keeps working (or reporting) after the cancel.
      expect(outcome.progressAfterAbort).toBe(0);
      expect(outcome.progress.at(-1)!).toBeLessThan(1);
    });
  }
});
