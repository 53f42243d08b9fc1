import { describe, expect, it } from 'vitest';
import { applyEq } from '../../shared/dsp/apply.ts';
import { makeFixture } from '../../shared/dsp/test-helpers.ts';
import { measureLoudness } from '../../shared/loudness/loudness-meter.ts';
import { decodeWav } from '../../shared/wav/wav-decode.ts';
import type { AudioStream } from '../decode/audio-stream.ts';
import { exportPipeline, MemorySink } from './export-pipeline.ts';

const COMMAND = [6, -4, 3, 0, -6, 2, 5, -3, 4, -2];

/** Whole channels streamed in uneven pieces, as a decoder hands them over; counts how often it is opened. */
function unevenStream(channels: Float32Array[], sampleRate: number, opened: { n: number }): AudioStream {
  opened.n++;
  const frames = channels[0]!.length;
  return {
    sampleRate,
    channelCount: channels.length,
    expectedFrames: frames,
    async *pieces(onProgress) {
      const sizes = [1152, 7000, 333, 4096, 20000];
      for (let at = 0, i = 0; at < frames; i++) {
        const n = Math.min(sizes[i % sizes.length]!, frames - at);
        yield { channels: channels.map((c) => c.slice(at, at + n)), n };
        at += n;
        onProgress?.(at / frames);
      }
    },
    close() {},
  };
}

const memory = async () => new MemorySink();

