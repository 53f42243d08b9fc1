/**
 * An export streamed from the song's file to the output file, a piece at a time, so a song of any length
 * costs the same memory (a few MB), never the whole song:
 *
 *   pass 1: decode → EQ (the shared kernel, the live worklet's own) → the format's layout → true-peak meter
 *   the level: lowered so the file stays at or below −1 dBTP (never raised)
 *   pass 2: decode → EQ → layout → gain → encoder → sink (a file on disk in the browser, memory in tests)
 *
 * Decoding twice is the price of not holding the equalised song between the measurement and the encoding
 * (an hour of stereo is 1.3 GB as float). The EQ is the live preview's: the same EqKernel with the same
 * design, started from silence and never ramped, so the file is what the user heard. Runs in the export
 * worker; Node runs it for the tests with whole channels as the stream.
 */
import { BAND_COUNT } from '../../shared/dsp/bands.ts';
import { eqDesign } from '../../shared/dsp/eq-command.ts';
import { EqKernel } from '../../shared/dsp/eq-kernel.ts';
import { StreamResampler } from '../../shared/dsp/resample.ts';
import { fromDb, toDb, TruePeakMeter } from '../../shared/loudness/true-peak.ts';
import { WavEncoder, type WavOutputFormat } from '../../shared/wav/wav-encode.ts';
import type { AudioStream } from '../decode/audio-stream.ts';
import { Mp3StreamEncoder } from './mp3-encoder.ts';
import { EXPORT_TARGET_DBTP, type ExportFormat } from './export-format.ts';
import { downmixToStereo, mp3SampleRate } from './mp3-layout.ts';

/** Where the encoded file goes, a piece at a time. */
export interface ByteSink {
  /** Appends bytes (the sink may keep the array: pass one that is not reused). */
  write(bytes: Uint8Array): void | Promise<void>;
  /** The finished file. */
  finish(mimeType: string): Promise<Blob>;
  /** Drops what was written (a cancelled or failed export). */
  discard(): Promise<void>;
}

export interface PipelineResult {
  file: Blob;
  /** Level change applied (dB): negative when lowered to the ceiling, 0 when left alone. */
  gainDb: number;
  /** True peak of the file's samples after that change, dBTP (before lossy encoding, for MP3). */
  truePeakDb: number;
  sampleRate: number;
  channelCount: number;
  frames: number;
  mimeType: string;
  extension: string;
}

const WAV_FORMAT: Record<'wav16' | 'wav24' | 'wav32f', WavOutputFormat> = {
  wav16: 'pcm16',
  wav24: 'pcm24',
  wav32f: 'float32',
};

/** Share of the progress bar taken by the measuring pass: LAME makes the encoding pass of an MP3 the long one. */
const PASS1_SHARE: Record<ExportFormat, number> = { wav16: 0.5, wav24: 0.5, wav32f: 0.5, mp3: 0.25 };

/** The gain (dB, ≤ 0) that brings a true peak (linear) to the export target, or 0 when already below. */
export function safeGainDb(peak: number): number {
  const peakDb = toDb(peak);
  return peakDb > EXPORT_TARGET_DBTP ? EXPORT_TARGET_DBTP - peakDb : 0;
}

/**
 * The equalised song, a piece at a time, in the layout the format carries: WAV keeps the source's rate and
 * channels; MP3 gets stereo at most and an MPEG rate (mp3-layout.ts), resampled as it streams.
 */
class Equalised {
  readonly sampleRate: number;
  readonly channelCount: number;
  /** Null: the audio is equalised already (the whole-buffer API). */
  private readonly kernel: EqKernel | null;
  private eq: Float32Array[] = [];
  private readonly resamplers: StreamResampler[] | null;

  constructor(
    private readonly stream: AudioStream,
    commandDb: ArrayLike<number> | null,
    mp3: boolean,
  ) {
    const { sampleRate, channelCount } = stream;
    this.kernel = commandDb ? new EqKernel(channelCount, BAND_COUNT) : null;
    this.kernel?.setCoefficients(eqDesign(commandDb!, sampleRate).sos, 0);
    this.channelCount = mp3 ? Math.min(2, channelCount) : channelCount;
    const rate = mp3 ? mp3SampleRate(sampleRate) : sampleRate;
    this.sampleRate = rate;
    this.resamplers =
      rate === sampleRate
        ? null
        : Array.from({ length: this.channelCount }, () => new StreamResampler(sampleRate, rate));
  }

