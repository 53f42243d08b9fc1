/**
 * The audio files the app opens, in one place: the file picker's `accept`, the web manifest's file handlers
 * and share target (vite.config.ts), and the filter applied to a dropped folder all read this list. These are
 * the containers and codecs the browser's decoder (decodeAudioData) reads on every platform we support; a
 * file of another kind can still be opened and is then refused with a message if it does not decode.
 */

/** MIME type → file extensions, as the manifest's `file_handlers[].accept` wants them. */
export const AUDIO_FILE_TYPES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'audio/mpeg': ['.mp3'],
  'audio/wav': ['.wav'],
  'audio/x-wav': ['.wav'],
  'audio/flac': ['.flac'],
  'audio/ogg': ['.ogg', '.oga'],
  'audio/opus': ['.opus'],
  'audio/mp4': ['.m4a'],
  'audio/aac': ['.aac'],
  'audio/webm': ['.webm'],
});

/** Every extension above, lower case with the dot. */
export const AUDIO_EXTENSIONS: readonly string[] = Object.freeze([
  ...new Set(Object.values(AUDIO_FILE_TYPES).flat()),
]);

/** For `<input type="file" accept>` and the share target: any audio type, plus the extensions. */
export const AUDIO_ACCEPT: readonly string[] = Object.freeze(['audio/*', ...AUDIO_EXTENSIONS]);

/** Whether a file looks like audio by its type or its name (a dropped folder holds covers, playlists…). */
export function looksLikeAudio(file: { name: string; type: string }): boolean {
  if (file.type.startsWith('audio/')) return true;
  const dot = file.name.lastIndexOf('.');
  return dot >= 0 && AUDIO_EXTENSIONS.includes(file.name.slice(dot).toLowerCase());
}
