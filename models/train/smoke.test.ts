/**
 * Training smoke run: tiny synthetic dataset -> one epoch of models/train/train.py -> export.py -> load in
 * onnxruntime-node -> run, and compare with the PyTorch golden export wrote. Keeps the pipeline from rotting.
 * Needs Debian's python3-torch (installed by scripts/ensure-deps.mjs --torch); about 20 s once installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNodeModel } from '../../src/inference/node-model.ts';
import { FeatureExtractor } from '../../src/shared/features/index.ts';
import { CONTRACT, featureConfig } from '../../src/shared/model/index.ts';
import { goldenInputs } from '../eval/golden-inputs.ts';
import { trainingCurve } from '../prep/curve-settings.ts';
import { DatasetWriter } from '../prep/dataset-writer.ts';
import { PREROLL_SAMPLES, WINDOW_SAMPLES, makeExample } from '../prep/example.ts';
import { Rng } from '../prep/random.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const PYTHON = '/usr/bin/python3';

/** Harmonic tones with a decaying envelope plus noise: enough structure for the pipeline to run on. */
function syntheticTrack(rng: Rng, seconds: number): Float32Array {
  const sr = CONTRACT.input.sampleRateHz;
  const x = new Float32Array(seconds * sr);
  const f0 = rng.uniform(60, 400);
  for (let i = 0; i < x.length; i++) {
    const t = i / sr;
    const env = Math.exp(-3 * (t % 0.5));
    let v = 0;
    for (let h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * f0 * h * t) / h;
    x[i] = 0.2 * env * v + 0.02 * (2 * rng.next() - 1);
  }
  return x;
}

function run(args: string[]): void {
  const r = spawnSync(PYTHON, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr.slice(-2000)}`);
}

describe('training pipeline (smoke)', () => {
  it('trains one epoch, exports ONNX and runs it in onnxruntime', { timeout: 600_000 }, async () => {
    // Install Debian's torch only when missing (ensure-deps may also reinstall node_modules, so not always).
    const hasTorch = spawnSync(PYTHON, ['-c', 'import torch, onnx']).status === 0;
    if (!hasTorch) {
      const deps = spawnSync('node', ['scripts/ensure-deps.mjs', '--torch', '--quiet'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      expect(deps.status).toBe(0);
    }
    const dir = mkdtempSync(join(tmpdir(), 'eq-smoke-'));
    const rng = new Rng(7);
    const extractor = new FeatureExtractor(featureConfig());
    const T = CONTRACT.input.windowFrames;
    const shapes = {
      bands: [1, CONTRACT.input.bands.count, T],
      temporal: [T, CONTRACT.input.temporal.length],
      applied: [CONTRACT.output.bandCentersHz.length],
      target: [CONTRACT.output.bandCentersHz.length],
      ltas: [CONTRACT.input.bands.count],
    };
    for (const [split, count] of [
      ['train', 32],
      ['val', 8],
    ] as const) {
      const writer = new DatasetWriter();
      for (let i = 0; i < count; i++) {
        const track = syntheticTrack(rng, 8);
        const start = PREROLL_SAMPLES + rng.int(track.length - WINDOW_SAMPLES - PREROLL_SAMPLES);
        const applied = trainingCurve(rng, false);
        const aug = { levelDb: [-6, 0] as [number, number], noiseProbability: 0.5, codecProbability: 0 };
        writer.add(makeExample(track, start, applied, extractor, rng, aug), {
          track: `synthetic-${i}`,
          package: 'synthetic',
          startS: start / CONTRACT.input.sampleRateHz,
          untouched: false,
        });
      }
      writer.write(join(dir, split), shapes);
    }
    const t0 = Date.now();
    run(['models/train/train.py', '--data', dir, '--out', dir, '--epochs', '1', '--batch', '16']);
    const onnx = join(dir, 'model.onnx');
    const golden = join(dir, 'golden.json');
    run([
      'models/train/export.py',
      '--checkpoint',
      join(dir, 'model.pt'),
      '--train-log',
      join(dir, 'train-log.json'),
      '--onnx',
      onnx,
      '--golden',
      golden,
    ]);
    const log = JSON.parse(readFileSync(join(dir, 'train-log.json'), 'utf8')) as {
      epochs: number;
      trainExamples: number;
    };
    expect(log.epochs).toBe(1);
    expect(log.trainExamples).toBe(32);
    const model = await loadNodeModel(onnx);
    const x = goldenInputs(CONTRACT.input.bands.count, CONTRACT.input.temporal.length, T);
    const out = await model.run(x.bands, x.temporal, x.batch, T);
    const expected = JSON.parse(readFileSync(golden, 'utf8')) as { gains: number[][] };
    const nb = CONTRACT.output.bandCentersHz.length;
    expected.gains.flat().forEach((g, i) => expect(Math.abs(out.gains[i]! - g)).toBeLessThan(1e-4));
    expect(out.gains.length).toBe(x.batch * nb);
    console.log(`smoke: python stages took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });
});
