/**
 * Runs every benchmark and writes bench-results.json. Browser figures are ratios measured side by side in
 * one Chromium run (the machines are shared and noisy), with the median of several alternating repeats.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { openEnginePage } from '../../tests/e2e/support/engine-page.ts';
import { measureAnalysis, measureAppStart } from './analysis-bench.ts';
import { measureBackends } from './backend-bench.ts';
import { measureKernelThroughput } from './kernel-throughput.ts';
import { measureLongFile } from './long-file-bench.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function exportRatio(repeats: number) {
  const engine = await openEnginePage();
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
    await engine.close();
  }
}

const kernel = measureKernelThroughput();
console.log(
  `kernel_x_realtime: ${kernel.xRealtime.toFixed(1)} (${kernel.nsPerBiquadSample.toFixed(2)} ns per biquad-sample)`,
);
const exp = await exportRatio(5);
console.log(`export_worklet_vs_native_ratio: ${exp.ratio.toFixed(3)}`);

const analysis = await measureAnalysis(3);
console.log(
  `decode_ms_4min: ${analysis.decodeMs.toFixed(0)}, analysis_ms_after_decode_4min: ${analysis.analysisMs.toFixed(0)}`,
);
const start = await measureAppStart(3);
console.log(
  `session_ready_ms: ${start.sessionReadyMs.toFixed(0)}, session_ready_warm_ms: ${start.sessionReadyWarmMs.toFixed(0)}, first_visit_bytes: ${start.firstVisitBytes}, precache_bytes: ${start.precacheBytes}`,
);

const long = await measureLongFile();
console.log(`long_file_peak_mb: ${long.peakMb}`);

const backends = await measureBackends();
console.log(
  `inference_webgpu_vs_wasm_ratio: ${backends.ratio?.toFixed(1) ?? 'n/a'} (wasm ${backends.wasm.runMs.toFixed(1)} ms, webgpu ${backends.webgpu.runMs.toFixed(1)} ms per batch of 8 windows)`,
);

const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
  export_worklet_vs_native_ratio: Number(exp.ratio.toFixed(3)),
  kernel_x_realtime: Number(kernel.xRealtime.toFixed(1)),
  decode_ms_4min: Math.round(analysis.decodeMs),
  analysis_ms_after_decode_4min: Math.round(analysis.analysisMs),
  analysis_features_ms_4min: Math.round(analysis.featuresMs),
  analysis_inference_ms_4min: Math.round(analysis.inferenceMs),
  session_ready_ms: Math.round(start.sessionReadyMs),
  session_ready_warm_ms: Math.round(start.sessionReadyWarmMs),
  first_visit_bytes: start.firstVisitBytes,
  precache_bytes: start.precacheBytes,
  long_file_peak_mb: long.peakMb,
  inference_webgpu_vs_wasm_ratio: backends.ratio === null ? null : Number(backends.ratio.toFixed(1)),
  details: {
    export_worklet_ms_4min: Math.round(exp.workletMs),
    export_native_ms_4min: Math.round(exp.nativeMs),
    kernel_ns_per_biquad_sample: Number(kernel.nsPerBiquadSample.toFixed(2)),
    inference_wasm_ms_batch8: Number(backends.wasm.runMs.toFixed(1)),
    inference_webgpu_ms_batch8: Number(backends.webgpu.runMs.toFixed(1)),
    webgpu_available: backends.webgpu.available,
    long_file_60min_wav: long.phases,
  },
};
writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote bench-results.json');
