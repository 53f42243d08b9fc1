/**
 * The app's one reference library: profiles kept in IndexedDB, measured on this device (the file decoded
 * here, its balance measured in the analysis worker; the audio is never kept). Changes re-aim the song on
 * screen through the session store.
 */
import { AudioFileError, decodeFile } from '../audio/decode-file.ts';
import { copyChannels } from '../audio/copy-channels.ts';
import { ReferenceLibrary } from '../references/reference-library.ts';
import { CONTRACT } from '../shared/model/contract.ts';
import { ReferenceStore } from '../storage/reference-store.ts';
import { analysisClient } from './analysis-service.ts';

export const referenceLibrary = new ReferenceLibrary({
  openStore: () => ReferenceStore.open(),
  measure: async (file) => {
    try {
      const { buffer } = await decodeFile(file);
      return await analysisClient.measureReference(copyChannels(buffer), buffer.sampleRate);
    } catch (e) {
      // Decoding errors already speak to the user; the worker's are stripped of their plumbing.
      if (e instanceof AudioFileError) throw e;
      throw new Error((e as Error).message.replace(/^Error: /, ''));
    }
  },
  contractVersion: CONTRACT.version,
  now: () => Date.now(),
});
