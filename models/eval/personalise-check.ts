/**
 * Does the embedding earn its place in personalisation? (part of npm run model:eval)
 *
 * Listeners whose taste depends on the music rate real held-out songs, with the shipped model's real
 * suggestions and embeddings; the personalisation of the app (src/shared/personalise) learns from their
 * kept curves, and is scored on other songs of the same packages, with the embedding regression and with
 * the per-band offset alone. Two kinds of listener, each with a fixed habit per band plus:
 * - by kind of music: a different preference for each package (a composer's or game's style): a few dB of
 *   bass or treble more or less;
 * - by character: the brighter the song's own balance (its top three octaves against its bottom three),
 *   the more treble they take off and bass they add. The balance is not among the embedding's inputs
 *   (it is made only of what an EQ cannot change), so this is learnt only as far as the music's kind
 *   predicts it.
 * Keeps are noisy (1 dB per band). Writes the card's personalisation table and results-personalise.json.
 */
import { writeFileSync } from 'node:fs';
import { loadNodeModel } from '../../src/inference/node-model.ts';
import { BAND_COUNT } from '../../src/shared/dsp/bands.ts';
import type { FeedbackSample } from '../../src/shared/personalise/personalise.ts';
import { fitPersonalModel, personalShift } from '../../src/shared/personalise/personalise.ts';
import { rng } from '../../src/shared/personalise/synthetic-listeners.ts';
import { readTestSongs } from '../prep/test-songs.ts';
import { replaceSection } from './card.ts';
import { songSuggestions } from './model-runs.ts';

const MODEL_ID = 'shipped';
const RATED = [10, 20, 40];
const LISTENERS = 24;
const NOISE_DB = 1;

const demean = (v: number[]) => {
  const m = v.reduce((a, x) => a + x, 0) / v.length;
  return v.map((x) => x - m);
};
const rms = (v: number[]) => Math.sqrt(v.reduce((a, x) => a + x * x, 0) / v.length);
/** A smooth random shape over the bands (dB), mean zero. */
function shape(r: ReturnType<typeof rng>, sizeDb: number): number[] {
  const a = r.gauss();
  const b = r.gauss();
  return demean(
    Array.from(
      { length: BAND_COUNT },
      (_, k) => sizeDb * (a * (k / 4.5 - 1) + 0.7 * b * Math.cos((Math.PI * k) / 4.5)),
    ),
  );
}

const all = readTestSongs();
const plain = { ...all, versions: all.versions.filter((v) => v.kind === 'random' && v.untouched) };
const noBaselines = { profile: [], shrink: [], varEq: [], varNatural: [] };
const songs = (await songSuggestions(await loadNodeModel(), plain, noBaselines)).map((c) => {
  const b = c.suggestion.balanceDb;
  const bright = (b[7]! + b[8]! + b[9]! - b[0]! - b[1]! - b[2]!) / 3;
  return {
    pkg: c.version.package,
    suggested: c.suggestion.gainsDb,
    embedding: c.suggestion.embedding,
    bright,
  };
});
const packages = [...new Set(songs.map((s) => s.pkg))];
const brights = songs.map((s) => s.bright);
const brightMean = brights.reduce((a, x) => a + x, 0) / brights.length;
const brightStd = rms(brights.map((x) => x - brightMean));

type Kind = 'kind of music' | 'character';
function listener(seed: number, kind: Kind) {
  const r = rng(seed);
  const habit = shape(r, 1.5);
  const byPackage = new Map(packages.map((p) => [p, shape(r, 2.5)]));
  const tame = demean(Array.from({ length: BAND_COUNT }, (_, k) => 2.5 * (1 - k / 4.5)));
  const taste = (s: (typeof songs)[number]) =>
    habit.map((h, k) =>
      kind === 'kind of music'
        ? h + byPackage.get(s.pkg)![k]!
        : h + tame[k]! * ((s.bright - brightMean) / brightStd),
    );
  return { r, taste };
}

const rows: { kind: Kind; rated: number; none: number; offset: number; embedding: number }[] = [];
for (const kind of ['kind of music', 'character'] as Kind[]) {
  for (const n of RATED) {
    let none = 0;
    let offset = 0;
    let withEmbedding = 0;
    let count = 0;
    for (let u = 0; u < LISTENERS; u++) {
      const { r, taste } = listener(7000 + u, kind);
      // A random order of the songs: the first n are rated, the rest are the new songs.
      const order = songs.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(r.uniform() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const rated = order.slice(0, n).map((i) => songs[i]!);
      const fresh = order.slice(n).map((i) => songs[i]!);
      const samples: FeedbackSample[] = rated.map((s) => {
        const curveDb = s.suggested.map((g, k) => g + taste(s)[k]! + NOISE_DB * r.gauss());
        return {
          suggestedDb: s.suggested,
          shownDb: s.suggested,
          curveDb,
          rating: 'up',
          modelId: MODEL_ID,
          embedding: s.embedding,
        };
      });
      const model = fitPersonalModel(samples, { modelId: MODEL_ID });
      for (const s of fresh) {
        const want = demean(taste(s));
        none += rms(want);
        offset += rms(demean(personalShift(model, s.embedding, 'another model').map((v, k) => v - want[k]!)));
        withEmbedding += rms(demean(personalShift(model, s.embedding, MODEL_ID).map((v, k) => v - want[k]!)));
        count++;
      }
    }
    rows.push({
      kind,
      rated: n,
      none: none / count,
      offset: offset / count,
      embedding: withEmbedding / count,
    });
  }
}
const table = [
  `Listeners whose taste depends on the music (${LISTENERS} of each kind) rate held-out songs with the shipped model's real suggestions and embeddings (${songs.length} untouched songs of ${packages.length} packages); error (dB RMS over bands, level removed) of the personalised suggestion against their taste on the songs they did not rate.`,
  '',
  '| taste depends on | songs rated | no personalisation | per-band offset only | offset + embedding |',
  '|---|---:|---:|---:|---:|',
  ...rows.map(
    (x) =>
      `| ${x.kind} | ${x.rated} | ${x.none.toFixed(2)} | ${x.offset.toFixed(2)} | ${x.embedding.toFixed(2)} |`,
  ),
].join('\n');
console.log(table);
writeFileSync(
  new URL('./results-personalise.json', import.meta.url).pathname,
  `${JSON.stringify({ rows }, null, 1)}\n`,
);
replaceSection('personalise', table);
