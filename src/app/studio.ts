/**
 * The app's one session store, wired to the browser: opening files (the streaming scan, src/audio/decode),
 * the analysis worker, the export worker and downloads. The rules are in src/session/.
 */
import { AudioFileError } from '../audio/decode-file.ts';
import { openSong, type OpenedSong } from '../audio/decode/open-song.ts';
import {
  EXPORT_FORMAT_INFO,
  exportFile,
  prepareExportWorker,
  type ExportChoice,
} from '../audio/export/index.ts';
import { readTags, type SongTags } from '../audio/read-tags.ts';
import { feedbackSession } from '../feedback/feedback-service.ts';
import { isAbortError } from '../shared/cancel.ts';
import { SessionStore, type ExportOutcome } from '../session/session-store.ts';
import type { AudioFacts } from '../session/song-session.ts';
import { LoudnessClient } from '../workers/loudness-client.ts';
import { analysisClient } from './analysis-service.ts';
import { downloadBlob } from './download.ts';
import { referenceLibrary } from './reference-service.ts';

/**
 * A song as the page holds it: the file it plays and exports from, its layout, waveform, loudness profile
 * and features, and its tags (for the Media Session); never its decoded samples.
 */
export type LoadedAudio = OpenedSong & { tags: SongTags | null };

const channelsText = (n: number) => (n === 1 ? 'mono' : `${n} channels`);

/** What an export reads of a song: its file and layout (the song on screen, or a file of a batch). */
export type ExportableSong = Pick<OpenedSong, 'source' | 'sampleRate' | 'channelCount'>;

/**
 * The export path of the app (single songs and batches, export-pipeline.ts): the file, its name, and what
 * was done to it in sentences for the user.
 */
export async function render(
  audio: ExportableSong,
  fileName: string,
  appliedDb: number[],
  choice: ExportChoice,
  opts: { signal: AbortSignal; onProgress: (fraction: number) => void },
): Promise<ExportOutcome> {
  const { format, delivery } = choice;
  const result = await exportFile(audio.source, appliedDb, format, { ...opts, delivery });
  const notes: string[] = [];
  // The level report's sentence, unless nothing visible was done (never "lowered 0.0 dB").
  const { level } = result;
  if (level.description !== 'level unchanged') notes.push(`Level: ${level.description}.`);
  if (result.sampleRate !== audio.sampleRate || result.channelCount !== audio.channelCount) {
    notes.push(
      `${EXPORT_FORMAT_INFO[format].label} cannot carry the original layout, so it was saved at ${result.sampleRate / 1000} kHz, ${channelsText(result.channelCount)}.`,
    );
  }
  return { blob: result.blob, fileName: result.fileName(fileName), notes };
}

/** Opens a file for the app (the streaming scan) and says what it holds; rejects with a sentence for the user. */
export async function openForApp(
  file: File,
  signal: AbortSignal,
  onProgress?: (fraction: number) => void,
): Promise<{ song: OpenedSong; facts: AudioFacts }> {
  try {
    const song = await openSong(file, { signal, onProgress });
    // An opened song is one the user may export: its worker starts now, not when Export is pressed.
    prepareExportWorker();
    return {
      song,
      facts: {
        sampleRate: song.sampleRate,
        durationS: song.durationS,
        channelCount: song.channelCount,
        silent: song.peak === 0,
        warning: song.warning,
      },
    };
  } catch (e) {
    if (e instanceof AudioFileError || signal.aborted || isAbortError(e)) throw e;
    throw new Error(`“${file.name}” could not be opened: ${(e as Error).message}`);
  }
}

export const newId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** Whole-song loudness of the song on screen, in its own worker (reading the song's file). */
const loudnessClient = new LoudnessClient();
/** The curve stays put this long before the equalised song is measured again. */
const LOUDNESS_SETTLE_MS = 500;

export const studio = new SessionStore<LoadedAudio, ExportChoice>({
  decode: async (file, signal, onProgress) => {
    const [{ song, facts }, tags] = await Promise.all([openForApp(file, signal, onProgress), readTags(file)]);
    return { audio: { ...song, tags }, facts };
  },
  analyse: (audio, signal, onProgress) =>
    analysisClient.analyzeFeatures(audio.features, audio.durationS, { signal, onProgress }),
  render,
  save: downloadBlob,
  feedback: feedbackSession,
  referenceProfiles: (ids) => referenceLibrary.profiles(ids),
  newId,
  now: () => Date.now(),
  clock: () => performance.now(),
  loudness: {
    measure: (audio, appliedDb, signal) => loudnessClient.measure(audio.source, appliedDb, signal),
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
