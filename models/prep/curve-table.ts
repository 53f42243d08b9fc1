/**
 * Random training curves and what each does to the features: the engine's realised power gain as each
 * of the extractor's bands reads it (band-gains.ts), in dB. Written to
 * models/.cache/tracks/curves-{split}-{commands,gains}.f32; the trainer adds these gains to the natural
 * features (models/train/feature_eq.py).
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
import { trainingCurve } from './curve-settings.ts';
import { Rng } from './random.ts';
import { TRACKS_DIR } from './packages.ts';

/** Writes `count` random training curves (seeded) and their band gains for one split into `dir`. */
export function writeCurveTable(dir: string, split: string, count: number, seed: number): void {
  const cfg = featureConfig();
  const fb = new FeatureExtractor(cfg).filterbank;
  const readout = bandReadout(fb, cfg.sampleRateHz, cfg.frameSize);
  const bands = fb.centersHz.length;
  const rng = new Rng(seed);
  const commands = new Float32Array(count * BAND_CENTERS_HZ.length);
  const gains = new Float32Array(count * bands);
  for (let c = 0; c < count; c++) {
    const command = trainingCurve(rng, false);
    commands.set(command, c * BAND_CENTERS_HZ.length);
    gains.set(bandGainsDb(command, readout, cfg.sampleRateHz), c * bands);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `curves-${split}-commands.f32`), new Uint8Array(commands.buffer));
  writeFileSync(join(dir, `curves-${split}-gains.f32`), new Uint8Array(gains.buffer));
}

function main(): void {
  const { values } = parseArgs({
    options: { count: { type: 'string', default: '10000' }, seed: { type: 'string', default: '7' } },
  });
  const t0 = Date.now();
  // The trainer draws from these two; the evaluation applies the real engine with its own curves.
  for (const [i, split] of ['train', 'val'].entries()) {
    writeCurveTable(TRACKS_DIR, split, Number(values.count), Number(values.seed) * 1000 + i);
    console.log(`${split}: ${values.count} curves (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
