/** Fakes for the session tests: analysis results, suggestions and controllable promises. */
import type { Suggestion } from '../feedback/feedback-session.ts';
import { toCommand } from '../shared/dsp/eq-command.ts';
import type { AnalysisResult } from '../workers/analysis-api.ts';
import type { AudioFacts } from './song-session.ts';

export const BANDS = 10;

export const facts = (extra: Partial<AudioFacts> = {}): AudioFacts => ({
  sampleRate: 44100,
  durationS: 180,
  channelCount: 2,
  silent: false,
  warning: null,
  ...extra,
});

/** A result whose suggestion is `gainsDb` (mean not removed: the tests read bands directly). */
export function result(gainsDb: readonly number[], modelId = 'test-model'): AnalysisResult {
  return {
    bandsHz: [31.25, 62.5, 125, 250, 500, 1000, 2000, 4000, 8000, 16000],
    gainsDb: [...gainsDb],
    confidence: new Array<number>(BANDS).fill(0.5),
    balanceDb: new Array<number>(BANDS).fill(0),
    typicalLowDb: new Array<number>(BANDS).fill(-3),
    typicalHighDb: new Array<number>(BANDS).fill(3),
    embedding: new Array<number>(32).fill(0.5),
    profile: null,
    modelId,
    contractVersion: '3.0.0',
    frames: 100,
    featuresMs: 1,
    inferenceMs: 1,
  };
}

export const rawSuggestion = (gainsDb: readonly number[]): Suggestion => {
  const rawDb = toCommand(gainsDb);
  return { rawDb, shownDb: rawDb, personalised: false, count: 0, rated: 0 };
};

/** A gain in one band, 0 elsewhere. */
export const oneBand = (band: number, db: number): number[] =>
  Array.from({ length: BANDS }, (_, b) => (b === band ? db : 0));

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
export const settle = () => new Promise<void>((r) => setTimeout(r, 0));
