/**
 * Regenerates models/golden/features-golden.json (npm run model:golden). Run only when the feature
 * contract changes on purpose; the golden test exists to catch unintended changes.
 */
import { writeFileSync } from 'node:fs';
import { format } from 'prettier';
import { FeatureExtractor } from '../../src/shared/features/index.ts';
import { CONTRACT, featureConfig } from '../../src/shared/model/index.ts';
import { featureFixture } from './feature-fixture.ts';

const round = (a: Float32Array) => Array.from(a, (v) => Math.round(v * 1e4) / 1e4);
const features = new FeatureExtractor(featureConfig()).extract(featureFixture(CONTRACT.input.sampleRateHz));
const golden = {
  $comment: 'Written by models/golden/write-feature-golden.ts (npm run model:golden). Do not edit.',
  contractVersion: CONTRACT.version,
  frames: features.frames,
  bandCount: features.bandCount,
  bandsDb: round(features.bandsDb),
  temporal: round(features.temporal),
  contentStride: features.contentStride,
  contentDescriptors: CONTRACT.input.content.descriptors,
  content: round(features.content),
};
const path = new URL('./features-golden.json', import.meta.url).pathname;
// Written as prettier formats it, so `npm run format:check` stays clean.
writeFileSync(path, await format(JSON.stringify(golden), { parser: 'json', printWidth: 110 }));
console.log(
  `wrote ${path}: ${features.frames} frames, ${features.content.length / CONTRACT.input.content.descriptors.length} content rows`,
);
