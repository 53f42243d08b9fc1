/**
 * FLAC, MP3, Opus and AAC files through mediabunny, the one container library (no hand-written muxing):
 * FLAC by libFLAC and MP3 by LAME, both WebAssembly builds maintained with mediabunny (@mediabunny/
 * flac-encoder, @mediabunny/mp3-encoder: the same encoders in the export worker and in Node), Opus (in Ogg)
 * and AAC (in MP4) by the browser's WebCodecs where it has an encoder. Each file carries the tags the format
 * allows (title, artist, album, front cover).
 *
 * Samples are handed over in the precision the file keeps: 16-bit formats get our TPDF-dithered integers
 * (the encoders would otherwise round without dither), FLAC 24 exact 24-bit values, the lossy WebCodecs
 * encoders float.
 */
import { registerFlacEncoder } from '@mediabunny/flac-encoder';
import { registerMp3Encoder } from '@mediabunny/mp3-encoder';
import {
  AudioSample,
  AudioSampleSource,
  FlacOutputFormat,
  Mp3OutputFormat,
  Mp4OutputFormat,
  OggOutputFormat,
  Output,
  StreamTarget,
  type AudioCodec,
  type EncodedPacket,
  type OutputFormat,
  type StreamTargetChunk,
} from 'mediabunny';
import { TpdfDither } from '../../shared/wav/dither.ts';
import type { ExportFormatId } from './export-format.ts';
import { toMetadataTags, type ExportTags } from './export-tags.ts';
import { mp3BitRate } from './mp3-layout.ts';

export type CompressedFormat = Extract<ExportFormatId, 'flac16' | 'flac24' | 'mp3' | 'opus' | 'aac'>;

export const isCompressed = (f: ExportFormatId): f is CompressedFormat =>
  f === 'flac16' || f === 'flac24' || f === 'mp3' || f === 'opus' || f === 'aac';

let registered = false;
/** Our WebAssembly encoders, registered once per realm (browsers have no native FLAC or MP3 encoder). */
function registerEncoders(): void {
  if (registered) return;
  registered = true;
  registerMp3Encoder();
  registerFlacEncoder();
}

const CHUNK = 1 << 14;

interface Plan {
  codec: AudioCodec;
  container: () => OutputFormat;
  /** Bits per second for lossy codecs. */
  bitrate?: number;
  samples: 's16' | 's24' | 'f32';
}

function plan(format: CompressedFormat, sampleRate: number, channels: number): Plan {
  switch (format) {
    case 'flac16':
      return { codec: 'flac', container: () => new FlacOutputFormat(), samples: 's16' };
    case 'flac24':
      return { codec: 'flac', container: () => new FlacOutputFormat(), samples: 's24' };
    case 'mp3':
      return {
        codec: 'mp3',
        container: () => new Mp3OutputFormat(),
        bitrate: mp3BitRate(sampleRate, channels) * 1000,
        samples: 's16',
      };
    case 'opus':
      // 160 kb/s stereo (96 mono): transparent for music in listening tests of Opus 1.x.
      return {
        codec: 'opus',
        container: () => new OggOutputFormat(),
        bitrate: channels === 1 ? 96_000 : 160_000,
        samples: 'f32',
      };
    case 'aac':
      return {
        codec: 'aac',
        container: () => new Mp4OutputFormat({ fastStart: 'in-memory' }),
        bitrate: channels === 1 ? 128_000 : 256_000,
        samples: 'f32',
      };
  }
}

