/**
 * MP3 through LAME (@breezystack/lamejs, the maintained ES-module build of lamejs, LGPL-3.0), fed a piece
 * at a time: 16-bit samples with TPDF dither in, MP3 frames out, constant bit rate (mp3-layout.ts).
 */
import { Mp3Encoder } from '@breezystack/lamejs';
import { mp3BitRate } from './mp3-layout.ts';

const CHUNK = 1152 * 16;

/** 16-bit PCM with TPDF dither, as LAME takes it. */
function toInt16(x: Float32Array, start: number, n: number, out: Int16Array): Int16Array {
  for (let i = 0; i < n; i++) {
    const v = Math.round(x[start + i]! * 32767 + (Math.random() - Math.random()));
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out.subarray(0, n);
}

/** LAME returns Int8Array copies (typed as Uint8Array): only the bytes matter. */
const bytesOf = (p: ArrayBufferView) => new Uint8Array(p.buffer, p.byteOffset, p.byteLength);

function concat(parts: ArrayBufferView[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    out.set(bytesOf(p), o);
    o += p.byteLength;
  }
  return out;
}

export class Mp3StreamEncoder {
  private readonly encoder: Mp3Encoder;
  private readonly left = new Int16Array(CHUNK);
  private readonly right = new Int16Array(CHUNK);

  /** One or two channels at an MPEG rate (8 to 48 kHz). */
  constructor(
    readonly sampleRate: number,
    readonly channelCount: number,
  ) {
    this.encoder = new Mp3Encoder(channelCount, sampleRate, mp3BitRate(sampleRate, channelCount));
  }

  /** The MP3 bytes for the next `n` frames (LAME holds back up to a frame until the next call). */
  encode(channels: readonly Float32Array[], n: number): Uint8Array {
    const parts: ArrayBufferView[] = [];
    for (let start = 0; start < n; start += CHUNK) {
      const m = Math.min(CHUNK, n - start);
      const l = toInt16(channels[0]!, start, m, this.left);
      parts.push(
        this.channelCount === 2
          ? this.encoder.encodeBuffer(l, toInt16(channels[1]!, start, m, this.right))
          : this.encoder.encodeBuffer(l),
      );
    }
    return concat(parts);
  }

  /** The last frames. */
  flush(): Uint8Array {
    return concat([this.encoder.flush()]);
  }
}
