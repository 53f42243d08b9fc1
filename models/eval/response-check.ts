/**
 * How strongly does the suggestion react to a gross, known imbalance? (npm run model:response)
 * Pink noise from ffmpeg, then the same with ffmpeg's own ±12 dB shelves (not our engine, so the check is
 * independent of the training data's filters); prints, for the affected bands, the ideal correction (the
 * measured change of the spectrum's shape, reversed) and how much the suggestion actually moved.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFile } from '../../src/cli/analyze.ts';
import { BAND_CENTERS_HZ } from '../../src/shared/dsp/index.ts';
import { FeatureExtractor, mixdown } from '../../src/shared/features/index.ts';
import { CONTRACT, featureConfig, removeMean } from '../../src/shared/model/index.ts';
import { decodeWithFfmpeg } from '../prep/decode.ts';
import { octaveLtas } from './baselines.ts';
import { renderPinkNoise } from './pink-noise.ts';

const extractor = new FeatureExtractor(featureConfig());

/** Octave-band long-term spectrum shape of a file (mean over bands removed). */
async function shape(path: string): Promise<number[]> {
  const audio = await decodeWithFfmpeg(path, CONTRACT.input.sampleRateHz, 2);
  const f = extractor.extract(mixdown(audio.channels));
  const ltas = new Float64Array(f.bandCount);
  for (let t = 0; t < f.frames; t++) {
    for (let b = 0; b < f.bandCount; b++)
      ltas[b] = ltas[b]! + 10 ** (f.bandsDb[t * f.bandCount + b]! / 10) / f.frames;
  }
  const db = Array.from(ltas, (p) => 10 * Math.log10(p + 1e-20));
  return removeMean(octaveLtas(db, extractor.filterbank.centersHz, BAND_CENTERS_HZ));
}

const dir = mkdtempSync(join(tmpdir(), 'eq-response-'));
function render(name: string, filter: string | null): string {
  return renderPinkNoise(join(dir, `${name}.wav`), 30, filter);
}

const cases: [string, string, number[]][] = [
  ['bass +12 dB (shelf at 100 Hz)', 'bass=g=12:f=100:w=1', [0, 1, 2]],
  ['bass -12 dB (shelf at 100 Hz)', 'bass=g=-12:f=100:w=1', [0, 1, 2]],
  ['treble +12 dB (shelf at 4 kHz)', 'treble=g=12:f=4000:w=1', [7, 8, 9]],
  ['treble -12 dB (shelf at 4 kHz)', 'treble=g=-12:f=4000:w=1', [7, 8, 9]],
];
const plainPath = render('plain', null);
const plain = await analyzeFile(plainPath);
const plainShape = await shape(plainPath);
const mean = (g: number[], bands: number[]) => bands.reduce((s, b) => s + g[b]!, 0) / bands.length;
const lines = [
  '| imbalance (ffmpeg filter) | ideal correction in those bands (dB) | change of the suggestion (dB) |',
  '|---|---:|---:|',
];
for (const [label, filter, bands] of cases) {
  const path = render(`case${cases.findIndex((c) => c[1] === filter)}`, filter);
  const r = await analyzeFile(path);
  // Ideal: undo the measured change of the spectrum's shape (mean over bands removed, as the model's target).
  const s = await shape(path);
  const ideal = -mean(
    s.map((v, b) => v - plainShape[b]!),
    bands,
  );
  const delta = mean(r.gainsDb, bands) - mean(plain.gainsDb, bands);
  lines.push(`| ${label} | ${ideal.toFixed(1)} | ${delta.toFixed(1)} |`);
}
const table = lines.join('\n');
console.log(table);
// Keep the model card's copy of this table in step with the command.
const cardPath = new URL('../MODEL_CARD.md', import.meta.url).pathname;
const card = readFileSync(cardPath, 'utf8');
const [start, end] = ['<!-- response:start -->', '<!-- response:end -->'];
const a = card.indexOf(start);
const b = card.indexOf(end);
if (a >= 0 && b > a)
  writeFileSync(cardPath, `${card.slice(0, a + start.length)}\n${table}\n${card.slice(b)}`);
