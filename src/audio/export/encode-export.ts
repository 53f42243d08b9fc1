/**
 * The export worker's work, importable and testable in Node: measure the true peak, lower the level so the
 * file stays at or below −1 dBTP, encode WAV (shared encoder) or MP3 (LAME). Runs on the channels in place.
 */
import { Mp3Encoder } from '@breezystack/lamejs';
import { fromDb, toDb, TruePeakMeter } from '../../shared/loudness/true-peak.ts';
import { encodeWav, type WavOutputFormat } from '../../shared/wav/wav-encode.ts';
import { EXPORT_TARGET_DBTP, type EncodeRequest, type EncodeResult } from './export-format.ts';
import { adaptForMp3, mp3BitRate } from './mp3-layout.ts';

/** Reports progress of this stage from 0 to 1. */
export type StageProgress = (fraction: number) => void;

const WAV_FORMAT: Record<'wav16' | 'wav24' | 'wav32f', WavOutputFormat> = {
  wav16: 'pcm16',
  wav24: 'pcm24',
  wav32f: 'float32',
};

const METER_BLOCK = 1 << 16;

export function measureTruePeak(channels: readonly Float32Array[], onProgress?: StageProgress): number {
  const meter = new TruePeakMeter(channels.length);
  const frames = channels[0]?.length ?? 0;
  for (let start = 0; start < frames; start += METER_BLOCK) {
    const n = Math.min(METER_BLOCK, frames - start);
    meter.push(
      channels.map((c) => c.subarray(start, start + n)),
      n,
    );
    onProgress?.((start + n) / frames);
  }
  return meter.finish();
}

/** The gain (dB, ≤ 0) that brings a true peak (linear) to the export target, or 0 when already below. */
export function safeGainDb(peak: number): number {
  const peakDb = toDb(peak);
  return peakDb > EXPORT_TARGET_DBTP ? EXPORT_TARGET_DBTP - peakDb : 0;
}

function applyGain(channels: readonly Float32Array[], gainDb: number): void {
  if (gainDb === 0) return;
  const g = fromDb(gainDb);
  for (const ch of channels) for (let i = 0; i < ch.length; i++) ch[i]! *= g;
}

const MP3_CHUNK = 1152 * 16;

/** 16-bit PCM with TPDF dither, as LAME takes it. */
function toInt16(x: Float32Array, start: number, n: number, out: Int16Array): Int16Array {
  for (let i = 0; i < n; i++) {
    const v = Math.round(x[start + i]! * 32767 + (Math.random() - Math.random()));
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out.subarray(0, n);
}

export function encodeMp3(
  channels: readonly Float32Array[],
  sampleRate: number,
  onProgress?: StageProgress,
): Uint8Array {
  const nch = channels.length;
  const encoder = new Mp3Encoder(nch, sampleRate, mp3BitRate(sampleRate, nch));
  const frames = channels[0]?.length ?? 0;
  const left = new Int16Array(MP3_CHUNK);
  const right = new Int16Array(MP3_CHUNK);
  // LAME returns Int8Array copies (typed as Uint8Array): only the bytes matter.
  const parts: ArrayBufferView[] = [];
  for (let start = 0; start < frames; start += MP3_CHUNK) {
    const n = Math.min(MP3_CHUNK, frames - start);
    const l = toInt16(channels[0]!, start, n, left);
    parts.push(
      nch === 2 ? encoder.encodeBuffer(l, toInt16(channels[1]!, start, n, right)) : encoder.encodeBuffer(l),
    );
    onProgress?.((start + n) / frames);
  }
  parts.push(encoder.flush());
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), o);
    o += p.byteLength;
  }
  return out;
}

/**
 * Encodes equalised audio as a file that never exceeds −1 dBTP. Progress: for WAV the peak measurement is
 * most of the work; for MP3 the encoder is (LAME runs at about 15× real time on one core).
 */
export function encodeExport(req: EncodeRequest, onProgress?: StageProgress): EncodeResult {
  const report =
    (from: number, to: number): StageProgress =>
    (f) =>
      onProgress?.(from + (to - from) * f);
  const mp3 = req.format === 'mp3';
  // MP3 first adapts the audio to what the format carries (rate, channels); WAV keeps it as it is.
  const { channels, sampleRate } = mp3 ? adaptForMp3(req.channels, req.sampleRate) : req;
  const peak = measureTruePeak(channels, report(0, mp3 ? 0.2 : 0.8));
  const gainDb = safeGainDb(peak);
  applyGain(channels, gainDb);
  const bytes =
    req.format === 'mp3'
      ? encodeMp3(channels, sampleRate, report(0.2, 1))
      : encodeWav(channels, sampleRate, WAV_FORMAT[req.format]);
  if (!mp3) onProgress?.(1); // the WAV writer reports no progress of its own
  return {
    bytes,
    gainDb,
    truePeakDb: toDb(peak) + gainDb,
    sampleRate,
    channelCount: channels.length,
    mimeType: mp3 ? 'audio/mpeg' : 'audio/wav',
    extension: mp3 ? 'mp3' : 'wav',
  };
}
