/**
 * The feedback database: records of what the user kept for each song (never the audio) and their settings.
 * The schema is numbered; each version has one upgrade step in feedback-db.ts, run in order from whatever
 * version the device has.
 *
 * v1: store `feedback` (key `id`): time, file, model, raw suggestion, kept curve, amount, rating, embedding.
 * v2: records gain `curveDb` (the curve at amount 100 %) and `shownDb` (what the app proposed); index by time.
 * v3: store `settings` (personalisation on/off, reset point, persistent storage asked); index by model.
 * v4: store `presets` (key `id`): curves the user saved by name; index by creation time. Another version of
 *     the app used v4 for `references` instead: a device may have either.
 * v5: both stores, `presets` and `references` (key `id`): reference tracks' balance profiles (never their
 *     audio); index by creation time. The upgrade to v5 creates whichever of the two a v4 database lacks.
 */
import type { DBSchema } from 'idb';
import type { ReferenceRecord } from '../shared/targets/reference-record.ts';

export const DB_NAME = 'sonic-ai-eq';
export const DB_VERSION = 5;

export type Rating = 'up' | 'down' | 'none';
export const RATINGS: readonly Rating[] = ['up', 'down', 'none'];

/** One song's feedback, as stored now (v2 and later). */
export interface FeedbackRecord {
  /** Unique across devices, so an import merges instead of duplicating. */
  id: string;
  /** When it was last rated or exported (ms since 1970). */
  time: number;
  fileName: string;
  durationS: number;
  modelId: string;
  contractVersion: string;
  /** The model's raw suggestion (dB per band, amount 100 %). */
  suggestedDb: number[];
  /** What the app proposed: the personalised suggestion, or the raw one. */
  shownDb: number[];
  /** The user's curve when they rated or exported, before the amount (the handles). */
  curveDb: number[];
  /** The curve kept: after edits, at the amount (what was heard and exported). */
  keptDb: number[];
  /** 0 to 1.5. */
  amount: number;
  rating: Rating;
  /** The song's embedding from the model (for personalisation). */
  embedding: number[];
}

/** A record as v1 stored it. */
export interface FeedbackRecordV1 {
  id: string;
  time: number;
  fileName: string;
  durationS: number;
  modelId: string;
  contractVersion: string;
  suggestedDb: number[];
  keptDb: number[];
  amount: number;
  rating: Rating;
  embedding: number[];
}

export interface Settings {
  /** Suggestions move toward the user's habits. */
  personalise: boolean;
  /** Records before this time (ms) no longer teach the suggestion ("Reset personalisation"); null: all do. */
  resetAt: number | null;
  /** The browser was asked for persistent storage once. */
  persistAsked: boolean;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  personalise: true,
  resetAt: null,
  persistAsked: false,
});
export const SETTINGS_KEY = 'settings';

/** A curve the user saved by name, to apply to any song (presets are commands: the handles at 100 %). */
export interface PresetRecord {
  /** Unique across devices, so an import merges instead of duplicating. */
  id: string;
  name: string;
  /** Ten band gains (dB), a command: within ±12 dB on the 0.1 dB grid. */
  gainsDb: number[];
  /** When it was saved (ms since 1970): the list's order. */
  createdAt: number;
}

/** A preset's name as kept: spaces tidied, at most PRESET_NAME_MAX characters; empty is not a name. */
export const PRESET_NAME_MAX = 80;
export const cleanPresetName = (name: string): string =>
  name.replace(/\s+/g, ' ').trim().slice(0, PRESET_NAME_MAX).trim();

export interface FeedbackDbSchema extends DBSchema {
  feedback: {
    key: string;
    value: FeedbackRecord;
    indexes: { 'by-time': number; 'by-model': string };
  };
  settings: {
    key: string;
    value: Settings;
  };
  presets: {
    key: string;
    value: PresetRecord;
    indexes: { 'by-created': number };
  };
  references: {
    key: string;
    value: ReferenceRecord;
    indexes: { 'by-created': number };
  };
}
