/**
 * Synthetic listeners of known taste, for testing and measuring personalisation: each has a fixed habit per
 * band and, optionally, a taste that depends on the song (through a few directions of the embedding), and
 * keeps curves with some noise. Test support only; nothing in the app imports it.
 */
import { BAND_COUNT } from '../dsp/bands.ts';
import { scaleCommand, toCommand } from '../dsp/eq-command.ts';
import { fitPersonalModel, personalise, type FeedbackSample } from './personalise.ts';

export const MODEL = 'model-a';
export const DIM = 32;

export function rng(seed: number) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, gauss };
}

const demean = (v: number[]) => {
  const m = v.reduce((a, x) => a + x, 0) / v.length;
  return v.map((x) => x - m);
};
const rms = (v: number[]) => Math.sqrt(v.reduce((a, x) => a + x * x, 0) / v.length);

/** A synthetic listener: a fixed habit per band plus (optionally) a taste that depends on the song. */
export function makeUser(seed: number, opts: { songDependent: boolean; noiseDb: number }) {
  const r = rng(seed);
  const habit = demean(Array.from({ length: BAND_COUNT }, () => 2 * r.gauss()));
  // Only a few embedding directions matter to this listener.
  const g = Array.from({ length: DIM }, (_, j) =>
    opts.songDependent && j < 4 ? demean(Array.from({ length: BAND_COUNT }, () => 1.5 * r.gauss())) : null,
  );
  const song = () => {
    const suggestedDb = [...scaleCommand(demean(Array.from({ length: BAND_COUNT }, () => 3 * r.gauss())), 1)];
    const embedding = Array.from({ length: DIM }, () => Math.max(0, r.gauss()));
    const ideal = suggestedDb.map((s, b) => {
      let v = s + habit[b]!;
      g.forEach((gj, j) => gj && (v += gj[b]! * (embedding[j]! - 0.4)));
      return v;
    });
    return { suggestedDb, embedding, ideal };
  };
  const keep = (ideal: number[]) => [...toCommand(ideal.map((v) => v + opts.noiseDb * r.gauss()))];
  return { song, keep };
}

/** The listener rates n songs one after another, each time shown the personalised suggestion. */
export function rateSongs(user: ReturnType<typeof makeUser>, n: number): FeedbackSample[] {
  const samples: FeedbackSample[] = [];
  for (let i = 0; i < n; i++) {
    const { suggestedDb, embedding, ideal } = user.song();
    const model = fitPersonalModel(samples, { modelId: MODEL });
    const shownDb = personalise(model, suggestedDb, embedding, MODEL);
    samples.push({
      suggestedDb,
      shownDb,
      curveDb: user.keep(ideal),
      rating: 'up',
      modelId: MODEL,
      embedding,
    });
  }
  return samples;
}

/**
 * Mean error (dB RMS over bands, level removed) of the suggestion against the listener's taste on new songs.
 * `useModelId` other than MODEL leaves the embedding regression out (offset only).
 */
export function errorOnNewSongs(
  user: ReturnType<typeof makeUser>,
  samples: FeedbackSample[],
  useModelId = MODEL,
): number {
  const model = fitPersonalModel(samples, { modelId: MODEL });
  let total = 0;
  const N = 100;
  for (let i = 0; i < N; i++) {
    const { suggestedDb, embedding, ideal } = user.song();
    const p = personalise(model, suggestedDb, embedding, useModelId);
    total += rms(demean(p.map((v, b) => v - ideal[b]!)));
  }
  return total / N;
}

export function learningCurve(
  opts: { songDependent: boolean; noiseDb: number },
  counts: number[],
  users = 8,
) {
  return counts.map((n) => {
    let sum = 0;
    for (let u = 0; u < users; u++) {
      const user = makeUser(1000 + u, opts);
      sum += errorOnNewSongs(user, rateSongs(user, n));
    }
    return sum / users;
  });
}