  async *pieces(onProgress: (f: number) => void): AsyncGenerator<{ channels: Float32Array[]; n: number }> {
    const k = this.kernel;
    for await (const piece of this.stream.pieces(onProgress)) {
      const { n } = piece;
      // Own arrays: the gain is applied in place, and the stream's may be the caller's (whole channels).
      if (this.eq.length === 0 || this.eq[0]!.length < n)
        this.eq = Array.from({ length: this.stream.channelCount }, () => new Float32Array(n));
      if (k) {
        for (let at = 0; at < n; at += k.maxBlock) {
          const m = Math.min(k.maxBlock, n - at);
          k.process(
            piece.channels.map((c) => c.subarray(at, at + m)),
            this.eq.map((c) => c.subarray(at, at + m)),
            m,
          );
        }
      } else {
        this.eq.forEach((c, i) => c.set(piece.channels[i]!.subarray(0, n)));
      }
      const laid = this.layout(this.eq.map((c) => c.subarray(0, n)));
      if (laid[0]!.length > 0) yield { channels: laid, n: laid[0]!.length };
    }
    if (this.resamplers) {
      const tail = this.resamplers.map((r) => r.finish());
      if (tail[0]!.length > 0) yield { channels: tail, n: tail[0]!.length };
    }
  }

  private layout(channels: Float32Array[]): Float32Array[] {
    const mixed = channels.length > this.channelCount ? downmixToStereo(channels) : channels;
    if (!this.resamplers) return mixed;
    return mixed.map((c, i) => {
      const r = this.resamplers![i]!;
      r.push(c);
      return r.take().slice();
    });
  }
}

/**
 * Exports the song `open()` streams (called once per pass) through the EQ command (null: none) into `sink`.
 * Progress 0…1; throws whatever the decoder or the sink throws (the caller discards the sink).
 */
export async function exportPipeline(
  open: () => Promise<AudioStream>,
  commandDb: ArrayLike<number> | null,
  format: ExportFormat,
  sink: ByteSink,
  onProgress?: (fraction: number) => void,
): Promise<PipelineResult> {
  const mp3 = format === 'mp3';
  const share = PASS1_SHARE[format];

  // Pass 1: the true peak of what will be encoded, and its length.
  const first = new Equalised(await open(), commandDb, mp3);
  const meter = new TruePeakMeter(first.channelCount);
  let frames = 0;
  for await (const p of first.pieces((f) => onProgress?.(f * share))) {
    meter.push(p.channels, p.n);
    frames += p.n;
  }
  const peak = meter.finish();
  const gainDb = safeGainDb(peak);
  const gain = fromDb(gainDb);
  const { sampleRate, channelCount } = first;

  // Pass 2: the same again, lowered, into the encoder.
  const second = new Equalised(await open(), commandDb, mp3);
  const wav = mp3
    ? null
    : new WavEncoder(WAV_FORMAT[format as keyof typeof WAV_FORMAT], sampleRate, channelCount);
  const lame = mp3 ? new Mp3StreamEncoder(sampleRate, channelCount) : null;
  if (wav) await sink.write(wav.header(frames));
  let written = 0;
  for await (const p of second.pieces((f) => onProgress?.(share + (1 - share) * f))) {
    // A decoder may give a few more frames the second time (never seen; WAV's header says `frames`).
    const n = wav ? Math.min(p.n, frames - written) : p.n;
    if (n <= 0) continue;
    if (gainDb !== 0) for (const c of p.channels) for (let i = 0; i < n; i++) c[i]! *= gain;
    if (wav) {
      const bytes = new Uint8Array(n * wav.bytesPerFrame);
      wav.encodeInto(p.channels, 0, n, bytes);
      await sink.write(bytes);
    } else {
      await sink.write(lame!.encode(p.channels, n));
    }
    written += n;
  }
  if (wav && written < frames) {
    // Fewer frames the second time (never seen): pad with silence so the header stays true.
    await sink.write(new Uint8Array((frames - written) * wav.bytesPerFrame));
  }
  if (lame) await sink.write(lame.flush());
  const mimeType = mp3 ? 'audio/mpeg' : 'audio/wav';
  const file = await sink.finish(mimeType);
  onProgress?.(1);
  return {
    file,
    gainDb,
    truePeakDb: toDb(peak) + gainDb,
    sampleRate,
    channelCount,
    frames,
    mimeType,
    extension: mp3 ? 'mp3' : 'wav',
  };
}

/** A sink that keeps the file in memory (tests, and browsers without the origin-private file system). */
export class MemorySink implements ByteSink {
  private parts: Uint8Array[] = [];
  write(bytes: Uint8Array): void {
    this.parts.push(bytes);
  }
  async finish(mimeType: string): Promise<Blob> {
    const blob = new Blob(this.parts as Uint8Array<ArrayBuffer>[], { type: mimeType });
    this.parts = [];
    return blob;
  }
  async discard(): Promise<void> {
    this.parts = [];
  }
}