describe('the streaming export', () => {
  it('writes the EQ the engine applies to the whole song, sample for sample, reading a long song twice', async () => {
    const rate = 44100;
    const song = makeFixture(rate * 3, 2, 4, rate).map((c) => c.map((v) => v * 0.2));
    const expected = applyEq(song, rate, COMMAND);
    // A song of usual length is read once (pass 1 keeps it); one over the limit (here 0 bytes) twice.
    for (const [keepBytes, reads] of [
      [undefined, 1],
      [0, 2],
    ] as const) {
      const opened = { n: 0 };
      const progress: number[] = [];
      const r = await exportPipeline(
        {
          open: async () => unevenStream(song, rate, opened),
          commandDb: COMMAND,
          format: 'wav32f',
          keepBytes,
        },
        { makeSink: memory, onProgress: (f) => progress.push(f) },
      );
      expect(opened.n).toBe(reads);
      expect(r.gainDb).toBe(0);
      const wav = decodeWav(new Uint8Array(await r.file.arrayBuffer()));
      expect(wav.channels[0]).toEqual(expected[0]);
      expect(wav.channels[1]).toEqual(expected[1]);
      expect(progress.at(-1)).toBe(1);
      for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]!);
    }
  });

  it('lowers a song that would pass −1 dBTP, by the same gain over the whole file', async () => {
    const rate = 48000;
    const song = makeFixture(rate * 2, 2, 5, rate).map((c) => c.map((v) => v * 3));
    const r = await exportPipeline(
      { open: async () => unevenStream(song, rate, { n: 0 }), commandDb: COMMAND, format: 'wav32f' },
      { makeSink: memory },
    );
    expect(r.gainDb).toBeLessThan(0);
    expect(r.truePeakDb).toBeLessThanOrEqual(-1);
    const wav = decodeWav(new Uint8Array(await r.file.arrayBuffer()));
    const g = 10 ** (r.gainDb / 20);
    const expected = applyEq(song, rate, COMMAND)[0]!;
    for (let i = 0; i < expected.length; i += 997)
      expect(wav.channels[0]![i]).toBeCloseTo(expected[i]! * g, 5);
  });

  it('gives an MP3 of a 96 kHz 5.1 song at 48 kHz stereo, as long as the song', async () => {
    const six = makeFixture(96000 * 2, 6, 6, 96000).map((c) => c.map((v) => v * 0.1));
    const r = await exportPipeline(
      { open: async () => unevenStream(six, 96000, { n: 0 }), commandDb: COMMAND, format: 'mp3' },
      { makeSink: memory },
    );
    expect(r.sampleRate).toBe(48000);
    expect(r.channelCount).toBe(2);
    expect(r.frames).toBe(96000);
    expect(r.file.size).toBeGreaterThan(40_000);
  });

  it('reaches a loudness target by one gain while streaming, and through the limiter when the peaks need it', async () => {
    const rate = 44100;
    // Quiet noise (room to raise it to -23 LUFS by a gain alone), and the same with clicks near full scale
    // every half second (-14 LUFS then needs the limiter).
    const quiet = makeFixture(rate * 4, 2, 7, rate).map((c) => c.map((v) => v * 0.05));
    const clicky = quiet.map((c) => c.map((v, i) => (i % (rate / 2) < 40 ? 0.95 : 3 * v)));
    for (const [song, lufs, limited, keepBytes] of [
      [quiet, -23, false, undefined],
      [quiet, -23, false, 0],
      [clicky, -14, true, undefined],
      [clicky, -14, true, 0],
    ] as const) {
      const opened = { n: 0 };
      const r = await exportPipeline(
        {
          open: async () => unevenStream(song, rate, opened),
          commandDb: COMMAND,
          format: 'wav32f',
          delivery: { kind: 'loudness', lufs, ceilingDbtp: -1 },
          keepBytes,
        },
        { makeSink: memory },
      );
      expect(opened.n).toBe(keepBytes === 0 ? 2 : 1);
      const wav = decodeWav(new Uint8Array(await r.file.arrayBuffer()));
      const measured = measureLoudness(wav.channels, rate);
      expect(Math.abs(measured.integratedLufs - lufs), `${lufs} LUFS`).toBeLessThan(0.5);
      expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1);
      expect(r.level.limiterMaxReductionDb > 0).toBe(limited);
      expect(r.level.description).toMatch(
        limited ? /limiter reduced peaks by up to/ : /^raised \d+\.\d dB to -23 LUFS$/,
      );
    }
  });

  it('checks a lossy file from its packets while encoding, delivers again when over, and falls back to the file', async () => {
    const rate = 48000;
    // Loud enough that keeping the level means lowering it to the ceiling.
    const song = makeFixture(rate, 2, 8, rate).map((c) => c.map((v) => v * 3));
    const run = async (livePeaks: (number | null)[]) => {
      const packets: number[] = [];
      const fileChecks: number[] = [];
      let attempt = 0;
      const r = await exportPipeline(
        { open: async () => unevenStream(song, rate, { n: 0 }), commandDb: COMMAND, format: 'mp3' },
        {
          makeSink: memory,
          livePeakCheck: () => {
            const i = attempt++;
            packets.push(0);
            return {
              push: (p) => void (packets[i]! += p.data.length),
              finish: async () => livePeaks[i] ?? null,
              close: () => undefined,
            };
          },
          decodedTruePeakDb: async () => {
            fileChecks.push(attempt);
            return -3;
          },
        },
      );
      return { r, packets, fileChecks };
    };
    // The packets' peak stands: the file is not decoded again.
    const once = await run([-2]);
    expect(once.r.truePeakDb).toBe(-2);
    expect(once.fileChecks).toEqual([]);
    // Every packet reached the check: its bytes are the file's MP3 frames (the file adds only its tags).
    expect(once.packets[0]).toBeGreaterThan(0.9 * once.r.file.size);
    // Over the ceiling: delivered again, lower by the overshoot, and checked again.
    const over = await run([-0.5, -1.2]);
    expect(over.packets.length).toBe(2);
    expect(over.r.truePeakDb).toBe(-1.2);
    expect(over.r.gainDb).toBeLessThan(once.r.gainDb - 0.5);
    // No figure from the packets (a browser without the decoder): the finished file is decoded instead.
    const fallback = await run([null]);
    expect(fallback.fileChecks).toEqual([1]);
    expect(fallback.r.truePeakDb).toBe(-3);
  });
});
