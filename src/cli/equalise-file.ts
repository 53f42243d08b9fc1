/** Decode → curve → EQ → output stage: the path `apply`, `apply --out-dir` and `auto` share. */
import { applyEqInPlace, scaleCommand } from '../shared/dsp/index.ts';
import type { DeliveryTarget } from '../shared/loudness/delivery.ts';
import { decodeAudioFile, truncationWarning, type DecodedAudio } from './decode-audio.ts';
import { writeOutput } from './output-stage.ts';

export interface EqualiseJob {
  /** For messages: "apply", "auto". */
  verb: string;
  input: string;
  output: string;
  force: boolean;
  /** The curve (dB at 100 %) for the decoded file: given, from a preset, or its own suggestion. */
  gainsFor(audio: DecodedAudio): Promise<number[]>;
  amount: number;
  delivery: DeliveryTarget;
}

/** Decodes, equalises in place (no second copy of a long file), levels, encodes and writes. */
export async function equaliseFile(job: EqualiseJob): Promise<void> {
  const audio = await decodeAudioFile(job.input);
  if (audio.truncation)
    process.stderr.write(
      truncationWarning(job.verb, job.input, audio.truncation, 'equalising the part that is there'),
    );
  const gainsDb = await job.gainsFor(audio);
  const equalised = applyEqInPlace(audio.channels, audio.sampleRate, scaleCommand(gainsDb, job.amount));
  await writeOutput(equalised, audio, {
    verb: job.verb,
    inputPath: job.input,
    path: job.output,
    force: job.force,
    delivery: job.delivery,
  });
}
