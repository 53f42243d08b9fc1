/**
 * On-device personalisation: the next suggestion moves toward the curves this user keeps. Pure maths, no
 * platform. The method and why it is sound: docs/PERSONALISATION.md.
 *
 * residual rᵢ = (the user's kept curve at amount 100 %) − (the model's raw suggestion), with its mean over bands
 * removed (the model suggests a shape, not a level). Personal shift = a per-band offset shrunk toward 0 (an
 * empirical-Bayes mean whose shrinkage grows when the user's ratings disagree) plus, once there are enough
 * songs from the current model, a ridge regression from the song's embedding to what is left, kept only
 * when its leave-one-out error beats the offset alone.
 */
import { BAND_COUNT, MAX_BAND_GAIN_DB } from '../dsp/bands.ts';
import { fitRidge } from './ridge.ts';

export type Rating = 'up' | 'down' | 'none';

/** What the maths needs from one feedback record. */
export interface FeedbackSample {
  /** The model's raw suggestion (dB, amount 100 %). */
  suggestedDb: readonly number[];
  /** What the app proposed: the personalised suggestion, or the raw one. */
  shownDb: readonly number[];
  /** The user's curve when they rated or exported, at amount 100 % (the handles). */
  curveDb: readonly number[];
  rating: Rating;
  modelId: string;
  embedding: readonly number[];
}

export interface PersonalOptions {
  /** The model making the suggestion: only its own embeddings feed the regression. */
  modelId: string;
}

export interface PersonalModel {
  /** Samples that carried information (after any reset). */
  count: number;
  /** Of those, the ones the user rated (the others were exported without a rating). */
  rated: number;
  /** Their total weight. */
  weight: number;
  /** The shrunk per-band shift (dB), mean over bands zero. */
  offsetDb: number[];
  regression: {
    modelId: string;
    meanEmbedding: number[];
    scale: number;
    coef: number[][];
    lambda: number;
  } | null;
}

/** Prior spread of one person's taste per band (dB): how far a habit may plausibly sit from the model. */
export const PRIOR_TASTE_DB = 2;
/** Prior spread of one song's residual around the person's habit (dB), worth PRIOR_NOISE_DOF songs. */
export const PRIOR_NOISE_DB = 2.5;
export const PRIOR_NOISE_DOF = 4;
/** Records made with another model: part of their residual corrects that model, not the user's taste. */
export const OTHER_MODEL_WEIGHT = 0.5;
/** A thumbs-down on an unedited suggestion: "not this", with no direction; it pulls toward the raw model. */
export const DOWN_UNEDITED_WEIGHT = 0.5;
/** A curve within this of what was shown, in every band, counts as unedited. */
export const EDIT_TOLERANCE_DB = 0.25;
/** The regression is considered from this many songs of the current model. */
export const REGRESSION_MIN_SAMPLES = 10;
/**
 * Penalties tried (features are scaled to unit mean squared norm, so λ counts in songs), from at least
 * d/n (d embedding dimensions, n songs): with fewer songs than dimensions a small penalty interpolates
 * the noise, and choosing among near-interpolating fits by leave-one-out is itself noisy.
 */
export const RIDGE_LAMBDAS: readonly number[] = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];
/** The regression must beat the offset alone by this fraction of leave-one-out error. */
export const REGRESSION_MIN_GAIN = 0.1;
/** The regression's part of the shift is limited to this (dB per band): it extrapolates. */
export const MAX_REGRESSION_DB = 6;

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / Math.max(1, v.length);
const clamp = (v: number, lim: number) => Math.max(-lim, Math.min(lim, v));

function validCurve(c: readonly number[]): boolean {
  return c.length === BAND_COUNT && c.every(Number.isFinite);
}

/** A sample's target residual and weight; null when it carries no information. */
export function sampleTarget(
  s: FeedbackSample,
  modelId: string,
): { residual: number[]; weight: number } | null {
  if (!validCurve(s.suggestedDb) || !validCurve(s.curveDb) || !validCurve(s.shownDb)) return null;
  const sameModel = s.modelId === modelId ? 1 : OTHER_MODEL_WEIGHT;
  const edited = s.curveDb.some((g, i) => Math.abs(g - s.shownDb[i]!) > EDIT_TOLERANCE_DB);
  if (s.rating === 'down' && !edited) {
    return { residual: new Array<number>(BAND_COUNT).fill(0), weight: DOWN_UNEDITED_WEIGHT * sameModel };
  }
  const raw = s.curveDb.map((g, i) => g - s.suggestedDb[i]!);
  const m = mean(raw);
  return { residual: raw.map((r) => r - m), weight: sameModel };
}

