/**
 * `npm run model:match-tune`: how the profile and the matcher were chosen, on the training and validation
 * packages only (models/targets/match-eval.ts reports on the held-out test packages).
 *
 *   --study statistics   how far the two halves of each track differ (untouched, octave-band shape) when a
 *                        band's level is the power mean, a mean in dB, a median or a high percentile of its
 *                        frames, over every frame or the gated ones: the smaller, the less a matcher inherits
 *   --study matcher      error and do-no-harm of matcher settings on the halves under random curves applied
 *                        by the engine, next to the plain spectrum difference; --grid '{"priorDb":[3,4]}'
 *   --study parts        what each part of the matcher is worth: the defaults with one part taken out
 */
import { parseArgs } from 'node:util';
import { loadNodeModel } from '../../src/inference/node-model.ts';
import type { Features } from '../../src/shared/features/index.ts';
import { removeMean } from '../../src/shared/model/index.ts';
import type { BalanceObservation, MatchSettings } from '../../src/shared/targets/index.ts';
import {
  DEFAULT_MATCH_SETTINGS,
  DEFAULT_PROFILE_SETTINGS,
  estimateCorrection,
  matchBalance,
  modelPriorSd,
  octaveBalance,
  profileObservation,
  representativeFrames,
} from '../../src/shared/targets/index.ts';
import { halfFeatures, readTracks, sharedExtractor } from './halves.ts';
import { matchCases, scoreMatch } from './match-cases.ts';
import { plainDifference } from './plain-difference.ts';

const { values } = parseArgs({
  options: {
    study: { type: 'string', default: 'matcher' },
    grid: {
      type: 'string',
      default: '{"priorDb":[2.5,3,4],"priorOctaves":[0.7,1,1.5],"spreadScale":[0.4,0.6,0.8]}',
    },
    /** Only these packages (comma-separated), e.g. while the corpus is still being fetched. */
    packages: { type: 'string', default: '' },
  },
});

function tracks() {
  const all = readTracks(['train', 'val']);
  const only = values.packages ? values.packages.split(',') : [];
  return only.length > 0 ? all.filter((t) => only.includes(t.package)) : all;
}

const mae = (v: readonly number[]) => v.reduce((a, x) => a + Math.abs(x), 0) / v.length;

