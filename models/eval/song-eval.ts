/**
 * Song-level evaluation: what `eq analyze` does. Each test track is run whole through the engine (once
 * untouched and with SONG_CURVES random curves), then through the product pipeline (shared features, the
 * song input, ONNX model). Baselines use the whole track's long-term spectrum.
 */
import { BAND_CENTERS_HZ, applyEq } from '../../src/shared/dsp/index.ts';
import type { NodeModel } from '../../src/inference/node-model.ts';
import type { Features } from '../../src/shared/features/index.ts';
import { FeatureExtractor } from '../../src/shared/features/index.ts';
import { CONTRACT, featureConfig, removeMean, suggestFromFeatures } from '../../src/shared/model/index.ts';
import { correctionTarget } from '../prep/curves.ts';
import { trainingCurve } from '../prep/curve-settings.ts';
import type { ManifestTrack } from '../prep/fetch.ts';
import { loadPcm } from '../prep/packages.ts';
import { Rng } from '../prep/random.ts';
import type { BaselineStats } from './baselines.ts';
import { octaveLtas, shrunkSpectrumMatch, spectrumMatch } from './baselines.ts';

/**
 * Random curves per test track: with one, each per-band figure would rest on only 81 songs, too few to
 * tell methods apart band by band.
 */
export const SONG_CURVES = 4;

export interface SongCase {
  untouched: boolean;
  target: number[];
  predictions: Record<string, number[]>;
}

/** Octave-band shape (mean removed) of a whole song's long-term spectrum: power mean over frames. */
function songShape(f: Features, centersHz: Float64Array): number[] {
  const ltas = new Float64Array(f.bandCount);
  for (let t = 0; t < f.frames; t++) {
    for (let b = 0; b < f.bandCount; b++)
      ltas[b] = ltas[b]! + 10 ** (f.bandsDb[t * f.bandCount + b]! / 10) / f.frames;
  }
  return removeMean(
    octaveLtas(
      Array.from(ltas, (p) => 10 * Math.log10(p + 1e-20)),
      centersHz,
      BAND_CENTERS_HZ,
    ),
  );
}

export async function evaluateSongs(
  tracks: ManifestTrack[],
  model: NodeModel,
  stats: BaselineStats,
  seed = 99,
): Promise<SongCase[]> {
  const extractor = new FeatureExtractor(featureConfig());
  const rng = new Rng(seed);
  const sr = CONTRACT.input.sampleRateHz;
  const run = async (b: Float32Array, t: Float32Array, n: number, frames: number) =>
    (await model.run(b, t, n, frames)).gains;
  const cases: SongCase[] = [];
  for (const track of tracks) {
    const mono = loadPcm(track.id);
    for (const untouched of [true, ...new Array<boolean>(SONG_CURVES).fill(false)]) {
      const applied = trainingCurve(rng, untouched);
      const audio = untouched ? mono : applyEq([mono], sr, applied)[0]!;
      const features = extractor.extract(audio);
      const shape = songShape(features, extractor.filterbank.centersHz);
      const suggestion = await suggestFromFeatures(features, run);
      cases.push({
        untouched,
        target: correctionTarget(applied),
        predictions: {
          model: removeMean(suggestion.gainsDb),
          zero: BAND_CENTERS_HZ.map(() => 0),
          spectrumMatch: spectrumMatch(shape, stats),
          shrunkSpectrumMatch: shrunkSpectrumMatch(shape, stats),
        },
      });
    }
  }
  return cases;
}
