/**
 * The app's one batch, wired to the browser: the same decoding and export path as the song on screen
 * (studio.ts), its own analysis worker (started with the first batch, so cancelling a batch never stops the
 * song on screen's analysis, and the other way round), the zip writer and the session store to show a file.
 */
import type { ExportChoice } from '../../audio/export/index.ts';
import { BatchStore } from '../../batch/batch-store.ts';
import { feedbackSession } from '../../feedback/feedback-service.ts';
import { sameCommand, toCommand } from '../../shared/dsp/eq-command.ts';
import { appliedCurve } from '../../session/song-session.ts';
import { AnalysisClient } from '../../workers/analysis-client.ts';
import { openAudioStream } from '../../audio/decode/audio-stream.ts';
import { newId, openForApp, render, studio, type ExportableSong } from '../studio.ts';
import type { Features } from '../../shared/features/index.ts';
import { saveZip } from './save-zip.ts';

let client: AnalysisClient | null = null;
const batchAnalysis = () => (client ??= new AnalysisClient());

/** A file of the batch as it is held: its layout and (once opened for analysis) the model's features. */
type BatchSong = ExportableSong & { features: Features | null; durationS: number };

/** The same streaming scan as the song on screen: one pass gives the layout and the features. */
async function openFile(file: File, signal: AbortSignal) {
  const { song, facts } = await openForApp(file, signal);
  const { source, sampleRate, channelCount, features, durationS } = song;
  return { audio: { source, sampleRate, channelCount, features, durationS } as BatchSong, facts };
}

export const batch = new BatchStore<BatchSong, ExportChoice>({
  decode: openFile,
  // The export reads the file itself (export-pipeline.ts): only its layout is needed here, from its header
  // (a file only decodeAudioData reads is opened in full, and exported from the WAV made of it).
  openForExport: async (file, signal) => {
    const stream = await openAudioStream(file);
    if (!stream) return openFile(file, signal);
    stream.close();
    const { sampleRate, channelCount, expectedFrames } = stream;
    const durationS = (expectedFrames ?? 0) / sampleRate;
    const facts = { sampleRate, channelCount, durationS, silent: false, warning: null };
    return { audio: { source: file, sampleRate, channelCount, features: null, durationS }, facts };
  },
  analyse: (audio, signal, onProgress) => {
    if (!audio.features) throw new Error('the file was not analysed');
    return batchAnalysis().analyzeFeatures(audio.features, audio.durationS, { signal, onProgress });
  },
  suggest: (result, id) => feedbackSession.suggest(result, id),
  render,
  saveZip,
  show: async (file) => {
    await studio.open(file);
    return studio.getSnapshot().song?.fileName === file.name && studio.getSnapshot().error === null;
  },
  newId,
});

/** The zip's name: "Sonic EQ – 12 files.zip". */
export const batchZipName = (count: number): string =>
  `Sonic EQ – ${count} file${count === 1 ? '' : 's'}.zip`;

/**
 * The song on screen and the batch follow each other: a file of the batch stays current while it is on
 * screen (another file opened elsewhere ends that), and a curve the user makes for it (an edit, or an
 * amount other than 100 %) is the curve the batch exports it with.
 */
studio.subscribe(() => {
  const { song } = studio.getSnapshot();
  const b = batch.getSnapshot();
  const item = b.items.find((i) => i.id === b.currentId);
  if (!item || !song) return;
  if (song.fileName !== item.fileName) {
    batch.setCurrent(null);
    return;
  }
  const edited = song.touched || song.amount !== 1 ? toCommand(appliedCurve(song)) : null;
  const same = edited && item.editedDb ? sameCommand(edited, item.editedDb) : edited === item.editedDb;
  if (!same) batch.setEdited(item.id, edited);
});
