/**
 * Reference tracks from the command line: each file decoded as `analyze` decodes a song (the shared
 * analysis signal), then measured into the balance profile the app stores. Errors name the file and say why
 * in one line (missing, unreadable, silent).
 */
import { basename } from 'node:path';
import { analysisSignal } from '../shared/model/analysis-signal.ts';
import { CONTRACT } from '../shared/model/index.ts';
import { SilentAudioError, createReferenceRecord, profileFromSignal } from '../shared/targets/index.ts';
import type { ReferenceRecord } from '../shared/targets/index.ts';
import { decodeAudioFile } from './decode-audio.ts';

/** A reference that cannot be used; the message is the one line to print. */
export class ReferenceError extends Error {}

export async function measureReference(path: string): Promise<ReferenceRecord> {
  const audio = await decodeAudioFile(path).catch((e: Error) => {
    const reason = e.message.startsWith(`${path}: `) ? e.message.slice(path.length + 2) : e.message;
    throw new ReferenceError(`reference ${path}: ${reason}`);
  });
  try {
    const { profile } = profileFromSignal(analysisSignal(audio.channels, audio.sampleRate));
    return createReferenceRecord(basename(path), profile, CONTRACT.version);
  } catch (e) {
    if (e instanceof SilentAudioError) throw new ReferenceError(`reference ${path}: ${e.message}`);
    throw e;
  }
}
