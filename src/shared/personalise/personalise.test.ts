import { describe, expect, it } from 'vitest';
import { BAND_COUNT } from '../dsp/bands.ts';
import {
  DIM,
  errorOnNewSongs,
  learningCurve,
  makeUser,
  MODEL,
  rateSongs,
  rng,
} from './synthetic-listeners.ts';
import {
  fitPersonalModel,
  personalise,
  personalShift,
  REGRESSION_MIN_SAMPLES,
  type FeedbackSample,
  type Rating,
} from './personalise.ts';

const sample = (curve: number[], rating: Rating, extra: Partial<FeedbackSample> = {}): FeedbackSample => ({
  suggestedDb: new Array<number>(BAND_COUNT).fill(0),
  shownDb: new Array<number>(BAND_COUNT).fill(0),
  curveDb: curve,
  rating,
  modelId: MODEL,
  embedding: new Array<number>(DIM).fill(0.5),
  ...extra,
});
const plus3At63 = [0, 3, 0, 0, 0, 0, 0, 0, 0, 0];

describe('personalisation against synthetic listeners of known taste', () => {
  it('a fixed habit: the error falls as ratings accumulate, and a few already help', () => {
    const [e0, e1, e3, e10, e30, e100] = learningCurve(
      { songDependent: false, noiseDb: 1 },
      [0, 1, 3, 10, 30, 100],
    );
    expect(e1!).toBeLessThan(e0!);
    expect(e3!).toBeLessThan(0.7 * e0!);
    expect(e10!).toBeLessThan(e3!);
    expect(e30!).toBeLessThan(e10!);
    // Many ratings do not overfit: the regression finds nothing to add and stays out of the way.
    expect(e100!).toBeLessThanOrEqual(e30! + 0.05);
    expect(e100!).toBeLessThan(0.25 * e0!);
  });

  it('a song-dependent taste: the embedding regression takes the error below what the offset reaches', () => {
    const [e0, e3, e10, e40, e150] = learningCurve(
      { songDependent: true, noiseDb: 0.5 },
      [0, 3, 10, 40, 150],
      6,
    );
    expect(e3!).toBeLessThan(e0!);
    expect(e10!).toBeLessThan(e3!);
    expect(e40!).toBeLessThan(e10!);
    expect(e150!).toBeLessThan(0.8 * e40!);
    expect(e150!).toBeLessThan(0.4 * e0!);
  });

  it('noisy ratings of a fixed habit: the regression never does worse than the offset alone (no overfitting)', () => {
    for (const n of [REGRESSION_MIN_SAMPLES, 16, 30]) {
      let withRegression = 0;
      let offsetOnly = 0;
      for (let u = 0; u < 8; u++) {
        const user = makeUser(2000 + u, { songDependent: false, noiseDb: 2 });
        const samples = rateSongs(user, n);
        // The same new songs for both (same seed).
        withRegression += errorOnNewSongs(makeUser(2000 + u, { songDependent: false, noiseDb: 2 }), samples);
        offsetOnly += errorOnNewSongs(
          makeUser(2000 + u, { songDependent: false, noiseDb: 2 }),
          samples,
          'none',
        );
      }
      expect(withRegression).toBeLessThanOrEqual(offsetOnly * 1.02);
    }
  });

  it('the regression stays off below the minimum number of songs', () => {
    const user = makeUser(7, { songDependent: true, noiseDb: 0.5 });
    const few = rateSongs(user, REGRESSION_MIN_SAMPLES - 1);
    expect(fitPersonalModel(few, { modelId: MODEL }).regression).toBeNull();
    const many = rateSongs(user, 120);
    expect(fitPersonalModel(many, { modelId: MODEL }).regression).not.toBeNull();
    // ...and is not used for another model's embedding space.
    const model = fitPersonalModel(many, { modelId: MODEL });
    const e = many[0]!.embedding;
    expect(personalShift(model, e, 'model-b')).toEqual(model.offsetDb);
  });
});

