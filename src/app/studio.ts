/**
 * The app's one session store, wired to the browser: opening files (the streaming scan, src/audio/decode),
 * the analysis worker, the export worker and downloads. The rules are in src/session/.
 */
import { AudioFileError } from '../audio/decode-file.ts';
import { openSong, type OpenedSong } from '../audio/decode/open-song.ts';
import { exportFile, type ExportFormat } from '../audio/export/index.ts';
import { feedbackSession } from '../feedback/feedback-service.ts';
import { isAbortError } from '../shared/cancel.ts';
import { SessionStore, type ExportOutcome } from '../session/session-store.ts';
import { analysisClient } from './analysis-service.ts';
import { downloadBlob } from './download.ts';

/**
 * A song as the page holds it: the file it plays and exports from, its layout, waveform, loudness profile
 * and features; never its decoded samples.
 */
export type LoadedAudio = OpenedSong;

const channelsText = (n: number) => (n === 1 ? 'mono' : `${n} channels`);

async function render(
  audio: LoadedAudio,
  fileName: string,
  appliedDb: number[],
  format: ExportFormat,
  opts: { signal: AbortSignal; onProgress: (fraction: number) => void },
): Promise<ExportOutcome> {
  const result = await exportFile(audio.source, appliedDb, format, opts);
  const notes: string[] = [];
  // Said only when it is audible in the number shown (never "lowered by 0.0 dB").
  const loweredDb = Math.round(-result.gainDb * 10) / 10;
  if (loweredDb > 0) {
    notes.push(`The level was lowered by ${loweredDb.toFixed(1)} dB so it never clips (peaks at −1 dBTP).`);
  }
  if (result.sampleRate !== audio.sampleRate || result.channelCount !== audio.channelCount) {
    notes.push(
      `MP3 cannot carry the original layout, so it was saved at ${result.sampleRate / 1000} kHz, ${channelsText(result.channelCount)}.`,
    );
  }
  return { blob: result.blob, fileName: result.fileName(fileName), notes };
}

export const studio = new SessionStore<LoadedAudio, ExportFormat>({
  decode: async (file, signal, onProgress) => {
    try {
      const song = await openSong(file, { signal, onProgress });
      return {
        audio: song,
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
  },
  analyse: (audio, signal, onProgress) =>
    analysisClient.analyzeFeatures(audio.features, { signal, onProgress }),
  render,
  save: downloadBlob,
  feedback: feedbackSession,
  newId: () =>
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
  now: () => Date.now(),
  clock: () => performance.now(),
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
