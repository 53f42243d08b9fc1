/**
 * Times the shared feature extractor on 4 minutes of audio (npm run model:feature-speed): the browser's
 * analysis must stay well under a second per song.
 */
import { FeatureExtractor } from '../../src/shared/features/index.ts';
import { CONTRACT, featureConfig } from '../../src/shared/model/index.ts';
import { Rng } from '../prep/random.ts';

const sr = CONTRACT.input.sampleRateHz;
const x = new Float32Array(240 * sr);
const rng = new Rng(5);
for (let i = 0; i < x.length; i++)
  x[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / sr) + 0.1 * (2 * rng.next() - 1);
const extractor = new FeatureExtractor(featureConfig());
extractor.extract(x.subarray(0, 10 * sr)); // warm up the JIT
const times: number[] = [];
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  extractor.extract(x);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(
  `features of a 4-minute track: median ${times[2]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)} ms, 5 runs)`,
);
