/**
 * The true-peak limiter on the demo song at the streaming target (−14 LUFS, −1 dBTP), as the export does it
 * (no EQ), and at a loud −9 LUFS: the static gain, the largest gain reduction, how much of the song was touched, and the loudness
 * range before and after, by our meter and by ffmpeg's ebur128. `npx tsx scripts/bench/limiter-demo.ts`, or
 * `npm run bench -- --only=limiter`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffmpegLoudness } from '../../src/cli/ffmpeg-loudness.ts';
import { deliver, DELIVERY_PRESETS, type DeliveryTarget } from '../../src/shared/loudness/delivery.ts';
import { decodeWav } from '../../src/shared/wav/wav-decode.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';

export async function measureLimiterOnDemo(target: DeliveryTarget = DELIVERY_PRESETS.streaming) {
  const r = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-nostdin', '-i', 'public/demo/coherence.opus', '-f', 'wav', '-c:a', 'pcm_f32le', '-'],
    { maxBuffer: 1 << 30 },
  );
  if (r.status !== 0) throw new Error('ffmpeg could not decode the demo');
  const { channels, sampleRate } = decodeWav(new Uint8Array(r.stdout));
  const dir = mkdtempSync(join(tmpdir(), 'bench-limiter-'));
  const before = join(dir, 'before.wav');
  writeFileSync(before, encodeWav(channels, sampleRate, 'float32'));
  const t0 = performance.now();
  const report = deliver(channels, sampleRate, target);
  const ms = performance.now() - t0;
  const after = join(dir, 'after.wav');
  writeFileSync(after, encodeWav(channels, sampleRate, 'float32'));
  const [ffBefore, ffAfter] = [await ffmpegLoudness(before), await ffmpegLoudness(after)];
  return { report, ms, ffBefore, ffAfter, seconds: channels[0]!.length / sampleRate };
}

for (const target of process.argv[1]?.endsWith('limiter-demo.ts')
  ? [DELIVERY_PRESETS.streaming, { kind: 'loudness', lufs: -9, ceilingDbtp: -1 } as const]
  : []) {
  const m = await measureLimiterOnDemo(target);
  console.log(`\n${target.kind === 'loudness' ? target.lufs : 'keep'} LUFS:`);
  const { report: r } = m;
  console.log(r.description);
  console.log(
    `ours:   ${r.before.integratedLufs.toFixed(2)} → ${r.after.integratedLufs.toFixed(2)} LUFS, LRA ${r.before.loudnessRangeLu.toFixed(2)} → ${r.after.loudnessRangeLu.toFixed(2)} LU, true peak ${r.before.truePeakDbtp.toFixed(2)} → ${r.after.truePeakDbtp.toFixed(2)} dBTP`,
  );
  console.log(
    `ffmpeg: ${m.ffBefore.integratedLufs.toFixed(2)} → ${m.ffAfter.integratedLufs.toFixed(2)} LUFS, LRA ${m.ffBefore.loudnessRangeLu.toFixed(2)} → ${m.ffAfter.loudnessRangeLu.toFixed(2)} LU, true peak ${m.ffBefore.truePeakDbtp.toFixed(2)} → ${m.ffAfter.truePeakDbtp.toFixed(2)} dBTP`,
  );
  console.log(
    `gain ${r.gainDb.toFixed(2)} dB, largest reduction ${r.limiterMaxReductionDb.toFixed(2)} dB, ${(100 * r.limitedFraction).toFixed(1)} % of samples reduced; ${m.ms.toFixed(0)} ms for ${m.seconds.toFixed(0)} s`,
  );
}
