/**
 * The one export path (single songs, batches, the command line, the benchmarks): the song streams from its
 * source through the EQ into the output file a piece at a time, so a song of any length costs a few MB,
 * never the whole song:
 *
 *   pass 1: decode → EQ (the shared kernel, the live worklet's own) → the format's layout → loudness meter
 *           (integrated loudness, loudness range, true peak: src/shared/loudness)
 *   the level: the delivery target's one static gain (staticGainDb: keep the level under the ceiling, or
 *           reach a loudness the peaks leave room for)
 *   pass 2: decode → EQ → layout → gain → encoder (WAV, or FLAC/MP3/Opus/AAC through mediabunny) → sink
 *           (a file on disk in the browser, memory in Node)
 *
 * Decoding twice is the price of not holding the equalised song between the measurement and the encoding
 * (an hour of stereo is 1.3 GB as float); a song of usual length (up to KEEP_BYTES equalised, about six
 * minutes of 44.1 kHz stereo) is kept from pass 1 instead, and pass 2 reads that copy. Only a loudness target the peaks leave no room for needs the
 * song whole: the true-peak limiter's look-ahead and its gain search (deliver()) work on the whole
 * programme, so pass 2 then gathers the equalised song, deliver() levels it, and it is encoded from memory.
 * A lossy file's true peak is checked as the listener's decoder gives it (the encoder adds overshoot): in
 * the browser its packets are decoded while it is encoded (packet-peak-check.ts), elsewhere the finished
 * file is decoded again; over the ceiling, pass 2 runs again with that much more margin.
 *
 * The EQ is the live preview's: the same EqKernel with the same design, started from silence and never
 * ramped, so the file is what the user heard.
 */
import { BAND_COUNT } from '../../shared/dsp/bands.ts';
import { eqDesign } from '../../shared/dsp/eq-command.ts';
import { EqKernel } from '../../shared/dsp/eq-kernel.ts';
import { StreamResampler } from '../../shared/dsp/resample.ts';
import {
  deliver,
  DELIVERY_PRESETS,
  staticGainDb,
  staticReport,
  type DeliveryTarget,
  type LevelReport,
} from '../../shared/loudness/delivery.ts';
import { LoudnessMeter } from '../../shared/loudness/loudness-meter.ts';
import { fromDb } from '../../shared/loudness/true-peak.ts';
import { WavEncoder, type WavOutputFormat } from '../../shared/wav/wav-encode.ts';
import type { AudioStream } from '../decode/audio-stream.ts';
import type { EncodedPacket } from 'mediabunny';
import type { PositionedSink } from './encode-compressed.ts';
import { EXPORT_FORMAT_INFO, type ExportedFileFacts, type ExportFormatId } from './export-format.ts';
import type { ExportTags } from './export-tags.ts';
import { formatMaxChannels, formatSampleRate } from './format-layout.ts';
import { downmixToStereo } from './mp3-layout.ts';

/** Where the encoded file goes, a piece at a time. */
export interface ByteSink extends PositionedSink {
  /** The finished file. */
  finish(mimeType: string): Promise<Blob>;
  /** Drops what was written (a cancelled or failed export, or a lossy file delivered again). */
  discard(): Promise<void>;
}

export interface PipelineRequest {
  /** Opens the song from the start (called once per pass). */
  open: () => Promise<AudioStream>;
  /**
   * At most this much of the equalised song (bytes) is kept from pass 1 for pass 2 (default KEEP_BYTES);
   * 0 for a song whole in memory already (the command line's), which costs nothing to reopen.
   */
  keepBytes?: number;
  /** The EQ command, dB per band; null when the audio is equalised already. */
  commandDb: ArrayLike<number> | null;
  format: ExportFormatId;
  /** Default: keep the level, never above −1 dBTP. */
  delivery?: DeliveryTarget;
  /** Written into the file where the format carries them. */
  tags?: ExportTags;
}

export interface PipelineHooks {
  /**
   * A fresh sink for each attempt. `sizeHint`: the file's size in bytes, about, where it is known before
   * encoding (a WAV file's samples), so a sink in memory can hold it without growing.
   */
  makeSink: (sizeHint?: number) => Promise<ByteSink>;
  onProgress?: (fraction: number) => void;
  /**
   * The true peak (dBTP) of a finished lossy file once decoded, or null when it cannot be decoded here:
   * WebCodecs in the export worker (decode-check.ts), ffmpeg in Node. Without it the file is not checked.
   */
  decodedTruePeakDb?: (file: Blob, format: ExportFormatId) => Promise<number | null>;
  /**
   * The same measured while the lossy file is encoded, from its packets (WebCodecs in the export worker);
   * null where it cannot run. Tried first; a check that gives no figure falls back to decodedTruePeakDb.
   */
  livePeakCheck?: (format: ExportFormatId, sampleRate: number, channelCount: number) => LivePeakCheck | null;
}

