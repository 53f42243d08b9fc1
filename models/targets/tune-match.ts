/**
 * `npm run model:match-tune`: chooses the profile and matcher settings on the training and validation
 * packages (never the test packages, which models/targets/match-eval.ts reports on). Each track's halves are
 * reference and song; curves are applied in the feature domain (fast and close to the engine for a
 * location statistic of band levels), several per track, plus the untouched song. Prints a table of
 * settings against error and do-no-harm, next to the plain spectrum difference.
 */
import { parseArgs } from 'node:util';
import type { Features } from '../../src/shared/features/index.ts';
import { TEMPORAL_COUNT } from '../../src/shared/features/index.ts';
import type { MatchSettings } from '../../src/shared/targets/match.ts';
import { DEFAULT_MATCH_SETTINGS, matchBalance } from '../../src/shared/targets/match.ts';
import type { ProfileSettings } from '../../src/shared/targets/profile.ts';
import { DEFAULT_PROFILE_SETTINGS, measureProfile } from '../../src/shared/targets/profile.ts';
import { profileObservation } from '../../src/shared/targets/reference.ts';
import { bandGainsDb, bandReadout } from '../prep/band-gains.ts';
import { correctionTarget } from '../prep/curves.ts';
import { trainingCurve } from '../prep/curve-settings.ts';
import { Rng } from '../prep/random.ts';
import { SAMPLE_RATE, halfFeatures, readTracks, sharedExtractor } from './halves.ts';
import { ltasDb, plainDifference } from './plain-difference.ts';

const { values } = parseArgs({
  options: {
    curves: { type: 'string', default: '3' },
    limit: { type: 'string', default: '0' },
    grid: { type: 'string', default: 'match' },
  },
});

/** The features of `f` after an EQ whose power gain per band is `gainDb`: band powers and frame level. */
export function shiftFeatures(f: Features, gainDb: Float32Array, widthsHz: readonly number[]): Features {
  const B = f.bandCount;
  const bandsDb = new Float32Array(f.bandsDb.length);
  const temporal = f.temporal.slice();
  const g = Array.from(gainDb, (d) => 10 ** (d / 10));
  for (let t = 0; t < f.frames; t++) {
    let before = 0;
    let after = 0;
    for (let b = 0; b < B; b++) {
      const p = Math.max(0, 10 ** (f.bandsDb[t * B + b]! / 10) - 1e-10);
      before += p * widthsHz[b]!;
      after += p * g[b]! * widthsHz[b]!;
      bandsDb[t * B + b] = 10 * Math.log10(p * g[b]! + 1e-10);
    }
    if (before > 0) temporal[t * TEMPORAL_COUNT]! += 10 * Math.log10(after / before);
  }
  return { ...f, bandsDb, temporal };
}

interface Case {
  song: Features;
  songS: number;
  reference: Features;
  referenceS: number;
  target: number[];
  untouched: boolean;
  plain: number[];
}

function buildCases(curvesPerTrack: number, limit: number): Case[] {
  let tracks = readTracks(['train', 'val']);
  if (limit > 0) tracks = tracks.filter((_, i) => i % Math.ceil(tracks.length / limit) === 0);
  const ex = sharedExtractor();
  const fb = ex.filterbank;
  const readout = bandReadout(fb, SAMPLE_RATE, ex.config.frameSize);
  const widths = Array.from(fb.centersHz, (_, b) => fb.edgesHz[b + 1]! - fb.edgesHz[b]!);
  const rng = new Rng(7);
  const cases: Case[] = [];
  const t0 = Date.now();
  for (const h of halfFeatures(tracks)) {
    const refLtas = ltasDb(h.reference);
    for (const untouched of [true, ...new Array<boolean>(curvesPerTrack).fill(false)]) {
      const applied = trainingCurve(rng, untouched);
      const song = untouched
        ? h.song
        : shiftFeatures(h.song, bandGainsDb(applied, readout, SAMPLE_RATE), widths);
      cases.push({
        song,
        songS: h.songS,
        reference: h.reference,
        referenceS: h.referenceS,
        target: correctionTarget(applied),
        untouched,
        plain: plainDifference(ltasDb(song), refLtas, fb.centersHz),
      });
    }
  }
  console.error(
    `${cases.length} cases from ${tracks.length} tracks in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  return cases;
}

function score(cases: Case[], predict: (c: Case) => number[]) {
  let err = 0;
  let eqd = 0;
  let harm = 0;
  let untouched = 0;
  for (const c of cases) {
    const p = predict(c);
    const mae = p.reduce((a, g, b) => a + Math.abs(g - c.target[b]!), 0) / p.length;
    if (c.untouched) {
      harm += p.reduce((a, g) => a + Math.abs(g), 0) / p.length;
      untouched++;
    } else {
      err += mae;
      eqd++;
    }
  }
  return { err: err / eqd, harm: harm / untouched };
}

function main() {
  const cases = buildCases(Number(values.curves), Number(values.limit));
  const centers = sharedExtractor().filterbank.centersHz;
  const plain = score(cases, (c) => c.plain);
  const zero = score(cases, () => new Array<number>(10).fill(0));
  console.log(
    `zero: error ${zero.err.toFixed(3)}; plain: error ${plain.err.toFixed(3)}, do-no-harm ${plain.harm.toFixed(3)}`,
  );
  const profiles = new Map<Features, ReturnType<typeof measureProfile>>();
  const profileOf = (f: Features, s: number, ps: Partial<ProfileSettings>) => {
    let p = profiles.get(f);
    if (!p) {
      p = measureProfile(f, centers, s, ps);
      profiles.set(f, p);
    }
    return p;
  };
  const run = (ps: Partial<ProfileSettings>, ms: Partial<MatchSettings>) => {
    const m = { ...DEFAULT_MATCH_SETTINGS, ...ms };
    const r = score(
      cases,
      (c) =>
        matchBalance(
          profileObservation(profileOf(c.song, c.songS, ps), m),
          profileObservation(profileOf(c.reference, c.referenceS, ps), m),
          m,
        ).gainsDb,
    );
    console.log(
      `${JSON.stringify({ ...ps, ...ms })}: error ${r.err.toFixed(3)} (${(r.err / plain.err).toFixed(3)} x plain), do-no-harm ${r.harm.toFixed(3)}`,
    );
    return r;
  };
  if (values.grid === 'profile') {
    for (const gateDb of [10, 15, 20, 60]) {
      for (const trim of [0, 0.1, 0.25, 0.45]) {
        profiles.clear();
        run({ gateDb, trim }, {});
      }
    }
    return;
  }
  profiles.clear();
  const base = DEFAULT_PROFILE_SETTINGS;
  for (const priorDb of [3, 5, 8]) {
    for (const priorOctaves of [0.5, 1, 1.5]) {
      for (const floorDb of [1, 1.5, 2.5]) run(base, { priorDb, priorOctaves, floorDb });
    }
  }
}

main();
