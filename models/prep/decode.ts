/** Decodes any file ffmpeg reads into float32 PCM at a chosen rate (Node only). */
import { spawn } from 'node:child_process';

export interface DecodedAudio {
  sampleRate: number;
  channels: Float32Array[];
}

/** How to read a headerless PCM file (ffmpeg cannot guess it). */
export interface RawInput {
  /** ffmpeg's sample format name, e.g. "u8", "s16le". */
  format: string;
  rateHz: number;
  channels: number;
}

/**
 * Decodes `path` to `channelCount` channels at `sampleRate`; rejects with ffmpeg's first error line. `raw`
 * describes a headerless PCM file.
 */
export function decodeWithFfmpeg(
  path: string,
  sampleRate: number,
  channelCount = 2,
  raw?: RawInput,
): Promise<DecodedAudio> {
  return new Promise((resolve, reject) => {
    const input = raw ? ['-f', raw.format, '-ar', String(raw.rateHz), '-ac', String(raw.channels)] : [];
    const args = [
      '-v',
      'error',
      '-nostdin',
      ...input,
      '-i',
      path,
      '-f',
      'f32le',
      '-ac',
      String(channelCount),
    ];
    const ff = spawn('ffmpeg', [...args, '-ar', String(sampleRate), '-'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    ff.stdout.on('data', (c: Buffer) => chunks.push(c));
    ff.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    ff.on('error', (e) => reject(new Error(`cannot run ffmpeg: ${e.message}`)));
    ff.on('close', (code) => {
      const buf = Buffer.concat(chunks);
      const frames = Math.floor(buf.length / 4 / channelCount);
      if (code !== 0 || frames === 0) {
        const reason = stderr.split('\n').find((l) => l.trim() !== '') ?? `ffmpeg exited with ${code}`;
        reject(new Error(frames === 0 && code === 0 ? 'no audio decoded' : reason.trim()));
        return;
      }
      // Copy into an aligned buffer: Buffer.concat may return an odd byte offset.
      const interleaved = new Float32Array(frames * channelCount);
      new Uint8Array(interleaved.buffer).set(buf.subarray(0, interleaved.byteLength));
      const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
      for (let i = 0; i < frames; i++) {
        for (let c = 0; c < channelCount; c++) channels[c]![i] = interleaved[i * channelCount + c]!;
      }
      resolve({ sampleRate, channels });
    });
  });
}
