/** Decodes any file ffmpeg reads into float32 PCM at a chosen rate (Node only). */
import { spawn } from 'node:child_process';

export interface DecodedAudio {
  sampleRate: number;
  channels: Float32Array[];
}

/** Decodes `path` to `channelCount` channels at `sampleRate`; rejects with ffmpeg's first error line. */
export function decodeWithFfmpeg(path: string, sampleRate: number, channelCount = 2): Promise<DecodedAudio> {
  return new Promise((resolve, reject) => {
    const args = ['-v', 'error', '-nostdin', '-i', path, '-f', 'f32le', '-ac', String(channelCount)];
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
