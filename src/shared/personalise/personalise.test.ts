import { describe, expect, it } from 'vitest';
import { BAND_COUNT } from '../dsp/bands.ts';
import {
  fitPersonalModel,
  personalise,
  personalShift,
  REGRESSION_MIN_SAMPLES,
  type FeedbackSample,
  type Rating,
} from './personalise.ts';

const MODEL = 'model-a';
const DIM = 32;

function rng(seed: number) {
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
const clamp12 = (v: number) => Math.max(-12, Math.min(12, v));
const rms = (v: number[]) => Math.sqrt(v.reduce((a, x) => a + x * x, 0) / v.length);

/** A synthetic listener: a fixed habit per band plus (optionally) a taste that depends on the song. */
function makeUser(seed: number, opts: { songDependent: boolean; noiseDb: number }) {
  const r = rng(seed);
  const habit = demean(Array.from({ length: BAND_COUNT }, () => 2 * r.gauss()));
  // Only a few embedding directions matter to this listener.
  const g = Array.from({ length: DIM }, (_, j) =>
    opts.songDependent && j < 4 ? demean(Array.from({ length: BAND_COUNT }, () => 1.5 * r.gauss())) : null,
  );
  const song = () => {
    const suggestedDb = demean(Array.from({ length: BAND_COUNT }, () => 3 * r.gauss())).map(clamp12);
    const embedding = Array.from({ length: DIM }, () => Math.max(0, r.gauss()));
    const ideal = suggestedDb.map((s, b) => {
      let v = s + habit[b]!;
      g.forEach((gj, j) => gj && (v += gj[b]! * (embedding[j]! - 0.4)));
      return v;
    });
    return { suggestedDb, embedding, ideal };
  };
  const keep = (ideal: number[]) =>
    ideal.map((v) => Math.round(clamp12(v + opts.noiseDb * r.gauss()) * 10) / 10);
  return { song, keep };
}

/** The listener rates n songs one after another, each time shown the personalised suggestion. */
function rateSongs(user: ReturnType<typeof makeUser>, n: number): FeedbackSample[] {
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

/** Mean error (dB RMS over bands, level removed) of the suggestion against the listener's taste on new songs. */
function errorOnNewSongs(user: ReturnType<typeof makeUser>, samples: FeedbackSample[]): number {
  const model = fitPersonalModel(samples, { modelId: MODEL });
  let total = 0;
  const N = 100;
  for (let i = 0; i < N; i++) {
    const { suggestedDb, embedding, ideal } = user.song();
    const p = personalise(model, suggestedDb, embedding, MODEL);
    total += rms(demean(p.map((v, b) => v - ideal[b]!)));
  }
  return total / N;
}

function learningCurve(opts: { songDependent: boolean; noiseDb: number }, counts: number[], users = 8) {
  return counts.map((n) => {
    let sum = 0;
    for (let u = 0; u < users; u++) {
      const user = makeUser(1000 + u, opts);
      sum += errorOnNewSongs(user, rateSongs(user, n));
    }
    return sum / users;
  });
}

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
