/** Decodes encoded bytes to float channels with ffmpeg (Node only): the check of lossy output, and tests. */
import { spawn } from 'node:child_process';
import { toDb, truePeak } from '../shared/loudness/true-peak.ts';
import { decodeWav, type DecodedWav } from '../shared/wav/wav-decode.ts';

/** The decoded audio, or null when ffmpeg is missing or cannot read the bytes. */
export function ffmpegDecodeWav(bytes: Uint8Array): Promise<DecodedWav | null> {
  return new Promise((resolve) => {
    const ff = spawn(
      'ffmpeg',
      ['-v', 'error', '-nostdin', '-i', 'pipe:0', '-f', 'wav', '-c:a', 'pcm_f32le', '-'],
      { stdio: ['pipe', 'pipe', 'ignore'] },
    );
    const chunks: Buffer[] = [];
    ff.stdout.on('data', (c: Buffer) => chunks.push(c));
    ff.on('error', () => resolve(null));
    ff.stdin.on('error', () => undefined);
    ff.on('close', (code) => {
      try {
        resolve(code === 0 ? decodeWav(new Uint8Array(Buffer.concat(chunks))) : null);
      } catch {
        resolve(null);
      }
    });
    ff.stdin.end(bytes);
  });
}

export async function ffmpegDecode(bytes: Uint8Array): Promise<Float32Array[] | null> {
  return (await ffmpegDecodeWav(bytes))?.channels ?? null;
}

/** The true peak (dBTP) of encoded bytes as ffmpeg decodes them, measured by our meter; null if unreadable. */
export async function ffmpegDecodedTruePeakDb(bytes: Uint8Array): Promise<number | null> {
  const channels = await ffmpegDecode(bytes);
  return channels ? toDb(truePeak(channels)) : null;
}
