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
import { newId, openForApp, render, studio, type ExportableSong } from '../studio.ts';
import type { Features } from '../../shared/features/index.ts';
import { saveZip } from './save-zip.ts';

let client: AnalysisClient | null = null;
const batchAnalysis = () => (client ??= new AnalysisClient());

/** A file of the batch as it is held: its layout and the model's features, never its samples. */
type BatchSong = ExportableSong & { features: Features };

export const batch = new BatchStore<BatchSong, ExportChoice>({
  // The same streaming scan as the song on screen: one pass gives the layout and the features.
  decode: async (file, signal) => {
    const { song, facts } = await openForApp(file, signal);
    const { source, sampleRate, channelCount, features } = song;
    return { audio: { source, sampleRate, channelCount, features }, facts };
  },
  analyse: (audio, signal, onProgress) =>
    batchAnalysis().analyzeFeatures(audio.features, { signal, onProgress }),
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
