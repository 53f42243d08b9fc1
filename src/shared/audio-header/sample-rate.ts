/**
 * Reads the native sample rate (and, where the header says, the duration) from a file's header, so that the app can decode at that rate
 * (decodeAudioData resamples to its context's rate) and export at the source's rate. Covers WAV, FLAC, Ogg
 * (Vorbis, Opus), MP3 and MP4/M4A; returns undefined when it cannot tell. Pure; works on the first bytes
 * for most formats (MP4 may keep its header at the end, so it scans the whole buffer).
 */

const ascii = (b: Uint8Array, o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));
const u32le = (b: Uint8Array, o: number) =>
  (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const u32be = (b: Uint8Array, o: number) =>
  ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

function wavRate(b: Uint8Array): number | undefined {
  let o = 12;
  while (o + 8 <= b.length) {
    const size = u32le(b, o + 4);
    if (ascii(b, o, 4) === 'fmt ') return o + 12 <= b.length ? u32le(b, o + 12) : undefined;
    o += 8 + size + (size & 1);
  }
  return undefined;
}

function flacRate(b: Uint8Array): number | undefined {
  // 'fLaC', then the STREAMINFO block header (type 0, length 34); the rate is 20 bits at data offset 10.
  const d = 8;
  if (b.length < d + 34 || (b[4]! & 0x7f) !== 0 || ((b[5]! << 16) | (b[6]! << 8) | b[7]!) !== 34)
    return undefined;
  return (b[d + 10]! << 12) | (b[d + 11]! << 4) | (b[d + 12]! >> 4);
}

function oggRate(b: Uint8Array): number | undefined {
  const head = ascii(b, 0, Math.min(b.length, 256));
  if (head.includes('OpusHead')) return 48000; // Opus always decodes at 48 kHz
  const v = head.indexOf('\x01vorbis');
  if (v >= 0 && v + 16 <= b.length) return u32le(b, v + 12);
  return undefined;
}

const MP3_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

function mp3Rate(b: Uint8Array): number | undefined {
  let o = 0;
  if (ascii(b, 0, 3) === 'ID3' && b.length > 10) {
    o = 10 + ((b[6]! << 21) | (b[7]! << 14) | (b[8]! << 7) | b[9]!);
  }
  for (const end = Math.min(b.length - 4, o + 65536); o < end; o++) {
    if (b[o] !== 0xff || (b[o + 1]! & 0xe0) !== 0xe0) continue;
    const version = (b[o + 1]! >> 3) & 3;
    const layer = (b[o + 1]! >> 1) & 3;
    const rateIndex = (b[o + 2]! >> 2) & 3;
    const bitrateIndex = b[o + 2]! >> 4;
    if (version === 1 || layer === 0 || rateIndex === 3 || bitrateIndex === 15 || bitrateIndex === 0)
      continue;
    return MP3_RATES[version]?.[rateIndex];
  }
  return undefined;
}

function mp4Rate(b: Uint8Array): number | undefined {
  for (const entry of ['mp4a', 'alac', 'Opus', 'fLaC']) {
    for (let o = 4; o + 36 <= b.length; o++) {
      if (b[o] !== entry.charCodeAt(0) || ascii(b, o, 4) !== entry) continue;
      // After the 4-byte type: 6 reserved + 2 data-ref, 8 reserved, channels, sample size, 2 + 2, rate (16.16).
      const rate = u32be(b, o + 28) >>> 16;
      if (rate >= 8000 && rate <= 384000) return rate;
    }
  }
  return undefined;
}

export function sniffSampleRate(bytes: Uint8Array): number | undefined {
  let rate: number | undefined;
  const magic = ascii(bytes, 0, 4);
  if (magic === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') rate = wavRate(bytes);
  else if (magic === 'fLaC') rate = flacRate(bytes);
  else if (magic === 'OggS') rate = oggRate(bytes);
  else if (ascii(bytes, 4, 4) === 'ftyp') rate = mp4Rate(bytes);
  else rate = mp3Rate(bytes);
  return rate !== undefined && rate >= 3000 && rate <= 768000 ? rate : undefined;
}

/** Duration in seconds as the header states it (WAV, FLAC, Ogg, MP3 by bit rate, MP4); undefined if unknown. */
export function sniffDurationSeconds(bytes: Uint8Array): number | undefined {
  const magic = ascii(bytes, 0, 4);
  if (magic === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return wavDuration(bytes);
  if (magic === 'fLaC' && bytes.length >= 26) {
    const rate = flacRate(bytes);
    // Total samples: 36 bits after rate (20), channels (3) and bits per sample (5).
    const d = 8;
    const total = (bytes[d + 13]! & 0x0f) * 2 ** 32 + u32be(bytes, d + 14);
    return rate && total ? total / rate : undefined;
  }
  if (magic === 'OggS') return oggDuration(bytes);
  if (ascii(bytes, 4, 4) === 'ftyp') return mp4Duration(bytes);
  return mp3Duration(bytes);
}

function wavDuration(b: Uint8Array): number | undefined {
  let o = 12;
  let bytesPerSecond = 0;
  while (o + 8 <= b.length) {
    const size = u32le(b, o + 4);
    const id = ascii(b, o, 4);
    if (id === 'fmt ' && o + 20 <= b.length) bytesPerSecond = u32le(b, o + 16);
    if (id === 'data') return bytesPerSecond ? size / bytesPerSecond : undefined;
    o += 8 + size + (size & 1);
  }
  return undefined;
}

/** The last page's granule position is the stream's length in samples (48 kHz for Opus). */
function oggDuration(b: Uint8Array): number | undefined {
  const rate = oggRate(b);
  for (let o = b.length - 27; o >= Math.max(0, b.length - 65536 - 27); o--) {
    if (b[o] !== 0x4f || ascii(b, o, 4) !== 'OggS') continue;
    const granule = u32le(b, o + 6) + u32le(b, o + 10) * 2 ** 32;
    return rate && granule > 0 && granule < 2 ** 52 ? granule / rate : undefined;
  }
  return undefined;
}

const MP3_KBPS_V1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MP3_KBPS_V2_L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

/** From the Xing/Info frame count when the encoder wrote one, else estimated from the first frame's bit rate. */
function mp3Duration(b: Uint8Array): number | undefined {
  let o = 0;
  if (ascii(b, 0, 3) === 'ID3' && b.length > 10)
    o = 10 + ((b[6]! << 21) | (b[7]! << 14) | (b[8]! << 7) | b[9]!);
  const audioStart = o;
  for (const end = Math.min(b.length - 4, o + 65536); o < end; o++) {
    if (b[o] !== 0xff || (b[o + 1]! & 0xe0) !== 0xe0) continue;
    const version = (b[o + 1]! >> 3) & 3;
    const layer = (b[o + 1]! >> 1) & 3;
    const bitrateIndex = b[o + 2]! >> 4;
    if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15) continue;
    const rate = MP3_RATES[version]?.[(b[o + 2]! >> 2) & 3];
    const head = ascii(b, o, Math.min(200, b.length - o));
    const tag = Math.max(head.indexOf('Xing'), head.indexOf('Info'));
    if (rate && tag > 0 && o + tag + 12 <= b.length && u32be(b, o + tag + 4) & 1) {
      return (u32be(b, o + tag + 8) * (version === 3 ? 1152 : 576)) / rate;
    }
    const kbps = (version === 3 ? MP3_KBPS_V1_L3 : MP3_KBPS_V2_L3)[bitrateIndex]!;
    return ((b.length - audioStart) * 8) / (kbps * 1000);
  }
  return undefined;
}

function mp4Duration(b: Uint8Array): number | undefined {
  for (let o = 4; o + 32 <= b.length; o++) {
    if (b[o] !== 0x6d || ascii(b, o, 4) !== 'mvhd') continue;
    const version = b[o + 4]!;
    const timescale = version === 1 ? u32be(b, o + 24) : u32be(b, o + 16);
    const duration = version === 1 ? u32be(b, o + 28) * 2 ** 32 + u32be(b, o + 32) : u32be(b, o + 20);
    return timescale ? duration / timescale : undefined;
  }
  return undefined;
}
