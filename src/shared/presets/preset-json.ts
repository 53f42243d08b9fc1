/**
 * Our own preset file: the ten band gains by name, versioned like the feedback export
 * (src/storage/feedback-file.ts). The reader also takes any JSON object with `bandsHz` and `gainsDb`, such as
 * a line of `eq analyze --json`, and a curve given at other frequencies (fitted by the caller).
 */
import { BAND_CENTERS_HZ } from '../dsp/index.ts';
import type { CurvePoint } from './curve.ts';
import { PresetError } from './preset-error.ts';

export const PRESET_FILE_FORMAT = 'sonic-ai-eq-preset';
export const PRESET_FILE_VERSION = 1;

export interface PresetFile {
  format: typeof PRESET_FILE_FORMAT;
  version: number;
  name?: string;
  /** The band centres the gains belong to (ours: BAND_CENTERS_HZ). */
  bandsHz: number[];
  /** Band gains (dB) of the equalizer command. */
  gainsDb: number[];
}

/**
 * Gains at full precision: rounding them to 0.01 dB can move the engine's realised curve by tenths of a dB
 * between its design points (`eq accuracy --presets`), and our own format should bring back exactly what left.
 */
export function toPresetJson(gainsDb: ArrayLike<number>, name?: string): string {
  const file: PresetFile = {
    format: PRESET_FILE_FORMAT,
    version: PRESET_FILE_VERSION,
    ...(name ? { name } : {}),
    bandsHz: [...BAND_CENTERS_HZ],
    gainsDb: Array.from(gainsDb, (g) => g || 0),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Band centres within this ratio of ours are ours (files often round 31.25 Hz to 31 and 62.5 Hz to 63). */
const SAME_BAND_TOLERANCE = 0.02;

export type ParsedPresetJson = { name?: string; gainsDb: number[] } | { name?: string; points: CurvePoint[] };

export function parsePresetJson(text: string): ParsedPresetJson {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new PresetError('the file starts like JSON but is not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new PresetError('the JSON is not an object with bandsHz and gainsDb');
  const o = data as Record<string, unknown>;
  if (o.format !== undefined && o.format !== PRESET_FILE_FORMAT)
    throw new PresetError(`the JSON is a '${String(o.format)}' file, not a preset`);
  if (o.format === PRESET_FILE_FORMAT) {
    if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1)
      throw new PresetError('the preset has no valid format version');
    if (o.version > PRESET_FILE_VERSION)
      throw new PresetError(
        `the preset was made by a newer version (format ${o.version}); update to read it`,
      );
  }
  const bands = numbers(o.bandsHz, 'bandsHz');
  const gains = numbers(o.gainsDb, 'gainsDb');
  if (bands.length !== gains.length || bands.length === 0)
    throw new PresetError(
      `bandsHz and gainsDb must have the same, non-zero length (${bands.length}, ${gains.length})`,
    );
  if (bands.some((f) => !(f > 0))) throw new PresetError('bandsHz must be positive frequencies');
  const name = typeof o.name === 'string' && o.name.trim() !== '' ? { name: o.name.trim() } : {};
  const ours =
    bands.length === BAND_CENTERS_HZ.length &&
    bands.every((f, i) => Math.abs(f / BAND_CENTERS_HZ[i]! - 1) <= SAME_BAND_TOLERANCE);
  if (ours) return { ...name, gainsDb: gains };
  return { ...name, points: bands.map((frequencyHz, i) => ({ frequencyHz, gainDb: gains[i]! })) };
}

function numbers(v: unknown, key: string): number[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x)))
    throw new PresetError(`${key} must be a list of numbers`);
  return v as number[];
}
