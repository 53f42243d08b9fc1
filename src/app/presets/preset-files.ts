/**
 * Curves as files for other equalizers and back (the formats are src/shared/presets/): the file's name and
 * type for each format, and what an imported file gave, in words (how closely a curve given another way fits
 * our ten bands).
 */
import {
  exportPreset,
  importPreset,
  MAX_PRESET_CHARS,
  PresetError,
  type ImportedPreset,
  type PresetFormat,
} from '../../shared/presets/index.ts';
import { downloadBlob } from '../download.ts';

export const PRESET_FORMAT_LABELS: Record<PresetFormat, string> = {
  graphiceq: 'GraphicEQ (EqualizerAPO, Wavelet)',
  parametric: 'Parametric with preamp (EqualizerAPO, Peace)',
  json: 'Sonic AI EQ JSON',
};

const FILE_SUFFIX: Record<PresetFormat, string> = {
  graphiceq: 'GraphicEQ.txt',
  parametric: 'Parametric.txt',
  json: 'preset.json',
};

/** "Song.flac" or a preset's name → "Song (Sonic EQ) GraphicEQ.txt". */
export function presetFileName(base: string, format: PresetFormat): string {
  const stem =
    base
      .replace(/\.[^./\\]{1,5}$/, '')
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .trim() || 'Curve';
  return `${stem} (Sonic EQ) ${FILE_SUFFIX[format]}`;
}

/** Saves a curve (ten band gains, dB) in a format other equalizers read. */
export function downloadPreset(
  gainsDb: readonly number[],
  format: PresetFormat,
  base: string,
  name?: string,
): string {
  const text = exportPreset(gainsDb, format, name);
  const fileName = presetFileName(base, format);
  const type = format === 'json' ? 'application/json' : 'text/plain';
  downloadBlob(new Blob([text], { type: `${type};charset=utf-8` }), fileName);
  return fileName;
}

export interface ReadPreset {
  preset: ImportedPreset;
  /** The preset's own name, else the file's. */
  name: string;
  /** What was read, and how well it fits our bands. */
  message: string;
}

const FORMAT_NAMES: Record<PresetFormat, string> = {
  graphiceq: 'GraphicEQ',
  parametric: 'parametric',
  json: 'JSON',
};

/** Reads a preset file; throws an Error whose message is meant for the user. */
export async function readPresetFile(file: File): Promise<ReadPreset> {
  if (file.size > MAX_PRESET_CHARS * 4) throw new Error(`“${file.name}” is too large to be a preset.`);
  let preset: ImportedPreset;
  try {
    preset = importPreset(await file.text());
  } catch (e) {
    if (e instanceof PresetError) throw new Error(`“${file.name}” could not be read: ${e.message}.`);
    throw e;
  }
  const name = preset.name ?? file.name.replace(/\.[^./\\]{1,5}$/, '');
  const parts = [`Imported “${name}” (${FORMAT_NAMES[preset.format]}).`];
  if (preset.fit) {
    parts.push(
      `Fitted to the ten bands: within ${preset.fit.maxErrorDb.toFixed(2)} dB of the file’s curve (RMS ${preset.fit.rmsErrorDb.toFixed(2)} dB).`,
    );
  }
  if (preset.clampedBands > 0) {
    parts.push(
      `${preset.clampedBands} band${preset.clampedBands === 1 ? ' asks' : 's ask'} for more than ±12 dB and ${preset.clampedBands === 1 ? 'is' : 'are'} held at the limit.`,
    );
  }
  return { preset, name, message: parts.join(' ') };
}
