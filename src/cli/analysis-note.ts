/**
 * What a user must know to read an analysis: a silent or near-silent file gets a flat suggestion (zeros that
 * mean "nothing to correct", not "perfectly balanced"), and a file cut short was judged on the part that is
 * there. One sentence, given in analyze's JSON as `note` and on stderr.
 */
import { CONTRACT } from '../shared/model/index.ts';
import type { DecodedAudio } from './decode-audio.ts';

function peakOf(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const ch of channels) for (let i = 0; i < ch.length; i++) peak = Math.max(peak, Math.abs(ch[i]!));
  return peak;
}

/** Why a suggestion is flat, when it is for want of sound (`loudFrames`: frames above the silence threshold). */
export function silenceNote(audio: DecodedAudio, loudFrames: number): string | undefined {
  if (loudFrames > 0) return undefined;
  return peakOf(audio.channels) === 0
    ? 'the file is silent: there is nothing to equalise, so the suggestion is flat'
    : `the file is too quiet to analyse (no part reaches ${CONTRACT.input.silentFrameRmsDb} dB RMS), so the suggestion is flat`;
}

/** Everything a reader of an analysis must know, or undefined when all is ordinary. */
export function analysisNote(audio: DecodedAudio, loudFrames: number): string | undefined {
  const notes: string[] = [];
  const silence = silenceNote(audio, loudFrames);
  if (silence) notes.push(silence);
  if (audio.truncation) {
    notes.push(
      `the file is cut short (${audio.truncation.reason}): the suggestion is for the part that is there`,
    );
  }
  return notes.length > 0 ? notes.join('; ') : undefined;
}