function statisticsStudy() {
  const centers = sharedExtractor().filterbank.centersHz;
  const bands = Array.from(centers);
  const B = bands.length;
  const frameValues = (f: Features, frames: readonly number[], b: number) =>
    frames.map((t) => f.bandsDb[t * B + b]!);
  const stats: Record<string, (v: number[]) => number> = {
    'power mean': (v) => 10 * Math.log10(v.reduce((a, x) => a + 10 ** (x / 10), 0) / v.length + 1e-30),
    'mean in dB': (v) => v.reduce((a, x) => a + x, 0) / v.length,
    median: (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!,
    '90th percentile': (v) => v.sort((a, b) => a - b)[Math.floor(v.length * 0.9)]!,
  };
  const gates: Record<string, number | null> = { 'every frame': null, 'gate 10 dB': 10, 'gate 20 dB': 20 };
  const sums = new Map<string, number>();
  const halves = halfFeatures(tracks());
  for (const h of halves) {
    for (const [gateName, gateDb] of Object.entries(gates)) {
      const pick = (f: Features) =>
        gateDb === null
          ? Array.from({ length: f.frames }, (_, i) => i)
          : representativeFrames(f, { ...DEFAULT_PROFILE_SETTINGS, gateDb });
      const fs = pick(h.song);
      const fr = pick(h.reference);
      for (const [statName, stat] of Object.entries(stats)) {
        const level = (f: Features, frames: number[]) =>
          octaveBalance(
            bands.map((_, b) => stat(frameValues(f, frames, b))),
            bands,
          );
        const s = level(h.song, fs);
        const r = level(h.reference, fr);
        const key = `| ${statName} | ${gateName} |`;
        sums.set(key, (sums.get(key) ?? 0) + mae(removeMean(r.map((v, i) => v - s[i]!))) / halves.length);
      }
    }
  }
  console.log(
    `Two halves of each of ${halves.length} training and validation tracks, untouched: mean absolute`,
  );
  console.log('difference of their octave-band shapes (dB).\n');
  console.log('| band level | frames | halves differ by (dB) |\n|---|---|---:|');
  for (const [k, v] of sums) console.log(`${k} ${v.toFixed(3)} |`);
}

async function matcherStudy() {
  const cases = await matchCases('tune-train-val', tracks(), () => loadNodeModel(), 7);
  const centers = sharedExtractor().filterbank.centersHz;
  const plain = scoreMatch(cases, (c) => plainDifference(c.songLtas, c.referenceLtas, centers));
  const blind = scoreMatch(cases, (c) => c.blindDb);
  console.log(
    `${cases.length} cases; plain difference: error ${plain.maeDb.toFixed(3)}, do-no-harm ${plain.doNoHarmDb.toFixed(3)}; blind model: error ${blind.maeDb.toFixed(3)}, do-no-harm ${blind.doNoHarmDb.toFixed(3)}`,
  );
  const grid = JSON.parse(values.grid) as Partial<Record<keyof MatchSettings | 'withModel', number[]>>;
  const keys = Object.keys(grid) as (keyof typeof grid)[];
  const combos = keys.reduce<Record<string, number>[]>(
    (acc, k) => acc.flatMap((c) => grid[k]!.map((v) => ({ ...c, [k]: v }))),
    [{}],
  );
  for (const combo of combos) {
    const { withModel, ...ms } = combo;
    const m = { ...DEFAULT_MATCH_SETTINGS, ...ms };
    const r = scoreMatch(
      cases,
      (c) =>
        estimateCorrection(
          [
            {
              kind: 'bands',
              song: profileObservation(c.song, m),
              target: profileObservation(c.reference, m),
              weight: 1,
            },
          ],
          withModel ? { meanDb: c.blindDb, sdDb: modelPriorSd(c.blindConfidence, m), weight: 1 } : null,
          m,
        ).gainsDb,
    );
    console.log(
      `${JSON.stringify(combo)}: error ${r.maeDb.toFixed(3)} (${(r.maeDb / plain.maeDb).toFixed(3)} x plain), do-no-harm ${r.doNoHarmDb.toFixed(3)} (${(r.doNoHarmDb / plain.doNoHarmDb).toFixed(3)} x plain)`,
    );
  }
}

async function partsStudy() {
  const cases = await matchCases('tune-train-val', tracks(), () => loadNodeModel(), 7);
  const centers = sharedExtractor().filterbank.centersHz;
  const plain = scoreMatch(cases, (c) => plainDifference(c.songLtas, c.referenceLtas, centers));
  const d = DEFAULT_MATCH_SETTINGS;
  const variants: [string, Partial<MatchSettings>, (p: BalanceObservation) => BalanceObservation][] = [
    ['the matcher (defaults)', {}, (p) => p],
    ['without the spreads (floor only)', { spreadScale: 0 }, (p) => p],
    [
      'without the presence weights and low-pass detection',
      {},
      (p) => ({ ...p, presence: p.presence.map(() => 1) }),
    ],
    ['without the smoothness prior (almost flat)', { priorDb: 100 }, (p) => p],
    ['with a prior twice as wide', { priorDb: 2 * d.priorDb }, (p) => p],
  ];
  console.log(
    `${cases.length} training and validation cases (${cases.filter((c) => !c.untouched).length} EQ'd)\n`,
  );
  console.log('| method | error (dB) | vs plain | do-no-harm (dB) |\n|---|---:|---:|---:|');
  console.log(
    `| plain spectrum difference | ${plain.maeDb.toFixed(3)} | 1.000 | ${plain.doNoHarmDb.toFixed(3)} |`,
  );
  for (const [name, ms, obs] of variants) {
    const m = { ...d, ...ms };
    const r = scoreMatch(
      cases,
      (c) =>
        matchBalance(obs(profileObservation(c.song, m)), obs(profileObservation(c.reference, m)), m).gainsDb,
    );
    console.log(
      `| ${name} | ${r.maeDb.toFixed(3)} | ${(r.maeDb / plain.maeDb).toFixed(3)} | ${r.doNoHarmDb.toFixed(3)} |`,
    );
  }
  const withModel = scoreMatch(
    cases,
    (c) =>
      estimateCorrection(
        [
          {
            kind: 'bands',
            song: profileObservation(c.song, d),
            target: profileObservation(c.reference, d),
            weight: 1,
          },
        ],
        { meanDb: c.blindDb, sdDb: modelPriorSd(c.blindConfidence, d), weight: 1 },
        d,
      ).gainsDb,
  );
  console.log(
    `| the matcher with the model's suggestion as the prior | ${withModel.maeDb.toFixed(3)} | ${(withModel.maeDb / plain.maeDb).toFixed(3)} | ${withModel.doNoHarmDb.toFixed(3)} |`,
  );
}

if (values.study === 'statistics') statisticsStudy();
else if (values.study === 'parts') await partsStudy();
else await matcherStudy();