describe('personalisation, case by case', () => {
  it('no feedback: the suggestion is unchanged', () => {
    const s = [1, -2, 3, -4, 5, -6, 7, -8, 9, -5];
    const model = fitPersonalModel([], { modelId: MODEL });
    expect(model.count).toBe(0);
    expect(personalise(model, s, [], MODEL)).toEqual(s);
  });

  it('three songs with +3 dB at 63 Hz shift the next suggestion that way, shrunk', () => {
    const model = fitPersonalModel(
      [1, 2, 3].map(() => sample(plus3At63, 'up')),
      { modelId: MODEL },
    );
    const shift = personalShift(model, [], MODEL);
    expect(shift[1]!).toBeGreaterThan(1.5);
    expect(shift[1]!).toBeLessThan(2.7); // the mean-removed residual is 2.7 dB; shrinkage keeps it below
    shift.forEach((v, b) => b !== 1 && expect(Math.abs(v)).toBeLessThan(0.5));
    // One song moves it less than three.
    const one = personalShift(fitPersonalModel([sample(plus3At63, 'up')], { modelId: MODEL }), [], MODEL);
    expect(one[1]!).toBeGreaterThan(0.5);
    expect(one[1]!).toBeLessThan(shift[1]!);
  });

  it('contradictory ratings cancel and stay sane', () => {
    const samples = Array.from({ length: 20 }, (_, i) =>
      sample([0, i % 2 ? 9 : -9, 0, 0, 0, 0, 0, 0, 0, 0], 'up'),
    );
    const shift = personalShift(fitPersonalModel(samples, { modelId: MODEL }), [], MODEL);
    shift.forEach((v) => expect(Math.abs(v)).toBeLessThan(0.5));
    // Disagreement also shrinks harder than agreement: a consistent +3 after the noisy ones moves less
    // than the same +3 alone.
    const noisyThenSure = personalShift(
      fitPersonalModel([...samples.slice(0, 4), sample(plus3At63, 'up')], { modelId: MODEL }),
      [],
      MODEL,
    );
    expect(noisyThenSure[1]!).toBeLessThan(1);
  });

  it('values stay within ±12 dB whatever the records say', () => {
    const r = rng(3);
    const samples = Array.from({ length: 60 }, (_, i) =>
      sample(
        Array.from({ length: BAND_COUNT }, () => (r.uniform() < 0.5 ? 12 : -12)),
        (['up', 'down', 'none'] as const)[i % 3]!,
        {
          suggestedDb: Array.from({ length: BAND_COUNT }, () => (r.uniform() < 0.5 ? 12 : -12)),
          embedding: Array.from({ length: DIM }, () => 50 * r.uniform()),
        },
      ),
    );
    const model = fitPersonalModel(samples, { modelId: MODEL });
    for (let i = 0; i < 50; i++) {
      const s = Array.from({ length: BAND_COUNT }, () => 24 * r.uniform() - 12);
      const e = Array.from({ length: DIM }, () => 500 * r.uniform());
      const p = personalise(model, s, e, MODEL);
      p.forEach((v) => {
        expect(Number.isFinite(v)).toBe(true);
        expect(Math.abs(v)).toBeLessThanOrEqual(12);
      });
    }
  });

  it('a thumbs-down on an unedited suggestion pulls back toward the model; one with edits teaches the edit', () => {
    const ups = [1, 2, 3].map(() => sample(plus3At63, 'up'));
    const base = personalShift(fitPersonalModel(ups, { modelId: MODEL }), [], MODEL)[1]!;
    const shown = [0, base, 0, 0, 0, 0, 0, 0, 0, 0];
    const downs = [1, 2, 3].map(() => sample(shown, 'down', { shownDb: shown }));
    const after = personalShift(fitPersonalModel([...ups, ...downs], { modelId: MODEL }), [], MODEL)[1]!;
    expect(after).toBeLessThan(base);
    expect(after).toBeGreaterThan(0);
    // Thumbs down, then the user fixed it with +3 dB at 63 Hz: that fix counts like a thumbs up.
    const fixed = [1, 2, 3].map(() => sample(plus3At63, 'down'));
    expect(personalShift(fitPersonalModel(fixed, { modelId: MODEL }), [], MODEL)[1]!).toBeCloseTo(base, 6);
  });

  it('records of another model count half, and damaged records are ignored', () => {
    const own = personalShift(fitPersonalModel([sample(plus3At63, 'up')], { modelId: MODEL }), [], MODEL)[1]!;
    const other = personalShift(
      fitPersonalModel([sample(plus3At63, 'up', { modelId: 'old' })], { modelId: MODEL }),
      [],
      MODEL,
    )[1]!;
    expect(other).toBeGreaterThan(0);
    expect(other).toBeLessThan(own);
    const broken = fitPersonalModel(
      [
        sample([1, 2, 3], 'up'),
        sample(
          plus3At63.map(() => Number.NaN),
          'up',
        ),
      ],
      { modelId: MODEL },
    );
    expect(broken.count).toBe(0);
  });
});
