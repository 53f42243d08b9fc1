/**
 * cli_apply_vs_ffmpeg_ratio: wall time of `eq apply` on a 4-minute stereo 44.1 kHz 16-bit WAV of real music
 * (the demo song repeated) with ten bands set, divided by ffmpeg's ten-filter `equalizer` chain writing the
 * same WAV, both run alternately in one benchmark (median of the repeats after a warm-up of each).
 * `eq apply` is timed as `node --import tsx src/cli/eq.ts apply …`, what `npm run eq` runs once its dependency
 * check has passed; that check (`scripts/ensure-deps.mjs`) is timed on its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAND_CENTERS_HZ } from '../../src/shared/dsp/index.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr?.toString().trim()}`);
  return ms;
}

export function measureCliVsFfmpeg(repeats = 3) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  const song = join(dir, 'song.wav');
  timed('ffmpeg', [
    ...['-v', 'error', '-y', '-stream_loop', '-1', '-i', 'public/demo/coherence.opus'],
    ...['-t', '240', '-ar', '44100', '-c:a', 'pcm_s16le', song],
  ]);
  const gains = [4, -3, 2, 6, -8, 1, 3, -2, 5, -6];
  const chain = BAND_CENTERS_HZ.map((f, i) => `equalizer=f=${f}:t=o:w=1:g=${gains[i]}`).join(',');
  const ffmpeg = () =>
    timed('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      song,
      '-af',
      chain,
      '-c:a',
      'pcm_s16le',
      join(dir, 'ff.wav'),
    ]);
  const eq = () =>
    timed(process.execPath, [
      ...['--import', 'tsx', 'src/cli/eq.ts', 'apply', song, join(dir, 'eq.wav')],
      `--gains=${gains.join(',')}`,
      // Each repeat writes the same file again (eq refuses to replace a file unless asked).
      '--force',
    ]);
  ffmpeg();
  eq();
  const eqMs: number[] = [];
  const ffMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    eqMs.push(eq());
    ffMs.push(ffmpeg());
    console.log(`  eq apply ${eqMs.at(-1)!.toFixed(0)} ms, ffmpeg ${ffMs.at(-1)!.toFixed(0)} ms`);
  }
  const depsMs = median(
    Array.from({ length: 3 }, () =>
      timed(process.execPath, ['scripts/ensure-deps.mjs', '--quiet', '--ffmpeg']),
    ),
  );
  return { ratio: median(eqMs) / median(ffMs), eqMs: median(eqMs), ffmpegMs: median(ffMs), depsMs };
}
