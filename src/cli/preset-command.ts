/**
 * `eq preset FILE [--format graphiceq|parametric|json] [--amount A]`: the suggestion for an audio file as a
 * preset for another equalizer (or for `eq apply --preset`), on stdout. Formats: src/shared/presets.
 */
import { basename } from 'node:path';
import { scaleCommand } from '../shared/dsp/index.ts';
import { exportPreset, PRESET_FORMATS, type PresetFormat } from '../shared/presets/index.ts';
import { suggestAudio, roundGains } from './analyze.ts';
import { silenceNote } from './analysis-note.ts';
import { parseAmount, parseArgs } from './args.ts';
import { decodeAudioFile, truncationWarning } from './decode-audio.ts';
import { UsageError } from './usage-error.ts';

export async function runPreset(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['format', 'amount'] });
  if (a.positional.length !== 1)
    throw new UsageError(`usage: eq preset FILE [--format ${PRESET_FORMATS.join('|')}] [--amount A]`);
  const format = (a.values.get('format') ?? 'json') as PresetFormat;
  if (!PRESET_FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${PRESET_FORMATS.join(', ')}, got '${format}'`);
  const amount = parseAmount(a.values.get('amount'));
  const file = a.positional[0]!;
  const audio = await decodeAudioFile(file);
  if (audio.truncation)
    process.stderr.write(
      truncationWarning('preset', file, audio.truncation, 'the suggestion is for the part that is there'),
    );
  const s = await suggestAudio(audio);
  const note = silenceNote(audio, s.loudFrames);
  if (note) process.stderr.write(`eq preset: ${file}: ${note}\n`);
  const gainsDb = scaleCommand(roundGains(s.gainsDb), amount);
  process.stdout.write(exportPreset(gainsDb, format, `Suggestion for ${basename(file)}`));
  return 0;
}
