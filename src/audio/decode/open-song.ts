/**
 * Opening a file, as the page does it: the streaming scan in a worker (src/audio/decode/scan-api.ts), or,
 * for a file only decodeAudioData reads in this browser, a whole decode turned into a WAV file that is then
 * scanned the same way. What comes back is what the app keeps of a song: the file it plays and exports
 * from, its layout, the waveform, the loudness profile and the model's features, never its samples.
 * Every way this can go wrong becomes a sentence the user can act on (AudioFileError).
 */
import type { Features } from '../../shared/features/index.ts';
import type { LoudnessProfile } from '../../shared/loudness/loudness-match.ts';
import { AudioFileError, asWavFile, decodeFile } from '../decode-file.ts';
import { formatDuration } from '../../shared/audio-header/truncation.ts';
import { scanInWorker, type ScanOutcome } from './scan-client.ts';

export interface OpenedSong {
  /** What plays and what exports read: the user's file, or a WAV of it when only decodeAudioData reads it. */
  source: Blob;
  sampleRate: number;
  channelCount: number;
  frames: number;
  durationS: number;
  /** Largest absolute sample: 0 for a silent song. */
  peak: number;
  peaks: Float32Array[];
  loudness: LoudnessProfile;
  features: Features;
  /** Something to know although the file opened (silent, cut short, damaged part way). */
  warning: string | null;
}

/** Shorter than this is not a song: nothing to hear or analyse. */
const MIN_SECONDS = 0.05;

type Scanned = Extract<ScanOutcome, { kind: 'scanned' }>;

function warningFor(name: string, s: Scanned): string | null {
  if (s.peak === 0) return `“${name}” is silent: there is nothing to hear or equalise in it.`;
  const f = s.shortfall;
  if (!f) return null;
  if (f.damaged)
    return `“${name}” is damaged after ${formatDuration(f.presentS)}: it stops decoding there, so only the part before it is open.`;
  return `“${name}” is cut short (${f.reason}): playing the part that is there.`;
}

/** Opens a file for the app; rejects with an AudioFileError (or an AbortError when cancelled). */
export async function openSong(
  file: File,
  opts: { signal: AbortSignal; onProgress?: (fraction: number) => void },
): Promise<OpenedSong> {
  const { signal, onProgress } = opts;
  if (file.size === 0) throw new AudioFileError(`“${file.name}” is empty.`);
  let source: Blob = file;
  let outcome = await scan(file, file.name, signal, onProgress);
  if (outcome.kind === 'unsupported') {
    // Only the browser's whole-file decoder reads it: decode it once, keep it as a WAV file, scan that.
    const whole = await decodeFile(file, signal);
    source = asWavFile(whole.buffer, file.name);
    outcome = await scan(source, file.name, signal, onProgress);
    if (outcome.kind === 'unsupported') throw unreadable(file.name);
  }
  const durationS = outcome.frames / outcome.sampleRate;
  if (durationS < MIN_SECONDS) throw new AudioFileError(`“${file.name}” contains no audio.`);
  return {
    source,
    sampleRate: outcome.sampleRate,
    channelCount: outcome.channelCount,
    frames: outcome.frames,
    durationS,
    peak: outcome.peak,
    peaks: outcome.peaks,
    loudness: outcome.loudness,
    features: outcome.features,
    warning: warningFor(file.name, outcome),
  };
}

const unreadable = (name: string) =>
  new AudioFileError(
    `“${name}” could not be read as audio. It may not be an audio file, or it may be damaged or cut short.`,
  );

async function scan(
  file: Blob,
  name: string,
  signal: AbortSignal,
  onProgress?: (fraction: number) => void,
): Promise<ScanOutcome> {
  try {
    return await scanInWorker(file, name, { signal, onProgress });
  } catch (e) {
    if (signal.aborted) throw e;
    if ((e as Error).name === 'ScanRefusal') throw new AudioFileError((e as Error).message);
    if ((e as Error).name === 'NotReadableError')
      throw new AudioFileError(
        `“${name}” could not be read: it was moved, changed or deleted while opening.`,
      );
    throw new AudioFileError(`“${name}” could not be opened: ${(e as Error).message}`);
  }
}
