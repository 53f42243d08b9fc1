/**
 * ffmpeg's ebur128 filter as a reference meter (Node only): integrated loudness, loudness range and true peak
 * of a file as ffmpeg measures them. The tests hold our meter to it, and the command line's delivery targets
 * are checked against it. Values come from the filter's per-frame metadata (3 decimals), not its rounded
 * summary.
 */
import { spawn } from 'node:child_process';

export interface FfmpegLoudness {
  integratedLufs: number;
  loudnessRangeLu: number;
  /** The largest true peak over all channels, dBTP (ffmpeg oversamples to 192 kHz). */
  truePeakDbtp: number;
}

export function ffmpegLoudness(path: string): Promise<FfmpegLoudness> {
  return new Promise((resolve, reject) => {
    const ff = spawn(
      'ffmpeg',
      [
        '-nostats',
        '-hide_banner',
        '-nostdin',
        '-i',
        path,
        '-af',
        'ebur128=peak=true:metadata=1,ametadata=mode=print:file=-',
        '-f',
        'null',
        '-',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    ff.stdout.on('data', (c: Buffer) => (out += c.toString()));
    ff.stderr.on('data', (c: Buffer) => (err += c.toString()));
    ff.on('error', () => reject(new Error('ffmpeg is not installed')));
    ff.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`ffmpeg ebur128 failed on ${path}: ${err.trim().split('\n').pop() ?? ''}`));
        return;
      }
      const last = (key: string): number => {
        const all = [...out.matchAll(new RegExp(`^lavfi\\.r128\\.${key}=(\\S+)$`, 'gm'))];
        const v = all.at(-1)?.[1];
        if (v === undefined) throw new Error(`ffmpeg printed no ${key}`);
        return Number(v);
      };
      try {
        // The linear peak has 3 decimals: fine near full scale, coarse for quiet files, where the summary's
        // dB figure (1 decimal) is the finer one.
        const linear = last('true_peak');
        const summary = /Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(err)?.[1];
        const truePeakDbtp =
          linear >= 0.1 || summary === undefined
            ? 20 * Math.log10(Math.max(linear, 1e-12))
            : summary === '-inf'
              ? -Infinity
              : Number(summary);
        resolve({ integratedLufs: last('I'), loudnessRangeLu: last('LRA'), truePeakDbtp });
      } catch (e) {
        reject(e as Error);
      }
    });
  });
}
