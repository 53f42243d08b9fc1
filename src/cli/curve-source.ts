/**
 * Where the curve for a file comes from: gains on the command line, a preset file (any format
 * src/shared/presets imports), or the file's own suggestion. Targets (`--reference`, `--style`) join here as
 * further kinds, so every verb that equalises gets them at once.
 */
import { readFile, stat } from 'node:fs/promises';
import { MAX_PRESET_CHARS, importPreset, PresetError } from '../shared/presets/index.ts';
import { roundGains, suggestAudio } from './analyze.ts';
import { silenceNote } from './analysis-note.ts';
import type { DecodedAudio } from './decode-audio.ts';
import { UsageError } from './usage-error.ts';

export type CurveChoice =
  { kind: 'gains'; gainsDb: number[] } | { kind: 'preset'; path: string } | { kind: 'auto' };

/** Reads a preset file and says on stderr how well it fits our bands when it had to be fitted. */
export async function loadPresetFile(path: string, verb: string): Promise<number[]> {
  const info = await stat(path).catch(() => {
    throw new UsageError(`--preset ${path}: no such file`);
  });
  if (!info.isFile()) throw new UsageError(`--preset ${path}: not a file`);
  if (info.size > MAX_PRESET_CHARS) throw new UsageError(`--preset ${path}: too large to be a preset`);
  let preset;
  try {
    preset = importPreset(await readFile(path, 'utf8'));
  } catch (e) {
    if (e instanceof PresetError) throw new UsageError(`--preset ${path}: ${e.message}`);
    throw e;
  }
  if (preset.fit) {
    process.stderr.write(
      `eq ${verb}: ${path} (${preset.format}) fitted to the ${preset.gainsDb.length} bands: ` +
        `error ${preset.fit.maxErrorDb.toFixed(2)} dB at worst, ${preset.fit.rmsErrorDb.toFixed(2)} dB RMS over 20 Hz-20 kHz\n`,
    );
  }
  if (preset.clampedBands > 0) {
    process.stderr.write(
      `eq ${verb}: ${path} asks for more than the bands allow; ${preset.clampedBands} band(s) held at the limit\n`,
    );
  }
  return preset.gainsDb;
}

/** The band gains (dB, before --amount) for one file. */
export async function curveFor(
  choice: CurveChoice,
  presetGainsDb: number[] | undefined,
  path: string,
  audio: DecodedAudio,
  verb: string,
): Promise<number[]> {
  if (choice.kind === 'gains') return choice.gainsDb;
  if (choice.kind === 'preset') return presetGainsDb!;
  const s = await suggestAudio(audio);
  const note = silenceNote(audio, s.loudFrames);
  if (note) process.stderr.write(`eq ${verb}: ${path}: ${note}\n`);
  return roundGains(s.gainsDb);
}