export function fitPersonalModel(samples: readonly FeedbackSample[], opts: PersonalOptions): PersonalModel {
  const used: { s: FeedbackSample; residual: number[]; weight: number }[] = [];
  for (const s of samples) {
    const t = sampleTarget(s, opts.modelId);
    if (t && t.weight > 0) used.push({ s, ...t });
  }
  const weight = used.reduce((a, u) => a + u.weight, 0);
  const offsetDb = new Array<number>(BAND_COUNT).fill(0);
  if (weight > 0) {
    for (let b = 0; b < BAND_COUNT; b++) {
      const sum = used.reduce((a, u) => a + u.weight * u.residual[b]!, 0);
      const avg = sum / weight;
      const spread = used.reduce((a, u) => a + u.weight * (u.residual[b]! - avg) ** 2, 0);
      const noiseVar = (PRIOR_NOISE_DOF * PRIOR_NOISE_DB ** 2 + spread) / (PRIOR_NOISE_DOF + weight);
      const k = noiseVar / PRIOR_TASTE_DB ** 2;
      offsetDb[b] = sum / (weight + k);
    }
    const m = mean(offsetDb);
    for (let b = 0; b < BAND_COUNT; b++) offsetDb[b]! -= m;
  }
  return {
    count: used.length,
    rated: used.filter((u) => u.s.rating !== 'none').length,
    weight,
    offsetDb,
    regression: fitRegression(used, opts.modelId),
  };
}

function fitRegression(
  used: readonly { s: FeedbackSample; residual: number[]; weight: number }[],
  modelId: string,
): PersonalModel['regression'] {
  const rows = used.filter((u) => u.s.modelId === modelId && u.s.embedding.every(Number.isFinite));
  const d = rows[0]?.s.embedding.length ?? 0;
  if (rows.length < REGRESSION_MIN_SAMPLES || d === 0 || rows.some((u) => u.s.embedding.length !== d)) {
    return null;
  }
  const w = rows.map((u) => u.weight);
  const total = w.reduce((a, x) => a + x, 0);
  const meanEmbedding = new Array<number>(d).fill(0);
  rows.forEach((u, i) => u.s.embedding.forEach((e, j) => (meanEmbedding[j]! += (w[i]! * e) / total)));
  const centred = rows.map((u) => u.s.embedding.map((e, j) => e - meanEmbedding[j]!));
  const scale = Math.sqrt(
    centred.reduce((a, c, i) => a + w[i]! * c.reduce((s, v) => s + v * v, 0), 0) / total,
  );
  if (!(scale > 1e-9)) return null;
  // An unpenalised intercept column carries the mean, so the leave-one-out error below is exact.
  const x = centred.map((c) => [1, ...c.map((v) => v / scale)]);
  const y = rows.map((u) => u.residual);
  // Leave-one-out error of the weighted mean alone (what the offset predicts for a held-out song).
  const meanResidual = new Array<number>(BAND_COUNT).fill(0);
  rows.forEach((u, i) => u.residual.forEach((r, b) => (meanResidual[b]! += (w[i]! * r) / total)));
  let baseline = 0;
  rows.forEach((u, i) => {
    const f = total / Math.max(total - w[i]!, 1e-9);
    for (let b = 0; b < BAND_COUNT; b++) baseline += w[i]! * ((u.residual[b]! - meanResidual[b]!) * f) ** 2;
  });
  let best: ReturnType<typeof fitRidge> | null = null;
  const lambdas = RIDGE_LAMBDAS.filter((l) => l >= d / rows.length);
  for (const lambda of lambdas.length ? lambdas : RIDGE_LAMBDAS.slice(-1)) {
    const fit = fitRidge(x, y, w, lambda, 1);
    if (!best || fit.looError < best.looError) best = fit;
  }
  if (!best || best.looError > (1 - REGRESSION_MIN_GAIN) * baseline) return null;
  // The intercept (row 0) is the offset's job; keep the slopes.
  return { modelId, meanEmbedding, scale, coef: best.coef.slice(1), lambda: best.lambda };
}

/** The personal shift (dB per band, mean zero) for a song with this embedding. */
export function personalShift(model: PersonalModel, embedding: readonly number[], modelId: string): number[] {
  const shift = [...model.offsetDb];
  const r = model.regression;
  if (
    r &&
    r.modelId === modelId &&
    embedding.length === r.meanEmbedding.length &&
    embedding.every(Number.isFinite)
  ) {
    for (let b = 0; b < BAND_COUNT; b++) {
      let v = 0;
      for (let j = 0; j < embedding.length; j++)
        v += ((embedding[j]! - r.meanEmbedding[j]!) / r.scale) * r.coef[j]![b]!;
      shift[b]! += clamp(v, MAX_REGRESSION_DB);
    }
    const m = mean(shift);
    for (let b = 0; b < BAND_COUNT; b++) shift[b]! -= m;
  }
  return shift;
}

/** The personalised suggestion: the raw one plus the personal shift, a valid command (±12 dB per band). */
export function personalise(
  model: PersonalModel,
  suggestedDb: readonly number[],
  embedding: readonly number[],
  modelId: string,
): number[] {
  const shift = personalShift(model, embedding, modelId);
  return suggestedDb.map((g, b) => clamp(g + (shift[b] ?? 0), MAX_BAND_GAIN_DB));
}
