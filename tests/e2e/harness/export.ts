/**
 * Browser side of the export specs (served by Vite's dev server, never shipped): decodes the demo song or
 * builds the shared fixture, runs exportAudio with progress and cancel, and hands files back as bytes.
 */
import { asWavFile } from '../../../src/audio/decode-file.ts';
import { decodedTruePeakDb } from '../../../src/audio/export/decode-check.ts';
import {
  availableExportFormats,
  exportAudio,
  exportFile,
  type ExportOptions,
} from '../../../src/audio/export/index.ts';
import { DEMO_TRACK } from '../../../src/app/demo-track.ts';
import { makeFixture } from '../../../src/shared/dsp/test-helpers.ts';
import type {
  DecodedSummary,
  ExportOutcome,
  ExportRequest,
  ExportSource,
  ExportTestApi,
} from './export-api.ts';

let demo: Promise<AudioBuffer> | undefined;

const loops = new Map<string, Promise<AudioBuffer>>();

/** The demo decoded at `sampleRate` (the browser resamples) and repeated to `seconds`. */
async function demoLoop(seconds: number, sampleRate: number): Promise<AudioBuffer> {
  const bytes = await (await fetch(DEMO_TRACK.url)).arrayBuffer();
  const once = await new OfflineAudioContext(2, 1, sampleRate).decodeAudioData(bytes);
  const length = Math.round(seconds * sampleRate);
  const out = new AudioBuffer({ length, numberOfChannels: once.numberOfChannels, sampleRate });
  for (let c = 0; c < once.numberOfChannels; c++) {
    const src = once.getChannelData(c);
    const dst = out.getChannelData(c);
    for (let o = 0; o < length; o += src.length)
      dst.set(src.subarray(0, Math.min(src.length, length - o)), o);
  }
  return out;
}

async function sourceBuffer(source: ExportSource): Promise<AudioBuffer> {
  if (source.kind === 'demo-loop') {
    const key = `${source.seconds}@${source.sampleRate}`;
    if (!loops.has(key)) loops.set(key, demoLoop(source.seconds, source.sampleRate));
    return loops.get(key)!;
  }
  if (source.kind === 'file') {
    // decodeAudioData resamples to its context's rate: decode at the file's own.
    return new OfflineAudioContext(2, 1, source.sampleRate).decodeAudioData(source.data.slice().buffer);
  }
  if (source.kind === 'demo') {
    demo ??= fetch(DEMO_TRACK.url)
      .then((r) => {
        if (!r.ok) throw new Error(`demo: HTTP ${r.status}`);
        return r.arrayBuffer();
      })
      // Opus is always 48 kHz: decoding at 48 kHz keeps the file's own samples.
      .then((bytes) => new OfflineAudioContext(2, 1, 48000).decodeAudioData(bytes));
    return demo;
  }
  const frames = Math.round(source.seconds * source.sampleRate);
  const data = makeFixture(frames, source.channels, source.seed, source.sampleRate);
  const buffer = new AudioBuffer({
    length: frames,
    numberOfChannels: source.channels,
    sampleRate: source.sampleRate,
  });
  data.forEach((d, c) => buffer.copyToChannel(d, c));
  return buffer;
}

async function sourceChannels(source: ExportSource) {
  const b = await sourceBuffer(source);
  const channels = Array.from({ length: b.numberOfChannels }, (_, c) => b.getChannelData(c));
  return { channels, sampleRate: b.sampleRate };
}

async function runExport(req: ExportRequest): Promise<ExportOutcome> {
  const buffer = await sourceBuffer(req.source);
  const controller = new AbortController();
  const progress: number[] = [];
  let abortedAt: number | undefined;
  let progressAfterAbort = 0;
  const t0 = performance.now();
  const outcome: ExportOutcome = { progress, progressAfterAbort: 0, elapsedMs: 0 };
  try {
    const source =
      req.withSourceTags && req.source.kind === 'file'
        ? new Blob([req.source.data as Uint8Array<ArrayBuffer>])
        : undefined;
    const file = !req.fromFile
      ? null
      : req.source.kind === 'file'
        ? new Blob([req.source.data as Uint8Array<ArrayBuffer>])
        : asWavFile(buffer, 'source.wav');
    const started = performance.now();
    const exportOpts: ExportOptions = {
      delivery: req.delivery,
      source,
      signal: controller.signal,
      onProgress: (f) => {
        if (abortedAt !== undefined) progressAfterAbort++;
        progress.push(f);
        if (req.abortAt !== undefined && f >= req.abortAt && abortedAt === undefined) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    };
    const result = file
      ? await exportFile(file, req.commandDb, req.format, exportOpts)
      : await exportAudio(buffer, req.commandDb, req.format, exportOpts);
    const exportMs = performance.now() - started;
    Object.assign(outcome, {
      file: req.skipFile ? undefined : new Uint8Array(await result.blob.arrayBuffer()),
      fileName: result.fileName(req.source.kind === 'file' ? req.source.name : 'Demo Song.opus'),
      mimeType: result.blob.type,
      gainDb: result.gainDb,
      truePeakDb: result.truePeakDb,
      level: result.level,
      sampleRate: result.sampleRate,
      channelCount: result.channelCount,
      size: result.blob.size,
      exportMs,
    });
  } catch (e) {
    const err = e instanceof Error || e instanceof DOMException ? e : new Error(String(e));
    outcome.error = { name: err.name, message: err.message };
  }
  if (abortedAt !== undefined) outcome.settleAfterAbortMs = performance.now() - abortedAt;
  // Anything still running would keep reporting: wait a little and count.
  if (abortedAt !== undefined) await new Promise((r) => setTimeout(r, 1000));
  outcome.progressAfterAbort = progressAfterAbort;
  outcome.elapsedMs = performance.now() - t0;
  return outcome;
}

async function decode(file: Uint8Array, sampleRate: number): Promise<DecodedSummary> {
  const b = await new OfflineAudioContext(1, 1, sampleRate).decodeAudioData(file.slice().buffer);
  const rmsDb = Array.from({ length: b.numberOfChannels }, (_, c) => {
    const x = b.getChannelData(c);
    let s = 0;
    for (const v of x) s += v * v;
    return 10 * Math.log10(Math.max(s / x.length, 1e-24));
  });
  return { sampleRate: b.sampleRate, channels: b.numberOfChannels, seconds: b.duration, rmsDb };
}

export const api: ExportTestApi = {
  sourceChannels,
  runExport,
  decode,
  fileTruePeakDb: (file) => decodedTruePeakDb(new Blob([file as Uint8Array<ArrayBuffer>])),
  formats: (sampleRate, channels) => availableExportFormats(sampleRate, channels),
};
