/**
 * Presets: our curves for other equalizers and theirs for ours. Pure; the app and the command line share it.
 *   exportPreset(gains, 'graphiceq' | 'parametric' | 'json')  the engine's curve as text
 *   importPreset(text)                                        ten band gains, fitted when the file describes
 *                                                             its curve another way, with the fit's error
 */
import { MAX_BAND_GAIN_DB, validateCommand } from '../dsp/index.ts';
import { FIT_GRID_HZ, interpolateCurveDb, PRESET_SAMPLE_RATE_HZ } from './curve.ts';
import { fitBandsToCurve } from './fit-bands.ts';
import { parseGraphicEqLines, toGraphicEqText } from './graphic-eq-text.ts';
import { parametricPreset, parseParametricText, toParametricText } from './parametric-text.ts';
import { parsePresetJson, toPresetJson } from './preset-json.ts';
import { PresetError } from './preset-error.ts';
import { parametricResponseDb } from './rbj-filters.ts';

export { PresetError } from './preset-error.ts';
export { FIT_GRID_HZ, PRESET_RANGE_HZ, PRESET_SAMPLE_RATE_HZ } from './curve.ts';
export { GRAPHIC_EQ_POINTS_HZ } from './graphic-eq-text.ts';
export { parametricPreset, parseParametricText, peakGainDb } from './parametric-text.ts';
export { PRESET_FILE_FORMAT, PRESET_FILE_VERSION } from './preset-json.ts';
export type { ParametricFilter } from './rbj-filters.ts';

export type PresetFormat = 'graphiceq' | 'parametric' | 'json';
export const PRESET_FORMATS: readonly PresetFormat[] = Object.freeze(['graphiceq', 'parametric', 'json']);

/** Larger than any preset anyone writes by hand or tool; an audio file given by mistake is refused early. */
export const MAX_PRESET_CHARS = 1 << 20;

/** The curve of a command (ten band gains, dB) in a preset format. */
export function exportPreset(gainsDb: ArrayLike<number>, format: PresetFormat, name?: string): string {
  const command = validateCommand(gainsDb);
  if (format === 'graphiceq') return toGraphicEqText(command);
  if (format === 'parametric') return toParametricText(parametricPreset(command));
  return toPresetJson(command, name);
}

export interface ImportedPreset {
  /** What the file held. */
  format: PresetFormat;
  name?: string;
  /** Ten band gains (dB) within ±MAX_BAND_GAIN_DB. */
  gainsDb: number[];
  /**
   * When the file described its curve another way than our ten gains: how far the engine's response with
   * `gainsDb` is from it over 20 Hz–20 kHz at PRESET_SAMPLE_RATE_HZ (largest and root-mean-square, dB).
   */
  fit?: { maxErrorDb: number; rmsErrorDb: number };
  /** Bands held at ±MAX_BAND_GAIN_DB because the file asks for more. */
  clampedBands: number;
}

export function importPreset(text: string): ImportedPreset {
  if (text.length > MAX_PRESET_CHARS) throw new PresetError('the file is too large to be a preset');
  if (text.trimStart().startsWith('{')) {
    const parsed = parsePresetJson(text);
    const name = parsed.name ? { name: parsed.name } : {};
    if ('gainsDb' in parsed) {
      const clampedBands = parsed.gainsDb.filter((g) => Math.abs(g) > MAX_BAND_GAIN_DB).length;
      return { format: 'json', ...name, gainsDb: Array.from(validateCommand(parsed.gainsDb)), clampedBands };
    }
    return { format: 'json', ...name, ...fitted(interpolateCurveDb(parsed.points, FIT_GRID_HZ)) };
  }
  const curves = parseGraphicEqLines(text);
  const { filters } = parseParametricText(text);
  if (curves.length === 0 && filters.length === 0 && !/^\s*Filter\s*\d*\s*:/im.test(text)) {
    throw new PresetError(
      'not a preset: expected "GraphicEQ:" text (EqualizerAPO, Wavelet), "Filter:" lines (EqualizerAPO, Peace) or our JSON',
    );
  }
  // EqualizerAPO runs every command in turn: the curves add up in dB (its preamp only sets the level).
  const target = parametricResponseDb(filters, FIT_GRID_HZ, PRESET_SAMPLE_RATE_HZ);
  for (const points of curves) {
    const c = interpolateCurveDb(points, FIT_GRID_HZ);
    for (let i = 0; i < target.length; i++) target[i]! += c[i]!;
  }
  return { format: curves.length > 0 ? 'graphiceq' : 'parametric', ...fitted(target) };
}

function fitted(targetDb: Float64Array): Pick<ImportedPreset, 'gainsDb' | 'fit' | 'clampedBands'> {
  const f = fitBandsToCurve(targetDb);
  return {
    gainsDb: f.gainsDb,
    fit: { maxErrorDb: f.maxErrorDb, rmsErrorDb: f.rmsErrorDb },
    clampedBands: f.clampedBands,
  };
}
