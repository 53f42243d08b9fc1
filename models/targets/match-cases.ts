/**
 * The reference-matching experiment, case by case: each track's halves are the reference (untouched) and
 * the song, the song once untouched and under CURVES_PER_TRACK random curves applied by the real engine.
 * For each case: both halves' balance profiles, their plain long-term spectra (every frame), the curve and
 * the blind model's suggestion for the song half. Cached per split in models/.cache/targets/, since the
 * engine and the features take most of the time.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { NodeModel } from '../../src/inference/node-model.ts';
import { applyEq, BAND_CENTERS_HZ } from '../../src/shared/dsp/index.ts';
import type { Features } from '../../src/shared/features/index.ts';
import { suggestFromFeatures } from '../../src/shared/model/index.ts';
import type { BalanceProfile } from '../../src/shared/targets/index.ts';
import { measureProfile } from '../../src/shared/targets/index.ts';
import { trainingCurve } from '../prep/curve-settings.ts';
import { correctionTarget } from '../prep/curves.ts';
import type { ManifestTrack } from '../prep/fetch.ts';
import { CACHE_DIR, loadPcm } from '../prep/packages.ts';
import { Rng } from '../prep/random.ts';
import { SAMPLE_RATE, halves, sharedExtractor } from './halves.ts';
import { ltasDb } from './plain-difference.ts';

/** Curves per track, as many as the song evaluation uses (models/eval/song-eval.ts). */
export const CURVES_PER_TRACK = 4;

export interface MatchCase {
  track: string;
  package: string;
  untouched: boolean;
  /** The engine command applied to the song half (zeros when untouched). */
  applied: number[];
  song: BalanceProfile;
  reference: BalanceProfile;
  /** Plain long-term spectra (dB per feature band, power mean over every frame). */
  songLtas: number[];
  referenceLtas: number[];
  /** The blind model's suggestion for the song half (dB per engine band) and its confidence (0-1) per band. */
  blindDb: number[];
  blindConfidence: number[];
}

/**
 * Raised whenever what a case holds changes, the shipped model included (2: the blind suggestion of model
 * version 3; 3: with its confidence).
 */
const CASE_VERSION = 3;

export async function matchCases(
  name: string,
  tracks: readonly ManifestTrack[],
  model: () => Promise<NodeModel>,
  seed: number,
): Promise<MatchCase[]> {
  const dir = `${CACHE_DIR}targets/`;
  const path = `${dir}${name}.json`;
  const key = { version: CASE_VERSION, seed, tracks: tracks.map((t) => t.id) };
  if (existsSync(path)) {
    const cached = JSON.parse(readFileSync(path, 'utf8')) as { key: typeof key; cases: MatchCase[] };
    if (JSON.stringify(cached.key) === JSON.stringify(key)) return cached.cases;
  }
  const m = await model();
  const ex = sharedExtractor();
  const centers = ex.filterbank.centersHz;
  const rng = new Rng(seed);
  const cases: MatchCase[] = [];
  const t0 = Date.now();
  const blindSuggestion = async (features: Features) => {
    const b = await suggestFromFeatures(features, m.run);
    return { blindDb: b.gainsDb, blindConfidence: b.confidence };
  };
  for (const [i, track] of tracks.entries()) {
    const h = halves(loadPcm(track.id), i);
    const refFeatures = ex.extract(h.reference);
    const reference = measureProfile(refFeatures, centers, h.reference.length / SAMPLE_RATE);
    const referenceLtas = ltasDb(refFeatures);
    for (const untouched of [true, ...new Array<boolean>(CURVES_PER_TRACK).fill(false)]) {
      const applied = trainingCurve(rng, untouched);
      const audio = untouched ? h.song : applyEq([h.song], SAMPLE_RATE, applied)[0]!;
      const features = ex.extract(audio);
      cases.push({
        track: track.id,
        package: track.package,
        untouched,
        applied,
        song: measureProfile(features, centers, audio.length / SAMPLE_RATE),
        reference,
        songLtas: ltasDb(features),
        referenceLtas,
        ...(await blindSuggestion(features)),
      });
    }
    if ((i + 1) % 20 === 0) {
      console.error(`${name}: ${i + 1}/${tracks.length} tracks, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, JSON.stringify({ key, cases }));
  return cases;
}

/** How a method did on the cases: error per band and overall on the EQ'd songs, do-no-harm on the untouched. */
export interface MatchMetrics {
  /** Mean absolute difference from the inverse of the applied curve, per band (dB). */
  perBandMaeDb: number[];
  maeDb: number;
  /** Mean absolute size of the suggestion on untouched songs (dB). */
  doNoHarmDb: number;
}

/** Scores a method's predicted correction shape; the one scoring of the evaluation and the tuning studies. */
export function scoreMatch(cases: readonly MatchCase[], predict: (c: MatchCase) => number[]): MatchMetrics {
  const perBand = new Array<number>(BAND_CENTERS_HZ.length).fill(0);
  let eqd = 0;
  let harm = 0;
  let untouched = 0;
  for (const c of cases) {
    const p = predict(c);
    if (c.untouched) {
      harm += p.reduce((a, g) => a + Math.abs(g), 0) / p.length;
      untouched++;
    } else {
      const t = correctionTarget(c.applied);
      p.forEach((g, b) => (perBand[b]! += Math.abs(g - t[b]!)));
      eqd++;
    }
  }
  const mae = perBand.map((v) => v / eqd);
  return {
    perBandMaeDb: mae,
    maeDb: mae.reduce((a, v) => a + v, 0) / mae.length,
    doNoHarmDb: harm / untouched,
  };
}
