/**
 * One opened song, from its file to its kept curve: plain data and a pure reducer, so that every rule of the
 * product about a song is here and tested in Node. A session is created when a file is opened and replaced
 * whole when another one is: nothing of one song (its curve, its undo history, its rating, its record) can
 * reach the next. The store (session-store.ts) owns the current session and does the asynchronous work.
 */
import type { Suggestion } from '../feedback/feedback-session.ts';
import {
  commandForApplied,
  isBandRealisable,
  restrictToRate,
  sameCommand,
  scaleCommand,
  toCommand,
  type CommandDb,
} from '../shared/dsp/eq-command.ts';
import type { TargetedSuggestion } from '../shared/targets/index.ts';
import type { LoudnessSummary } from '../shared/loudness/loudness-meter.ts';
import type { FeedbackRecord, Rating } from '../storage/schema.ts';
import type { AnalysisResult } from '../workers/analysis-api.ts';
import { canRedo, canUndo, emptyHistory, reduceHistory, type CurveHistory } from './curve-history.ts';

/** loading → decoded → analysing → suggested, or failed (no suggestion: silent, cancelled, an error). */
export type Phase = 'loading' | 'decoded' | 'analysing' | 'suggested' | 'failed';

/** What decoding learned about the file. */
export interface AudioFacts {
  sampleRate: number;
  durationS: number;
  channelCount: number;
  /** Every sample is zero: there is nothing to analyse or hear. */
  silent: boolean;
  /** Something the user should know although the file opened (cut short, silent). */
  warning: string | null;
}

/** Why a decoded song has no suggestion. */
export interface NoSuggestion {
  kind: 'silent' | 'cancelled' | 'error';
  message: string;
}

/**
 * The whole song's loudness (integrated, range, true peak), measured off the main thread once the analysis
 * is over: the original, and the equalised result (the EQ alone, before any level change of an export) at
 * one applied curve, measured again when the curve settles somewhere else.
 */
export interface SongLoudness {
  original: LoudnessSummary | null;
  equalised: { appliedDb: CommandDb; summary: LoudnessSummary } | null;
}

export interface SongSession {
  /** Unique per opened file; also the id of the song's feedback record once it has one. */
  readonly id: string;
  readonly fileName: string;
  readonly phase: Phase;
  /** Null while loading. */
  readonly facts: AudioFacts | null;
  /** Fraction of the analysis done, 0 to 1. */
  readonly progress: number;
  readonly result: AnalysisResult | null;
  /** The raw and the shown (personalised) suggestion, restricted to the bands the file's rate can carry. */
  readonly suggestion: Suggestion | null;
  /**
   * The song's tonal balance against the chosen target (the tonal-balance view): balance before, the target's
   * tunnel, confidence. Null until analysed, or when the song has no measurable balance.
   */
  readonly targeted: TargetedSuggestion | null;
  readonly noSuggestion: NoSuggestion | null;
  /** The curve (commands at amount 100 %, what the record calls curveDb) with undo and redo. */
  readonly history: CurveHistory;
  /** The user changed the curve: a suggestion arriving later then waits behind "Reset to suggestion". */
  readonly touched: boolean;
  /** Scales the whole curve, 0 to MAX_AMOUNT (1 = 100 %). */
  readonly amount: number;
  readonly rating: Rating;
  /** The id of the song's stored feedback record: null until the song is rated or exported. */
  readonly recordId: string | null;
  readonly loudness: SongLoudness;
}

export type SessionAction =
  | { type: 'decoded'; facts: AudioFacts }
  | { type: 'analysing' }
  | { type: 'progress'; fraction: number }
  | {
      type: 'analysed';
      result: AnalysisResult;
      suggestion: Suggestion;
      targeted?: TargetedSuggestion | null;
      at: number;
    }
  | { type: 'cancel' }
  | { type: 'failed'; message: string }
  /** Whole-curve edit (commands at 100 %): Flat, a preset, an import. */
  | { type: 'edit'; gains: readonly number[]; key: string | null; at: number }
  /** One band moved on a control that shows the applied curve (the handles and sliders). */
  | { type: 'editBand'; band: number; appliedDb: number; key: string | null; at: number }
  | { type: 'undo'; at: number }
  | { type: 'redo'; at: number }
  | { type: 'resetToSuggestion'; at: number }
  | { type: 'amount'; amount: number }
  /** Personalisation was switched or reset, or another target chosen: the song's suggestion recomputed. */
  | { type: 'suggestionChanged'; suggestion: Suggestion; targeted?: TargetedSuggestion | null; at: number }
  | { type: 'rate'; rating: 'up' | 'down' }
  /** The song's record was written (after a rating or an export). */
  | { type: 'exported' }
  /** A whole-song loudness measurement: of the original (appliedDb null) or equalised at `appliedDb`. */
  | { type: 'loudness'; appliedDb: CommandDb | null; summary: LoudnessSummary };

