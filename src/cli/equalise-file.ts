/** Decode → curve → EQ → output stage: the path `apply`, `apply --out-dir` and `auto` share. */
import { applyEq, scaleCommand } from '../shared/dsp/index.ts';
import { decodeAudioFile, truncationWarning, type DecodedAudio } from './decode-audio.ts';
import { writeOutput } from './output-stage.ts';

/** Decodes, equalises with `gainsDb` scaled by `amount`, and writes; the one path every verb shares. */
export async function equaliseFile(
  verb: string,
  input: string,
  output: string,
  force: boolean,
  gainsFor: (audio: DecodedAudio) => Promise<number[]>,
  amount: number,
): Promise<void> {
  const audio = await decodeAudioFile(input);
  if (audio.truncation)
    process.stderr.write(
      truncationWarning(verb, input, audio.truncation, 'equalising the part that is there'),
    );
  const gainsDb = await gainsFor(audio);
  const equalised = applyEq(audio.channels, audio.sampleRate, scaleCommand(gainsDb, amount));
  await writeOutput(equalised, audio, { verb, path: output, force });
}