/** A decoded-true-peak check fed the encoder's packets as they come (packet-peak-check.ts). */
export interface LivePeakCheck {
  /**
   * The encoder's next packet; `decoderConfig` is the decoder configuration (WebCodecs' AudioDecoderConfig)
   * the encoder gave with it, if any. Typed loosely: this path also runs in Node, which has no WebCodecs.
   */
  push(packet: EncodedPacket, decoderConfig: unknown): void;
  /** dBTP of everything pushed; null when it could not be decoded. */
  finish(): Promise<number | null>;
  /** Drops the decoder (a cancelled export, or a file that is delivered again). */
  close(): void;
}

export interface PipelineResult extends ExportedFileFacts {
  file: Blob;
  frames: number;
  mimeType: string;
  extension: string;
}

const WAV_FORMAT: Partial<Record<ExportFormatId, WavOutputFormat>> = {
  wav16: 'pcm16',
  wav24: 'pcm24',
  wav32f: 'float32',
};
const WAV_BYTES_PER_SAMPLE: Record<WavOutputFormat, number> = { pcm16: 2, pcm24: 3, float32: 4 };
/** Room for a WAV file's header and tags (cover art grows past it, which a sink allows). */
const WAV_HEADER_ROOM = 1 << 16;

/** Margin below the ceiling for the level (dB); lossy formats start with more. */
const PCM_MARGIN_DB = 0.1;
const LOSSY_MARGIN_DB = 0.3;
/** Deliveries of a lossy file whose decoded true peak passed the ceiling, at most. */
const LOSSY_TRIES = 3;
/**
 * Pass 1 keeps what it equalised, up to this many bytes (about 6 minutes of 44.1 kHz stereo), so that pass 2
 * of a song of usual length reads that copy instead of decoding and equalising the file again (a third of
 * a WAV export's time). A longer song is decoded twice and costs a few MB, as the module comment says.
 */
const KEEP_BYTES = 128 << 20;
/** Frames handed to an encoder at once from a gathered song. */
const ENCODE_BLOCK = 1 << 16;

/**
 * The equalised song, a piece at a time, in the layout the format carries (format-layout.ts): more
 * channels than it takes are downmixed to stereo, a rate it does not take is resampled as it streams.
 */
class Equalised {
  readonly sampleRate: number;
  readonly channelCount: number;
  private readonly kernel: EqKernel | null;
  private eq: Float32Array[] = [];
  private readonly resamplers: StreamResampler[] | null;

  constructor(
    private readonly stream: AudioStream,
    commandDb: ArrayLike<number> | null,
    format: ExportFormatId,
  ) {
    const { sampleRate, channelCount } = stream;
    this.kernel = commandDb ? new EqKernel(channelCount, BAND_COUNT) : null;
    this.kernel?.setCoefficients(eqDesign(commandDb!, sampleRate).sos, 0);
    this.channelCount = channelCount > formatMaxChannels(format) ? 2 : channelCount;
    const rate = formatSampleRate(format, sampleRate);
    this.sampleRate = rate;
    this.resamplers =
      rate === sampleRate
        ? null
        : Array.from({ length: this.channelCount }, () => new StreamResampler(sampleRate, rate));
  }