export function openSession(id: string, fileName: string): SongSession {
  return {
    id,
    fileName,
    phase: 'loading',
    facts: null,
    progress: 0,
    result: null,
    suggestion: null,
    targeted: null,
    noSuggestion: null,
    history: emptyHistory(),
    touched: false,
    amount: 1,
    rating: 'none',
    recordId: null,
    loudness: { original: null, equalised: null },
  };
}

const SILENT: NoSuggestion = {
  kind: 'silent',
  message: 'No suggestion for a silent file: there is nothing to analyse.',
};

/** A suggestion for this file: bands its sample rate cannot realise are 0 dB, shown and stored alike. */
function forRate(s: Suggestion, sampleRate: number): Suggestion {
  return { ...s, rawDb: restrictToRate(s.rawDb, sampleRate), shownDb: restrictToRate(s.shownDb, sampleRate) };
}

/** Sets the curve, keeping bands the file cannot realise at 0 dB. */
function setCurve(s: SongSession, gains: readonly number[], key: string | null, at: number): SongSession {
  const command = s.facts ? restrictToRate(toCommand(gains), s.facts.sampleRate) : toCommand(gains);
  const history = reduceHistory(s.history, { type: 'set', gains: command, key, at });
  return history === s.history ? s : { ...s, history, touched: true };
}

export function reduceSession(s: SongSession, a: SessionAction): SongSession {
  switch (a.type) {
    case 'decoded':
      if (s.phase !== 'loading') return s;
      return a.facts.silent
        ? { ...s, facts: a.facts, phase: 'failed', noSuggestion: SILENT }
        : { ...s, facts: a.facts, phase: 'decoded' };
    case 'analysing':
      if (!s.facts || s.facts.silent || s.phase === 'analysing') return s;
      return { ...s, phase: 'analysing', progress: 0, noSuggestion: null };
    case 'progress':
      return s.phase === 'analysing' ? { ...s, progress: a.fraction } : s;
    case 'analysed': {
      if (s.phase !== 'analysing' || !s.facts) return s;
      const suggestion = forRate(a.suggestion, s.facts.sampleRate);
      const done = {
        ...s,
        phase: 'suggested' as const,
        progress: 1,
        result: a.result,
        suggestion,
        targeted: a.targeted ?? null,
      };
      // Edits made while the analysis ran win: the suggestion then waits behind "Reset to suggestion".
      if (s.touched) return done;
      return {
        ...done,
        history: reduceHistory(s.history, { type: 'set', gains: suggestion.shownDb, key: null, at: a.at }),
      };
    }
    case 'cancel':
      if (s.phase !== 'analysing') return s;
      return { ...s, phase: 'failed', noSuggestion: { kind: 'cancelled', message: 'Analysis cancelled.' } };
    case 'failed':
      if (s.phase !== 'analysing') return s;
      return {
        ...s,
        phase: 'failed',
        noSuggestion: { kind: 'error', message: `The analysis failed: ${a.message}` },
      };
    case 'edit':
      return setCurve(s, a.gains, a.key, a.at);
    case 'editBand': {
      if (s.facts && !isBandRealisable(a.band, s.facts.sampleRate)) return s;
      const next = commandForApplied(s.history.present, a.band, a.appliedDb, s.amount);
      return next ? setCurve(s, next, a.key, a.at) : s;
    }
    case 'undo':
    case 'redo': {
      const history = reduceHistory(s.history, a);
      return history === s.history ? s : { ...s, history, touched: true };
    }
    case 'resetToSuggestion':
      return s.suggestion ? setCurve(s, s.suggestion.shownDb, null, a.at) : s;
    case 'amount':
      return { ...s, amount: a.amount };
    case 'suggestionChanged': {
      if (!s.suggestion || !s.facts) return s;
      const suggestion = forRate(a.suggestion, s.facts.sampleRate);
      const next = { ...s, suggestion, targeted: a.targeted === undefined ? s.targeted : a.targeted };
      // The new suggestion replaces the curve only where the curve was the old suggestion.
      return atSuggestion(s) ? setCurve(next, suggestion.shownDb, null, a.at) : next;
    }
    case 'rate':
      return s.result ? { ...s, rating: a.rating, recordId: s.id } : s;
    case 'exported':
      return s.result ? { ...s, recordId: s.id } : s;
    case 'loudness': {
      const { appliedDb, summary } = a;
      return {
        ...s,
        loudness: appliedDb
          ? { ...s.loudness, equalised: { appliedDb, summary } }
          : { ...s.loudness, original: summary },
      };
    }
  }
}

