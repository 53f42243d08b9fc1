/**
 * Runs every benchmark and writes bench-results.json. Browser figures are ratios measured side by side in
 * one Chromium run (the machines are shared and noisy), with the median of several alternating repeats.
 * `npm run bench -- --only=exports,cli` runs some groups (kernel, export, analysis, start, backends,
 * exports, cli, limiter, analyser) and merges their figures into the existing bench-results.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { openHarness } from '../../tests/e2e/support/harness.ts';
import { measureAnalysis, measureAppStart } from './analysis-bench.ts';
import { measureAnalyserFrame } from './analyser-bench.ts';
import { measureBackends } from './backend-bench.ts';
import { measureCliVsFfmpeg } from './cli-bench.ts';
import { measureExports } from './export-bench.ts';
import { measureKernelThroughput } from './kernel-throughput.ts';
import { measureLimiterOnDemo } from './limiter-demo.ts';
import { measureLongFile } from './long-file-bench.ts';
import { measureTruePeakVsKernel } from './true-peak-bench.ts';

const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wanted = (group: string) => !only || only.includes(group);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function exportRatio(repeats: number) {
  const harness = await openHarness('engine');
  const engine = harness.api;
  try {
    const req = {
      seconds: 240,
      sampleRate: 44100,
      channels: 2,
      gainsDb: [4, -3, 2, 6, -8, 1, 3, -2, 5, -6],
      seed: 2,
    };
    await engine.timeExport({ ...req, seconds: 10 }); // warm-up
    const ratios: number[] = [];
    const worklet: number[] = [];
    const native: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t = await engine.timeExport(req);
      ratios.push(t.workletMs / t.nativeMs);
      worklet.push(t.workletMs);
      native.push(t.nativeMs);
      console.log(
        `  export 4 min stereo: worklet ${t.workletMs.toFixed(0)} ms, native ${t.nativeMs.toFixed(0)} ms`,
      );
    }
    return { ratio: median(ratios), workletMs: median(worklet), nativeMs: median(native) };
  } finally {
    await harness.close();
  }
}

type Figures = Record<string, unknown> & { details?: Record<string, unknown> };
const results: Figures =
  only && existsSync('bench-results.json')
    ? (JSON.parse(readFileSync('bench-results.json', 'utf8')) as Figures)
    : {};
const details: Record<string, unknown> = { ...(results.details ?? {}) };
results.measuredAt = new Date().toISOString();
results.machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version };

if (wanted('kernel')) {
  const kernel = measureKernelThroughput();
  console.log(
    `kernel_x_realtime: ${kernel.xRealtime.toFixed(1)} (${kernel.nsPerBiquadSample.toFixed(2)} ns per biquad-sample)`,
  );
  results.kernel_x_realtime = Number(kernel.xRealtime.toFixed(1));
  details.kernel_ns_per_biquad_sample = Number(kernel.nsPerBiquadSample.toFixed(2));
}
if (wanted('kernel')) {
  const tp = measureTruePeakVsKernel();
  console.log(
    `true_peak_vs_kernel_ratio: ${tp.ratio.toFixed(2)} (true peak ${tp.songMs.toFixed(0)} ms, 10-band EQ ${tp.kernelMs.toFixed(0)} ms on 4 min of music; noise ${tp.noiseMs.toFixed(0)} ms, ${tp.noiseRatio.toFixed(2)})`,
  );
  results.true_peak_vs_kernel_ratio = Number(tp.ratio.toFixed(2));
  details.true_peak_ms_4min_music = Math.round(tp.songMs);
  details.true_peak_ms_4min_noise = Math.round(tp.noiseMs);
  details.eq_kernel_ms_4min = Math.round(tp.kernelMs);
}
if (wanted('export')) {
  const exp = await exportRatio(5);
  console.log(`export_worklet_vs_native_ratio: ${exp.ratio.toFixed(3)}`);
  results.export_worklet_vs_native_ratio = Number(exp.ratio.toFixed(3));
  details.export_worklet_ms_4min = Math.round(exp.workletMs);
  details.export_native_ms_4min = Math.round(exp.nativeMs);
}
if (wanted('analysis')) {
  const analysis = await measureAnalysis(3);
  console.log(
    `decode_ms_4min: ${analysis.decodeMs.toFixed(0)}, analysis_ms_after_decode_4min: ${analysis.analysisMs.toFixed(0)}`,
  );
  results.decode_ms_4min = Math.round(analysis.decodeMs);
  results.analysis_ms_after_decode_4min = Math.round(analysis.analysisMs);
  results.analysis_features_ms_4min = Math.round(analysis.featuresMs);
  results.analysis_inference_ms_4min = Math.round(analysis.inferenceMs);
}
if (wanted('start')) {
  const start = await measureAppStart(3);
  console.log(
    `session_ready_ms: ${start.sessionReadyMs.toFixed(0)}, session_ready_warm_ms: ${start.sessionReadyWarmMs.toFixed(0)}, first_visit_bytes: ${start.firstVisitBytes}, precache_bytes: ${start.precacheBytes}`,
  );
  results.session_ready_ms = Math.round(start.sessionReadyMs);
  results.session_ready_warm_ms = Math.round(start.sessionReadyWarmMs);
  results.first_visit_bytes = start.firstVisitBytes;
  results.precache_bytes = start.precacheBytes;
}
if (wanted('long')) {
  const long = await measureLongFile();
  console.log(`long_file_peak_mb: ${long.peakMb}`);
  results.long_file_peak_mb = long.peakMb;
  details.long_file_60min_wav = long.phases;
}
if (wanted('backends')) {
  const backends = await measureBackends();
  console.log(
    `inference_webgpu_vs_wasm_ratio: ${backends.ratio?.toFixed(1) ?? 'n/a'} (wasm ${backends.wasm.runMs.toFixed(1)} ms, webgpu ${backends.webgpu.runMs.toFixed(1)} ms per batch of 8 windows)`,
  );
  results.inference_webgpu_vs_wasm_ratio = backends.ratio === null ? null : Number(backends.ratio.toFixed(1));
  details.inference_wasm_ms_batch8 = Number(backends.wasm.runMs.toFixed(1));
  details.inference_webgpu_ms_batch8 = Number(backends.webgpu.runMs.toFixed(1));
  details.webgpu_available = backends.webgpu.available;
}
if (wanted('exports')) {
  const ex = await measureExports(['wav16', 'mp3', 'flac16']);
  const x = (f: 'wav16' | 'mp3' | 'flac16') => Number(ex[f]!.xRealtime.toFixed(1));
  console.log(
    `wav_export_x_realtime: ${x('wav16')}, mp3_export_x_realtime: ${x('mp3')}, flac_export_x_realtime: ${x('flac16')}`,
  );
  results.wav_export_x_realtime = x('wav16');
  results.mp3_export_x_realtime = x('mp3');
  results.flac_export_x_realtime = x('flac16');
  details.wav16_export_ms_4min = Math.round(ex.wav16!.ms);
  details.mp3_export_ms_4min = Math.round(ex.mp3!.ms);
  details.flac16_export_ms_4min = Math.round(ex.flac16!.ms);
}
if (wanted('cli')) {
  const cli = measureCliVsFfmpeg();
  console.log(
    `cli_apply_vs_ffmpeg_ratio: ${cli.ratio.toFixed(3)} (eq apply ${cli.eqMs.toFixed(0)} ms, ffmpeg ${cli.ffmpegMs.toFixed(0)} ms; dependency check ${cli.depsMs.toFixed(0)} ms)`,
  );
  results.cli_apply_vs_ffmpeg_ratio = Number(cli.ratio.toFixed(3));
  details.cli_apply_ms_4min = Math.round(cli.eqMs);
  details.ffmpeg_equalizer_ms_4min = Math.round(cli.ffmpegMs);
  details.npm_eq_dependency_check_ms = Math.round(cli.depsMs);
}
if (wanted('limiter')) {
  const { report: r, ffBefore, ffAfter } = await measureLimiterOnDemo();
  console.log(
    `demo at -14 LUFS: ${r.description}; LRA ${ffBefore.loudnessRangeLu} → ${ffAfter.loudnessRangeLu} LU (ffmpeg)`,
  );
  results.limiter_demo_gain_db = Number(r.gainDb.toFixed(2));
  results.limiter_demo_max_reduction_db = Number(r.limiterMaxReductionDb.toFixed(2));
  results.limiter_demo_lra_change_lu = Number(
    (ffAfter.loudnessRangeLu - ffBefore.loudnessRangeLu).toFixed(2),
  );
  details.limiter_demo_limited_fraction = Number(r.limitedFraction.toFixed(4));
  details.limiter_demo_ffmpeg_after = ffAfter;
}

if (wanted('analyser')) {
  const a = await measureAnalyserFrame();
  console.log(
    `analyser_frame_ms: ${a.frameMs.toFixed(2)} (p95 ${a.p95Ms.toFixed(2)} ms; callback alone ${a.callbackMs.toFixed(2)} ms; ${a.fps.toFixed(0)} frames/s; ${a.underruns} underruns)`,
  );
  results.analyser_frame_ms = Number(a.frameMs.toFixed(2));
  details.analyser_frame_p95_ms = Number(a.p95Ms.toFixed(2));
  details.analyser_callback_ms = Number(a.callbackMs.toFixed(2));
  details.analyser_fps = Math.round(a.fps);
  details.analyser_underruns = a.underruns;
}

results.details = details;
writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote bench-results.json');
