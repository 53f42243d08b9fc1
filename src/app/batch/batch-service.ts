/**
 * The app's one batch, wired to the browser: the same decoding and export path as the song on screen
 * (studio.ts), its own analysis worker (started with the first batch, so cancelling a batch never stops the
 * song on screen's analysis, and the other way round), the zip writer and the session store to show a file.
 */
import type { ExportFormat } from '../../audio/export/index.ts';
import { copyChannels } from '../../audio/copy-channels.ts';
import { BatchStore } from '../../batch/batch-store.ts';
import { feedbackSession } from '../../feedback/feedback-service.ts';
import { sameCommand, toCommand } from '../../shared/dsp/eq-command.ts';
import { appliedCurve } from '../../session/song-session.ts';
import { AnalysisClient } from '../../workers/analysis-client.ts';
import { decodeSong, newId, render, studio } from '../studio.ts';
import { saveZip } from './save-zip.ts';

let client: AnalysisClient | null = null;
const batchAnalysis = () => (client ??= new AnalysisClient());

export const batch = new BatchStore<{ buffer: AudioBuffer }, ExportFormat>({
  decode: async (file, signal) => {
    const { buffer, facts } = await decodeSong(file, signal);
    return { audio: { buffer }, facts };
  },
  analyse: (audio, signal, onProgress) =>
    batchAnalysis().analyze(copyChannels(audio.buffer), audio.buffer.sampleRate, { signal, onProgress }),
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