/** The applied curve as a command (0.1 dB grid): what a loudness measurement of the equalised song is for. */
export const appliedCommand = (s: SongSession): CommandDb => toCommand(appliedCurve(s));

/**
 * The whole-song measurement the song needs next, or null when it has what it needs (or nothing is wanted
 * yet: until the analysis is over, which it would slow down on a small machine; or silent). `original` comes first; then the equalised result at the
 * applied curve.
 */
export function loudnessToMeasure(s: SongSession): { appliedDb: CommandDb | null } | null {
  if (!s.facts || s.facts.silent || !(s.phase === 'suggested' || s.phase === 'failed')) return null;
  if (!s.loudness.original) return { appliedDb: null };
  const applied = appliedCommand(s);
  return s.loudness.equalised && sameCommand(s.loudness.equalised.appliedDb, applied)
    ? null
    : { appliedDb: applied };
}

/** The equalised measurement, and whether it is of the curve applied now (false while one is under way). */
export function equalisedLoudness(s: SongSession): { summary: LoudnessSummary; current: boolean } | null {
  const e = s.loudness.equalised;
  return e ? { summary: e.summary, current: sameCommand(e.appliedDb, appliedCommand(s)) } : null;
}

/** The curve is the shown suggestion. */
export const atSuggestion = (s: SongSession): boolean =>
  s.suggestion !== null && sameCommand(s.suggestion.shownDb, s.history.present);

/** What is heard and exported: the curve scaled by the amount. */
export const appliedCurve = (s: SongSession): Float64Array => scaleCommand(s.history.present, s.amount);

/**
 * The curve drawn dashed beside the user's (at 100 %; the caller scales it): the suggestion once the user
 * has moved away from it, or, while they are at a personalised suggestion, the model's own one. Null when
 * there is nothing to compare with.
 */
export function comparisonCurve(s: SongSession): CommandDb | null {
  if (!s.suggestion) return null;
  if (!atSuggestion(s)) return s.suggestion.shownDb;
  return s.suggestion.personalised && !sameCommand(s.suggestion.rawDb, s.suggestion.shownDb)
    ? s.suggestion.rawDb
    : null;
}

export const undoable = (s: SongSession): boolean => canUndo(s.history);
export const redoable = (s: SongSession): boolean => canRedo(s.history);

/**
 * The record a rating or an export keeps: the song's suggestion, the curve at 100 % (the handles' command),
 * the curve heard (at the amount) and the rating. Null for a song without a suggestion (silent, failed,
 * still analysing): there is nothing to learn from it.
 */
export function keptRecord(s: SongSession, rating: Rating, time: number): FeedbackRecord | null {
  if (!s.result || !s.suggestion || !s.facts) return null;
  return {
    id: s.id,
    time,
    fileName: s.fileName,
    durationS: s.facts.durationS,
    modelId: s.result.modelId,
    contractVersion: s.result.contractVersion,
    suggestedDb: [...s.suggestion.rawDb],
    shownDb: [...s.suggestion.shownDb],
    curveDb: [...s.history.present],
    keptDb: [...toCommand(appliedCurve(s))],
    amount: s.amount,
    rating,
    embedding: [...s.result.embedding],
  };
}
