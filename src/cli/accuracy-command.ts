/**
 * `eq accuracy [--json]`: the worst distance between the realised response and the command at the 19 design
 * points, over seeded random (uniform ±12 dB) and extreme (±12 dB patterns) commands, per sample rate. This
 * is the figure docs/ENGINE.md states; the unit tests enforce the 0.5 dB bound on their own sample.
 */
import { designGraphicEq } from '../shared/dsp/index.ts';
import { testCommands } from '../shared/dsp/test-helpers.ts';
import { presetAccuracy } from './preset-accuracy.ts';
import { UsageError } from './usage-error.ts';

const RATES = [44100, 48000, 96000];
const COMMANDS = 3000;

export function runAccuracy(argv: string[]): number {
  const json = argv.includes('--json');
  const extra = argv.filter((a) => a !== '--json' && a !== '--presets');
  if (extra.length) throw new UsageError(`unknown argument ${extra[0]}`);
  if (argv.includes('--presets')) {
    for (const row of presetAccuracy()) process.stdout.write(`${JSON.stringify(row, null, json ? 0 : 1)}\n`);
    return 0;
  }
  const rows = RATES.map((sampleRate) => {
    let worst = 0;
    const start = performance.now();
    const commands = testCommands(COMMANDS, 12345);
    for (const c of commands) worst = Math.max(worst, designGraphicEq(c, sampleRate).worstErrorDb);
    return {
      sampleRate,
      commands: commands.length,
      worstErrorDb: worst,
      msPerDesign: (performance.now() - start) / commands.length,
    };
  });
  for (const r of rows) {
    process.stdout.write(
      json
        ? `${JSON.stringify(r)}\n`
        : `${r.sampleRate} Hz: worst ${r.worstErrorDb.toFixed(3)} dB over ${r.commands} commands, ${r.msPerDesign.toFixed(2)} ms per design\n`,
    );
  }
  return 0;
}
