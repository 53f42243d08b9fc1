/**
 * Pink noise rendered by ffmpeg, optionally through one of ffmpeg's own filters (an EQ that is not ours), as a
 * 44.1 kHz stereo file: the probe signal of the analyze tests.
 */
import { spawnSync } from 'node:child_process';

export function renderPinkNoise(path: string, seconds: number, filter: string | null): string {
  const args = [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `anoisesrc=color=pink:amplitude=0.3:duration=${seconds}:seed=3`,
  ];
  if (filter) args.push('-af', filter);
  const r = spawnSync('ffmpeg', [...args, '-ar', '44100', '-ac', '2', path]);
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return path;
}
