/** What `eq --help` and `eq VERB --help` print (stdout, exit 0). Kept in one place so they agree. */
import { BAND_CENTERS_HZ, MAX_BAND_GAIN_DB } from '../shared/dsp/index.ts';
import { MAX_AMOUNT } from '../shared/dsp/eq-command.ts';

const BANDS = `${BAND_CENTERS_HZ[0]} Hz … ${BAND_CENTERS_HZ[BAND_CENTERS_HZ.length - 1]! / 1000} kHz`;
const LEVEL = `--target-lufs L  bring the output to L LUFS integrated (true-peak limiter where the peaks need it)
  --ceiling-dbtp C   the output's true peak stays at or below C dBTP (default -1); without a target the
                     level is kept and only lowered as far as C needs`;
const AMOUNT = `--amount A   scale the curve, 0 to ${MAX_AMOUNT} (1 = 100 %, the default)`;
const FORCE = '--force      overwrite an existing output file (never an input)';

export const OVERVIEW = `usage: npm run --silent eq -- VERB ...

  apply IN OUT (--gains g1,...,g10 | --preset FILE | --auto) [--amount A] [LEVEL] [--force]
  apply IN... --out-dir DIR (--auto | --gains ... | --preset FILE) [--amount A] [LEVEL] [--force]
  auto IN OUT [--amount A] [LEVEL] [--force]
  analyze FILE... [--reference REF]... [--style NAME] [--json]
  profile REF... --out FILE.json
  styles [--json]
  preset FILE [--format graphiceq|parametric|json] [--amount A]
  accuracy [--json] [--presets]

LEVEL is [--target-lufs L] [--ceiling-dbtp C]. Run 'eq VERB --help' for one verb. Bad input exits non-zero with a one-line reason on stderr.
`;

export const VERB_USAGE: Record<string, string> = {
  apply: `usage: eq apply IN OUT (--gains g1,...,g10 | --preset FILE | --auto) [--amount A] [LEVEL] [--force]
       eq apply IN... --out-dir DIR (--auto | --gains ... | --preset FILE) [--amount A] [LEVEL] [--force]

Equalises IN with the 10-band EQ (${BANDS}) and writes OUT in the format its extension names (.wav, .flac,
.mp3) at IN's sample rate and channel count, with IN's tags, its true peak at most the ceiling (what was
done to the level is said on stderr). Reads WAV, FLAC, MP3, Ogg, M4A and
anything else ffmpeg reads; a file cut short is equalised as far as it goes, with a warning.

  --gains g1,...,g10   ten band gains in dB, each within ±${MAX_BAND_GAIN_DB} (a value starting with '-' needs --gains=...)
  --preset FILE        a preset: EqualizerAPO/Wavelet GraphicEQ text, EqualizerAPO/Peace filters, or our JSON;
                       a curve at other frequencies is fitted to the bands and the fit's error said on stderr
  --auto               each file's own suggestion (as 'eq analyze' prints it)
  --out-dir DIR        take any number of inputs and write each to DIR/NAME.wav (DIR is created if needed);
                       a progress line per file on stderr, failing files reported and skipped, exit 1 if any failed
  ${AMOUNT}
  ${LEVEL}
  ${FORCE}
`,
  auto: `usage: eq auto IN OUT [--amount A] [LEVEL] [--force]

Analyses IN and applies its own suggestion in one step: the same as 'eq analyze IN' then
'eq apply IN OUT --gains ...' with the gains it printed. Output as for 'eq apply'.

  ${AMOUNT}
  ${LEVEL}
  ${FORCE}
`,
  analyze: `usage: eq analyze FILE... [--reference REF]... [--style NAME] [--json]

Prints the model's suggestion for each file (amount 100 %, no personalisation): ten gains in dB for the bands
${BANDS}. With --json, one object per line: file, bandsHz, gainsDb, and a note when the numbers alone would
mislead (a silent file, whose suggestion is flat; a file cut short). Notes are also said on stderr.

  --reference REF   instead, the correction that matches each file to the reference tracks' average
                    balance (repeat for several references; only their balance is measured)
  --style NAME      the correction toward a style target ('eq styles' lists them); with --reference, the
                    style and the references count equally. Each object then carries "target".
`,
  profile: `usage: eq profile REF... --out FILE.json

Measures each reference track's tonal balance and writes the balance profiles (never the audio) to FILE.json,
in the format the app imports. Writes nothing unless every reference could be measured; never overwrites a
reference.
`,
  styles: `usage: eq styles [--json]

Lists the style targets 'eq analyze --style' and the app accept (models/STYLES.md says how they were learned).
`,
  preset: `usage: eq preset FILE [--format graphiceq|parametric|json] [--amount A]

Prints the suggestion for the audio FILE as a preset for another equalizer, or for 'eq apply --preset':
  graphiceq    one 'GraphicEQ:' line of 127 points (EqualizerAPO, Wavelet, AutoEq's format)
  parametric   'Preamp:' and one 'Filter N: ON PK Fc ... Hz Gain ... dB Q ...' line per band (EqualizerAPO,
               Peace), tuned to sound like this engine at 48 kHz; the preamp cancels the highest boost
  json         our own preset file (the default)
  ${AMOUNT}
`,
  accuracy: `usage: eq accuracy [--json] [--presets]

Measures the EQ design's worst-case error against its command (docs/ENGINE.md). With --presets, measures
instead how faithfully presets for other equalizers carry a curve (round trips, parametric match).
`,
};
