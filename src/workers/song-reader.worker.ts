/**
 * The song-reading worker entry (module worker). The open-time scan (src/audio/decode/scan-api.ts) and the
 * whole-song loudness (loudness-api.ts) both read the song's file through the same decoders (mediabunny and
 * the WAV reader, most of the script's size), so one script serves both: the decoders are downloaded and
 * precached once instead of once per worker. Each client starts its own instance and calls only its half.
 */
import { expose } from 'comlink';
import { scanApi } from '../audio/decode/scan-api.ts';
import { loudnessApi } from './loudness-api.ts';

export const songReaderApi = { ...scanApi, ...loudnessApi };

expose(songReaderApi);
