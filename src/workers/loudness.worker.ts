/** Loudness worker entry: exposes loudnessApi over comlink. The logic is in loudness-api.ts. */
import { expose } from 'comlink';
import { loudnessApi } from './loudness-api.ts';

expose(loudnessApi);
