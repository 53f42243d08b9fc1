/** Cheap augmentations applied after the EQ: level, mild noise, lossy-codec round trip. */
import { spawnSync } from 'node:child_process';
import type { Rng } from './random.ts';

export function scaleInPlace(x: Float32Array, gainDb: number): void {
  const g = 10 ** (gainDb / 20);
  for (let i = 0; i < x.length; i++) x[i] = x[i]! * g;
}

/** White noise `snrDb` below the signal's RMS (a noisy recording chain or dither at low levels). */
export function addNoise(x: Float32Array, snrDb: number, rng: Rng): void {
  let e = 0;
  for (let i = 0; i < x.length; i++) e += x[i]! * x[i]!;
  const amp = Math.sqrt(e / x.length) * 10 ** (-snrDb / 20) * Math.sqrt(3); // uniform noise RMS = amp/√3
  for (let i = 0; i < x.length; i++) x[i] = x[i]! + amp * (2 * rng.next() - 1);
}

/**
 * MP3 round trip through ffmpeg/LAME at `kbps` (users' files are mostly lossy). The encoder adds delay
 * and padding; the output is cut or zero-padded back to the input length. Returns null if ffmpeg fails.
 */
export function mp3RoundTrip(x: Float32Array, sampleRate: number, kbps: number): Float32Array | null {
  const fmt = ['-f', 'f32le', '-ar', String(sampleRate), '-ac', '1'];
  const enc = spawnSync(
    'ffmpeg',
    ['-v', 'error', ...fmt, '-i', '-', '-c:a', 'libmp3lame', '-b:a', `${kbps}k`, '-f', 'mp3', '-'],
    {
      input: Buffer.from(x.buffer, x.byteOffset, x.byteLength),
      maxBuffer: 1 << 28,
    },
  );
  if (enc.status !== 0) return null;
  const dec = spawnSync('ffmpeg', ['-v', 'error', '-f', 'mp3', '-i', '-', ...fmt, '-'], {
    input: enc.stdout,
    maxBuffer: 1 << 28,
  });
  if (dec.status !== 0) return null;
  const out = new Float32Array(x.length);
  const bytes = Math.min(dec.stdout.length, out.byteLength);
  new Uint8Array(out.buffer).set(dec.stdout.subarray(0, bytes - (bytes % 4)));
  return out;
}
