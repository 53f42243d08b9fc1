/**
 * The app's one session store, wired to the browser: decoding with Web Audio, the analysis worker, the
 * export path (EQ worklet offline, encoder worker) and downloads. The rules are in src/session/.
 */
import { AudioFileError, decodeFile, waveformPeaks } from '../audio/decode-file.ts';
import { copyChannels } from '../audio/copy-channels.ts';
import { exportAudio, type ExportFormat } from '../audio/export/index.ts';
import { readTags, type SongTags } from '../audio/read-tags.ts';
import { feedbackSession } from '../feedback/feedback-service.ts';
import { SessionStore, type ExportOutcome } from '../session/session-store.ts';
import type { AudioFacts } from '../session/song-session.ts';
import { LoudnessClient } from '../workers/loudness-client.ts';
import { analysisClient } from './analysis-service.ts';
import { downloadBlob } from './download.ts';
import { referenceLibrary } from './reference-service.ts';

/** A decoded song as the page holds it: the buffer that plays, the waveform's peaks and the file's tags. */
export interface LoadedAudio {
  buffer: AudioBuffer;
  peaks: Float32Array[];
  tags: SongTags | null;
}

const channelsText = (n: number) => (n === 1 ? 'mono' : `${n} channels`);

/** The export path of the app (single songs and batches): the file, its name, what was done to it. */
export async function render(
  audio: Pick<LoadedAudio, 'buffer'>,
  fileName: string,
  appliedDb: number[],
  format: ExportFormat,
  opts: { signal: AbortSignal; onProgress: (fraction: number) => void },
): Promise<ExportOutcome> {
  const { buffer } = audio;
  const result = await exportAudio(buffer, appliedDb, format, opts);
  const notes: string[] = [];
  // Said only when it is audible in the number shown (never "lowered by 0.0 dB").
  const loweredDb = Math.round(-result.gainDb * 10) / 10;
  if (loweredDb > 0) {
    notes.push(`The level was lowered by ${loweredDb.toFixed(1)} dB so it never clips (peaks at −1 dBTP).`);
  }
  if (result.sampleRate !== buffer.sampleRate || result.channelCount !== buffer.numberOfChannels) {
    notes.push(
      `MP3 cannot carry the original layout, so it was saved at ${result.sampleRate / 1000} kHz, ${channelsText(result.channelCount)}.`,
    );
  }
  return { blob: result.blob, fileName: result.fileName(fileName), notes };
}

/** Decodes a file at its own rate and says what it holds; rejects with a sentence for the user. */
export async function decodeSong(
  file: File,
  signal: AbortSignal,
): Promise<{ buffer: AudioBuffer; facts: AudioFacts }> {
  try {
    const d = await decodeFile(file, signal);
    const { buffer } = d;
    return {
      buffer,
      facts: {
        sampleRate: buffer.sampleRate,
        durationS: buffer.duration,
        channelCount: buffer.numberOfChannels,
        silent: d.peak === 0,
        warning: d.warning,
      },
    };
  } catch (e) {
    if (e instanceof AudioFileError || signal.aborted) throw e;
    throw new Error(`“${file.name}” could not be opened: ${(e as Error).message}`);
  }
}

export const newId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** Whole-song loudness of the song on screen, in its own worker (it holds a copy of the song's channels). */
const loudnessClient = new LoudnessClient();
/** The curve stays put this long before the equalised song is measured again. */
const LOUDNESS_SETTLE_MS = 500;

export const studio = new SessionStore<LoadedAudio, ExportFormat>({
  decode: async (file, signal) => {
    const [{ buffer, facts }, tags] = await Promise.all([decodeSong(file, signal), readTags(file)]);
    return { audio: { buffer, peaks: waveformPeaks(buffer), tags }, facts };
  },
  analyse: (audio, signal, onProgress) =>
    analysisClient.analyze(copyChannels(audio.buffer), audio.buffer.sampleRate, { signal, onProgress }),
  render,
  save: downloadBlob,
  feedback: feedbackSession,
  referenceProfiles: (ids) => referenceLibrary.profiles(ids),
  newId,
  now: () => Date.now(),
  clock: () => performance.now(),
  loudness: {
    measure: (audio, appliedDb, signal) =>
      loudnessClient.measure(
        audio.buffer,
        () => ({ channels: copyChannels(audio.buffer), sampleRate: audio.buffer.sampleRate }),
        appliedDb,
        signal,
      ),
    settleMs: LOUDNESS_SETTLE_MS,
  },
});

/** Opens a same-origin URL (the demo song) as if the user had opened the file. */
export async function openUrl(url: string, name: string): Promise<void> {
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    await studio.open(new File([await res.blob()], name));
  } catch (e) {
    studio.reportError(`The demo song could not be loaded: ${(e as Error).message}`);
  }
}
