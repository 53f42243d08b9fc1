/**
 * Random training curves and what each does to the features: the engine's realised power gain as each
 * of the extractor's bands reads it (band-gains.ts), in dB. Written to
 * models/.cache/tracks/curves-{split}-{commands,gains}.f32; the trainer adds these gains to the natural
 * features (models/train/feature_eq.py). Also the curve prior's bank (curves-bank-*, with
 * curves-bank-kinds.f32: 1 for one problem, 2 for two or three) and the response check's six problems
 * (curves-problems-*).
 *   --count N   curves per split, training and validation (default below)
 *   --seed S    seed
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BAND_CENTERS_HZ } from '../../src/shared/dsp/index.ts';
import { bandGainsDb, bandReadout } from './band-gains.ts';
import { FeatureExtractor } from '../../src/shared/features/index.ts';
import { featureConfig } from '../../src/shared/model/index.ts';
import { bankCurve, trainingCurve } from './curve-settings.ts';
import { PROBLEMS } from './problems.ts';
import { Rng } from './random.ts';
import { TRACKS_DIR } from './packages.ts';

/** Writes engine commands and what each does to the feature bands as `curves-{name}-*.f32` in `dir`. */
function writeCommands(dir: string, name: string, list: readonly number[][]): void {
  const cfg = featureConfig();
  const fb = new FeatureExtractor(cfg).filterbank;
  const readout = bandReadout(fb, cfg.sampleRateHz, cfg.frameSize);
  const bands = fb.centersHz.length;
  const commands = new Float32Array(list.length * BAND_CENTERS_HZ.length);
  const gains = new Float32Array(list.length * bands);
  list.forEach((command, c) => {
    commands.set(command, c * BAND_CENTERS_HZ.length);
    gains.set(bandGainsDb(command, readout, cfg.sampleRateHz), c * bands);
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `curves-${name}-commands.f32`), new Uint8Array(commands.buffer));
  writeFileSync(join(dir, `curves-${name}-gains.f32`), new Uint8Array(gains.buffer));
}

/** Writes `count` random training curves (seeded) and their band gains for one split into `dir`. */
export function writeCurveTable(dir: string, split: string, count: number, seed: number): void {
  const rng = new Rng(seed);
  writeCommands(
    dir,
    split,
    Array.from({ length: count }, () => trainingCurve(rng, false)),
  );
}

/** The curve prior's bank: `count` curves, a third with one problem, the rest with two or three. */
export function writeBank(dir: string, count: number, seed: number): void {
  const rng = new Rng(seed);
  const kinds = Array.from({ length: count }, (_, i) => (i % 3 === 0 ? 1 : 2));
  writeCommands(
    dir,
    'bank',
    kinds.map((k) => bankCurve(rng, k === 1)),
  );
  writeFileSync(join(dir, 'curves-bank-kinds.f32'), new Uint8Array(Float32Array.from(kinds).buffer));
}

/** The response check's six problems (models/prep/problems.ts). */
export function writeProblems(dir: string): void {
  writeCommands(
    dir,
    'problems',
    PROBLEMS.map((p) => p.command),
  );
}

function main(): void {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      bank: { type: 'string', default: '4096' },
      seed: { type: 'string', default: '7' },
    },
  });
  const t0 = Date.now();
  // The trainer draws from these two; the evaluation applies the real engine with its own curves.
  for (const [i, split] of ['train', 'val'].entries()) {
    writeCurveTable(TRACKS_DIR, split, Number(values.count), Number(values.seed) * 1000 + i);
    console.log(`${split}: ${values.count} curves (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  writeBank(TRACKS_DIR, Number(values.bank), Number(values.seed) * 1000 + 9);
  writeProblems(TRACKS_DIR);
  console.log(
    `bank: ${values.bank} curves; the ${PROBLEMS.length} problems (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