  /** Pieces in own arrays (changed in place by the caller, reused for the next piece). */
  async *pieces(onProgress: (f: number) => void): AsyncGenerator<{ channels: Float32Array[]; n: number }> {
    const k = this.kernel;
    try {
      for await (const piece of this.stream.pieces(onProgress)) {
        const { n } = piece;
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
    } finally {
      this.stream.close();
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
 * The equalised song as pass 1 made it, in blocks of a million frames (a few allocations: one per piece
 * cost more than equalising), read back by pass 2 a piece at a time.
 */
class KeptAudio {
  private static readonly BLOCK = 1 << 20;
  private readonly blocks: Float32Array[][] = [];
  private frames = 0;

  constructor(private readonly channelCount: number) {}

  push(channels: readonly Float32Array[], n: number): void {
    const { BLOCK } = KeptAudio;
    for (let at = 0; at < n;) {
      const inBlock = this.frames % BLOCK;
      if (inBlock === 0)
        this.blocks.push(Array.from({ length: this.channelCount }, () => new Float32Array(BLOCK)));
      const block = this.blocks.at(-1)!;
      const m = Math.min(n - at, BLOCK - inBlock);
      block.forEach((b, c) => b.set(channels[c]!.subarray(at, at + m), inBlock));
      at += m;
      this.frames += m;
    }
  }

  /** Copies of the song in pieces (pass 2 changes them in place; a lossy file may be delivered again). */
  async *pieces(
    onProgress: (fraction: number) => void,
  ): AsyncGenerator<{ channels: Float32Array[]; n: number }> {
    const { BLOCK } = KeptAudio;
    const work = Array.from({ length: this.channelCount }, () => new Float32Array(ENCODE_BLOCK));
    for (let at = 0; at < this.frames;) {
      const block = this.blocks[Math.floor(at / BLOCK)]!;
      const inBlock = at % BLOCK;
      const n = Math.min(ENCODE_BLOCK, this.frames - at, BLOCK - inBlock);
      work.forEach((w, c) => w.set(block[c]!.subarray(inBlock, inBlock + n)));
      yield { channels: work.map((w) => w.subarray(0, n)), n };
      at += n;
      onProgress(at / this.frames);
    }
  }
}

/** An encoder fed a piece at a time into a positioned sink. */
interface FileEncoder {
  add(channels: readonly Float32Array[], n: number): Promise<void>;
  finish(): Promise<void>;
  cancel(): Promise<void>;
}

/** WAV: the header first (the length is known from the first pass), then the samples as they come. */
function wavEncoder(
  format: WavOutputFormat,
  sampleRate: number,
  channelCount: number,
  frames: number,
  sink: ByteSink,
  tags: ExportTags,
): FileEncoder {
  const wav = new WavEncoder(format, sampleRate, channelCount, undefined, tags);
  let position = 0;
  let written = 0;
  const write = async (bytes: Uint8Array) => {
    await sink.writeAt(bytes, position);
    position += bytes.length;
  };
  let header: Promise<void> | null = null;
  return {
    async add(channels, n) {
      await (header ??= write(wav.header(frames)));
      const bytes = new Uint8Array(n * wav.bytesPerFrame);
      wav.encodeInto(channels, 0, n, bytes);
      await write(bytes);
      written += n;
    },
    async finish() {
      await (header ??= write(wav.header(frames)));
      // Fewer frames the second time (never seen): silence keeps the header true.
      if (written < frames) await write(new Uint8Array((frames - written) * wav.bytesPerFrame));
      await write(wav.trailer(frames));
    },
    async cancel() {},
  };
}

async function fileEncoder(
  format: ExportFormatId,
  sampleRate: number,
  channelCount: number,
  frames: number,
  sink: ByteSink,
  tags: ExportTags,
  live: LivePeakCheck | null,
): Promise<FileEncoder> {
  const wav = WAV_FORMAT[format];
  if (wav) return wavEncoder(wav, sampleRate, channelCount, frames, sink, tags);
  // Loaded only for these formats: mediabunny and the encoders' WebAssembly are most of the worker's size
  // and of the command line's start-up.
  const { CompressedEncoder, isCompressed } = await import('./encode-compressed.ts');
  if (!isCompressed(format)) throw new Error(`unknown export format ${format}`);
  return new CompressedEncoder(
    format,
    sampleRate,
    channelCount,
    sink,
    tags,
    live ? (p, config) => live.push(p, config) : undefined,
  );
}

/** Exports the song `req.open()` streams into a sink from `hooks.makeSink`. Throws what the decoder or sink throws. */
export async function exportPipeline(req: PipelineRequest, hooks: PipelineHooks): Promise<PipelineResult> {
  const { format, commandDb } = req;
  const info = EXPORT_FORMAT_INFO[format];
  if (!info) throw new Error(`unknown export format ${String(format)}`);
  const target = req.delivery ?? DELIVERY_PRESETS.keep;
  const tags: ExportTags = { ...req.tags };
  if (!info.carriesCover) delete tags.cover;
  const check = info.lossless ? undefined : hooks.decodedTruePeakDb;
  // Shares of the progress bar: LAME and the lossy encoders make the encoding pass the long one.
  const pass1 = info.lossless ? 0.4 : 0.15;
  const pass2End = check && !hooks.livePeakCheck ? 0.9 : 1;
  const report =
    (from: number, to: number) =>
    (f: number): void =>
      hooks.onProgress?.(from + (to - from) * f);

  // Pass 1: what will be encoded, measured (loudness and true peak), and its length.
  const first = new Equalised(await req.open(), commandDb, format);
  const { sampleRate, channelCount } = first;
  const meter = new LoudnessMeter(channelCount, sampleRate, { truePeak: true });
  let frames = 0;
  const keepBytes = req.keepBytes ?? KEEP_BYTES;
  let kept: KeptAudio | null = keepBytes > 0 ? new KeptAudio(channelCount) : null;
  for await (const p of first.pieces(report(0, pass1))) {
    meter.push(p.channels, p.n);
    frames += p.n;
    if (kept && frames * channelCount * 4 <= keepBytes) kept.push(p.channels, p.n);
    else kept = null;
  }
  const before = meter.finish();
  // Pass 2's pieces: the kept copy (copied again, as pass 2 changes its pieces in place and a lossy
  // file may be delivered more than once), or the song decoded and equalised again.
  const again = async (onProgress: (f: number) => void) =>
    kept ? kept.pieces(onProgress) : new Equalised(await req.open(), commandDb, format).pieces(onProgress);

  let marginDb = info.lossless ? PCM_MARGIN_DB : LOSSY_MARGIN_DB;
  for (let attempt = 1; ; attempt++) {
    const wav = WAV_FORMAT[format];
    const sink = await hooks.makeSink(
      wav && frames * channelCount * WAV_BYTES_PER_SAMPLE[wav] + WAV_HEADER_ROOM,
    );
    let encoder: FileEncoder | null = null;
    let level: LevelReport;
    let file: Blob;
    const live = info.lossless ? null : (hooks.livePeakCheck?.(format, sampleRate, channelCount) ?? null);
    try {
      encoder = await fileEncoder(format, sampleRate, channelCount, frames, sink, tags, live);
      const fixed = staticGainDb(before, target, marginDb);
      if (fixed !== null) {
        // Pass 2: the same again, at the gain, into the encoder.
        level = staticReport(before, target, fixed);
        const gain = fromDb(fixed);
        let written = 0;
        for await (const p of await again(report(pass1, pass2End))) {
          // A decoder may give a frame or two more the second time (never seen): the length stays pass 1's.
          const n = Math.min(p.n, frames - written);
          if (n <= 0) continue;
          if (gain !== 1) for (const c of p.channels) for (let i = 0; i < n; i++) c[i]! *= gain;
          await encoder.add(p.channels, n);
          written += n;
        }
      } else {
        // The limiter needs the whole programme: gather it, level it, encode it.
        const span = pass2End - pass1;
        const whole = Array.from({ length: channelCount }, () => new Float32Array(frames));
        let at = 0;
        for await (const p of await again(report(pass1, pass1 + span * 0.3))) {
          const n = Math.min(p.n, frames - at);
          if (n <= 0) continue;
          whole.forEach((c, i) => c.set(p.channels[i]!.subarray(0, n), at));
          at += n;
        }
        level = deliver(whole, sampleRate, target, {
          marginDb,
          before,
          onProgress: report(pass1 + span * 0.3, pass1 + span * 0.6),
        });
        const encoding = report(pass1 + span * 0.6, pass2End);
        for (let s = 0; s < frames; s += ENCODE_BLOCK) {
          const n = Math.min(ENCODE_BLOCK, frames - s);
          await encoder.add(
            whole.map((c) => c.subarray(s, s + n)),
            n,
          );
          encoding((s + n) / frames);
        }
      }
      await encoder.finish();
      file = await sink.finish(info.mimeType);
    } catch (e) {
      live?.close();
      await encoder?.cancel();
      await sink.discard();
      throw e;
    }
    let truePeakDb = level.after.truePeakDbtp;
    const liveDb = live ? await live.finish() : null;
    live?.close();
    if (liveDb !== null || check) {
      const decodedDb = liveDb ?? (await check!(file, format));
      if (decodedDb !== null) {
        truePeakDb = decodedDb;
        const overDb = truePeakDb - target.ceilingDbtp;
        if (overDb > 0 && attempt < LOSSY_TRIES) {
          // The encoder's overshoot, measured: deliver again that much (and a little) further down.
          marginDb += overDb + 0.1;
          await sink.discard();
          continue;
        }
      }
    }
    hooks.onProgress?.(1);
    return {
      file,
      gainDb: level.gainDb,
      truePeakDb,
      level,
      tags,
      sampleRate,
      channelCount,
      frames,
      mimeType: info.mimeType,
      extension: info.extension,
    };
  }
}

/** A sink that keeps the file in memory, in one growing buffer (Node, and browsers without OPFS). */
export class MemorySink implements ByteSink {
  private buffer: Uint8Array;
  private length = 0;

  /** `capacity`: bytes to hold before growing (the file's expected size, where known). */
  constructor(capacity = 1 << 16) {
    this.buffer = new Uint8Array(capacity);
  }

  writeAt(bytes: Uint8Array, position: number): void {
    const end = position + bytes.length;
    if (end > this.buffer.length) {
      const grown = new Uint8Array(Math.max(end, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(bytes, position);
    this.length = Math.max(this.length, end);
  }

  /** The file's bytes (a view, no copy). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  async finish(mimeType: string): Promise<Blob> {
    return new Blob([this.bytes() as Uint8Array<ArrayBuffer>], { type: mimeType });
  }

  async discard(): Promise<void> {
    this.buffer = new Uint8Array(0);
    this.length = 0;
  }
}
