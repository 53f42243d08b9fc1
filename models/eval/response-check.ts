/**
 * How far the suggestion moves for the six gross problems (npm run model:response), on real held-out songs:
 * the test tracks the dataset stage filtered by the engine with each problem (models/prep/test-songs.ts),
 * against the same songs untouched. Rewrites the response table of the model card (npm run model:eval
 * does too).
 */
import { loadNodeModel } from '../../src/inference/node-model.ts';
import type { TestSongs } from '../prep/test-songs.ts';
import { readTestSongs } from '../prep/test-songs.ts';
import { replaceSection } from './card.ts';
import { songSuggestions } from './model-runs.ts';
import { responseTable } from './response.ts';

const all = readTestSongs();
const tracks = new Set(all.versions.filter((v) => v.kind === 'problem').map((v) => v.track));
const songs: TestSongs = {
  ...all,
  versions: all.versions.filter((v) => tracks.has(v.track) && (v.kind === 'problem' || v.untouched)),
};
const noBaselines = { profile: [], shrink: [], varEq: [], varNatural: [] };
const cases = await songSuggestions(await loadNodeModel(), songs, noBaselines);
const r = responseTable(cases);
console.log(r.table);
replaceSection('response', r.table);