/** One planar chunk in the plan's sample format. */
function chunkSample(
  channels: readonly Float32Array[],
  start: number,
  n: number,
  sampleRate: number,
  kind: Plan['samples'],
  dither: TpdfDither,
): AudioSample {
  const nch = channels.length;
  const init = { numberOfChannels: nch, sampleRate, timestamp: start / sampleRate };
  if (kind === 's16') {
    const data = new Int16Array(n * nch);
    channels.forEach((x, c) => dither.to16(x, start, n, data, c * n, 1));
    return new AudioSample({ ...init, data, format: 's16-planar' });
  }
  if (kind === 's24') {
    // 24-bit values in the top bits of 32-bit words: libFLAC keeps the top 24, exactly.
    const data = new Int32Array(n * nch);
    channels.forEach((x, c) => {
      for (let i = 0; i < n; i++) {
        const s = Math.round(x[start + i]! * 8388607);
        data[c * n + i] = (s > 8388607 ? 8388607 : s < -8388608 ? -8388608 : s) * 256;
      }
    });
    return new AudioSample({ ...init, data, format: 's32-planar' });
  }
  const data = new Float32Array(n * nch);
  channels.forEach((x, c) => data.set(x.subarray(start, start + n), c * n));
  return new AudioSample({ ...init, data, format: 'f32-planar' });
}

/** Where an encoder's file goes: bytes at positions (containers go back to fill in their headers). */
export interface PositionedSink {
  writeAt(bytes: Uint8Array, position: number): void | Promise<void>;
}

/**
 * One file of `format` written as the audio arrives, a piece at a time, into a sink that takes positioned
 * writes (a file on disk, or memory). MP4 (AAC) keeps its index in memory until the end (a few hundred KB
 * for an hour); the other containers stream.
 */
export class CompressedEncoder {
  private readonly output: Output;
  private readonly source: AudioSampleSource;
  private readonly plan: Plan;
  private readonly dither = new TpdfDither();
  private frames = 0;
  private started: Promise<void> | null = null;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    format: CompressedFormat,
    readonly sampleRate: number,
    readonly channelCount: number,
    sink: PositionedSink,
    tags: ExportTags = {},
    /** Each encoded packet as it comes, with the decoder configuration given with it (a live check). */
    onPacket?: (packet: EncodedPacket, decoderConfig: unknown) => void,
  ) {
    registerEncoders();
    this.plan = plan(format, sampleRate, channelCount);
    const writable = new WritableStream<StreamTargetChunk>({
      write: (chunk) => sink.writeAt(chunk.data, chunk.position),
    });
    this.output = new Output({ format: this.plan.container(), target: new StreamTarget(writable) });
    this.source = new AudioSampleSource({
      codec: this.plan.codec,
      ...(this.plan.bitrate ? { bitrate: this.plan.bitrate } : {}),
      ...(onPacket ? { onEncodedPacket: (p, meta) => onPacket(p, meta?.decoderConfig) } : {}),
    });
    this.output.addAudioTrack(this.source);
    this.output.setMetadataTags(toMetadataTags(tags));
  }

  /**
   * Encodes the next `n` frames of the channels. Resolves once they are copied and handed over, while the
   * encoder may still be at work on them (the WebAssembly encoders run in their own worker): the caller
   * prepares the next piece meanwhile instead of waiting for each chunk's round trip.
   */
  async add(channels: readonly Float32Array[], n: number): Promise<void> {
    await (this.started ??= this.output.start());
    for (let start = 0; start < n; start += CHUNK) {
      const m = Math.min(CHUNK, n - start);
      const sample = chunkSample(channels, start, m, this.sampleRate, this.plan.samples, this.dither);
      // Timestamps run on across calls: the piece's own offset plus what came before.
      sample.setTimestamp((this.frames + start) / this.sampleRate);
      // One chunk in the encoder at a time (its backpressure), the next one ready behind it.
      await this.inFlight;
      this.inFlight = this.source.add(sample).finally(() => sample.close());
    }
    this.frames += n;
  }

  /** The last frames and the container's closing bytes. */
  async finish(): Promise<void> {
    await (this.started ??= this.output.start());
    await this.inFlight;
    await this.output.finalize();
  }

  /** Stops without a file (a cancelled or failed export). */
  async cancel(): Promise<void> {
    await this.inFlight.catch(() => undefined);
    await this.output.cancel().catch(() => undefined);
  }
}
