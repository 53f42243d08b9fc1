/**
 * `npm run model:match-eval`: reference matching on the held-out test packages, as issue 15 asks. For each
 * test track, the reference is one half (untouched) and the song the other half, once untouched and under
 * CURVES_PER_TRACK random curves applied by the engine (models/targets/match-cases.ts). Every method
 * predicts the correction's shape; error = mean absolute difference from the inverse of the applied curve
 * (mean over bands removed) on the EQ'd songs, do-no-harm = mean absolute size of the suggestion on the
 * untouched ones. The suggestions come from the app's one suggestion function (src/shared/targets).
 * Writes models/targets/match-results.json and the table in models/MATCHING.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadNodeModel } from '../../src/inference/node-model.ts';
import { BAND_CENTERS_HZ } from '../../src/shared/dsp/index.ts';
import { removeMean } from '../../src/shared/model/index.ts';
import type { BlendPart } from '../../src/shared/targets/index.ts';
import { DEFAULT_MATCH_SETTINGS, suggestEq } from '../../src/shared/targets/index.ts';
import { TEST_PACKAGES } from '../prep/split.ts';
import { readTracks, sharedExtractor } from './halves.ts';
import type { MatchCase } from './match-cases.ts';
import { CURVES_PER_TRACK, matchCases, scoreMatch, type MatchMetrics } from './match-cases.ts';
import { plainDifference } from './plain-difference.ts';

const RESULTS_PATH = new URL('match-results.json', import.meta.url).pathname;
const REPORT_PATH = new URL('../MATCHING.md', import.meta.url).pathname;

const LABELS: Record<string, string> = {
  zero: 'do nothing',
  plain: 'plain spectrum difference',
  reference: 'reference match',
  referenceAndAutomatic: 'reference and Automatic',
  automatic: 'Automatic (the blind model, for comparison)',
};

function table(methods: Record<string, MatchMetrics>): string {
  const head = BAND_CENTERS_HZ.map((f) => (f >= 1000 ? `${f / 1000}k` : `${f}`));
  const plain = methods.plain!;
  const lines = [
    `| method | ${head.join(' | ')} | error (dB) | vs plain | vs nothing | do-no-harm (dB) |`,
    `|---|${head.map(() => '---:').join('|')}|---:|---:|---:|---:|`,
  ];
  for (const [key, m] of Object.entries(methods)) {
    lines.push(
      `| ${LABELS[key]} | ${m.perBandMaeDb.map((v) => v.toFixed(2)).join(' | ')} | ${m.maeDb.toFixed(2)} | ${(m.maeDb / plain.maeDb).toFixed(2)} | ${(m.maeDb / methods.zero!.maeDb).toFixed(2)} | ${m.doNoHarmDb.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const tracks = readTracks(['test']);
  const cases = await matchCases('eval-test', tracks, () => loadNodeModel(), 99);
  const centers = sharedExtractor().filterbank.centersHz;
  const suggest = (c: MatchCase, blend: BlendPart[]) =>
    removeMean(
      suggestEq({ song: c.song, blind: { gainsDb: c.blindDb, confidence: c.blindConfidence }, blend })
        .gainsDb,
    );
  const references = (c: MatchCase): BlendPart => ({
    target: { kind: 'references', profiles: [c.reference] },
    weight: 1,
  });
  const methods: Record<string, MatchMetrics> = {
    zero: scoreMatch(cases, () => BAND_CENTERS_HZ.map(() => 0)),
    plain: scoreMatch(cases, (c) => removeMean(plainDifference(c.songLtas, c.referenceLtas, centers))),
    reference: scoreMatch(cases, (c) => suggest(c, [references(c)])),
    referenceAndAutomatic: scoreMatch(cases, (c) =>
      suggest(c, [references(c), { target: { kind: 'automatic' }, weight: 1 }]),
    ),
    automatic: scoreMatch(cases, (c) => removeMean(c.blindDb)),
  };
  const n = cases.filter((c) => !c.untouched).length;
  const summary = `${tracks.length} tracks of the held-out packages (${TEST_PACKAGES.join(', ')}); each track's halves are reference and song, the song once untouched and under ${CURVES_PER_TRACK} random curves: ${n} EQ'd and ${cases.length - n} untouched songs.`;
  writeFileSync(
    RESULTS_PATH,
    `${JSON.stringify({ summary, settings: DEFAULT_MATCH_SETTINGS, bandsHz: BAND_CENTERS_HZ, methods }, null, 1)}\n`,
  );
  const report = readFileSync(REPORT_PATH, 'utf8');
  const start = '<!-- match:start -->';
  const end = '<!-- match:end -->';
  writeFileSync(
    REPORT_PATH,
    report.replace(
      new RegExp(`${start}[\\s\\S]*${end}`),
      `${start}\n\n${summary}\n\n${table(methods)}\n\n${end}`,
    ),
  );
  console.log(`${summary}\n\n${table(methods)}`);
}

await main();
