/**
 * Reads an audio file at its own sample rate and channel count (Node only). WAV is parsed by the shared
 * reader; anything else (FLAC, MP3, OGG, M4A…) is decoded by ffmpeg into a float WAV stream and then parsed
 * the same way. A file cut short is read as far as it goes and says so (the shared detectTruncation, pure, so
 * the browser can use it too). Errors carry a one-line reason meant for the user.
 */
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { detectTruncation, type Truncation } from '../shared/audio-header/truncation.ts';
import { decodeWav, type DecodedWav } from '../shared/wav/wav-decode.ts';

export interface DecodedAudio extends DecodedWav {
  /** How the file is cut short, when it is: its header promises more than it holds. */
  truncation?: Truncation;
}

/** The line a verb prints about a file cut short (the README promises this "cut short" warning). */
export function truncationWarning(verb: string, path: string, t: Truncation, consequence: string): string {
  return `eq ${verb}: ${path} is cut short (${t.reason}); ${consequence}\n`;
}

/** Refuse inputs whose decoded size would not fit comfortably in memory (about 2 h of 48 kHz stereo float). */
const MAX_INPUT_BYTES = 2 * 1024 ** 3;

export async function decodeAudioFile(path: string): Promise<DecodedAudio> {
  const info = await stat(path).catch(() => {
    throw new Error(`${path}: no such file`);
  });
  if (!info.isFile()) throw new Error(`${path}: not a file`);
  if (info.size === 0) throw new Error(`${path}: the file is empty`);
  if (info.size > MAX_INPUT_BYTES) throw new Error(`${path}: the file is too large (over 2 GB)`);
  // A view of the file's buffer, not a copy of it (a 4-minute WAV is 42 MB).
  const file = await readFile(path);
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  const isWav = bytes.length >= 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF';
  const decoded: DecodedAudio = isWav
    ? decodeWavOrThrow(path, bytes)
    : decodeWavOrThrow(
        path,
        await ffmpegToWav(path).catch((e: Error) => {
          // A file cut before its index (an MP4 whose 'moov' box was at the end) cannot be read at all.
          const t = detectTruncation(bytes);
          throw t ? new Error(`${path}: cannot be read: it is cut short (${t.reason})`) : e;
        }),
      );
  const frames = decoded.channels[0]?.length ?? 0;
  if (frames === 0) throw new Error(`${path}: the file contains no audio samples`);
  const truncation = detectTruncation(bytes, frames / decoded.sampleRate);
  if (truncation) {
    decoded.truncation = truncation;
    decoded.truncated = true;
  }
  return decoded;
}

function decodeWavOrThrow(path: string, bytes: Uint8Array): DecodedWav {
  try {
    return decodeWav(bytes);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

function ffmpegToWav(path: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const ff = spawn(
      'ffmpeg',
      ['-v', 'error', '-nostdin', '-i', path, '-vn', '-f', 'wav', '-c:a', 'pcm_f32le', '-'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const chunks: Buffer[] = [];
    let stderr = '';
    ff.stdout.on('data', (c: Buffer) => chunks.push(c));
    ff.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    ff.on('error', () => reject(new Error('ffmpeg is not installed (needed to read non-WAV files)')));
    ff.on('close', (code) => {
      if (code !== 0) {
        const first = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
        reject(new Error(`${path}: not a readable audio file${first ? ` (${first.trim()})` : ''}`));
        return;
      }
      resolve(new Uint8Array(Buffer.concat(chunks)));
    });
  });
}
