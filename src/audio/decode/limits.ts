/**
 * The one limit on what the app opens, and the sentences that state it. A song is decoded as it streams
 * (never held whole), so memory does not set the limit; what the app writes does: every song it opens
 * can be exported in every format, and the largest, 32-bit float WAV, cannot pass the WAV format's 4 GB.
 * That is about 3.1 hours of 48 kHz stereo (3.4 hours at 44.1 kHz, 6.2 hours of mono, 1.5 hours at
 * 96 kHz): a live set fits. docs/APP.md and the start panel say the same.
 */

/** Bytes of 32-bit float audio a WAV file can carry (its sizes are 32-bit; 44 bytes of header). */
export const MAX_AUDIO_BYTES = 0xffffffff - 44;

/** The longest song (seconds) the app opens at a rate and channel count. */
export function maxDurationS(sampleRate: number, channelCount: number): number {
  return MAX_AUDIO_BYTES / (sampleRate * channelCount * 4);
}

/** Frames of that longest song (per channel). */
export function maxFrames(channelCount: number): number {
  return Math.floor(MAX_AUDIO_BYTES / (channelCount * 4));
}

const hours = (s: number) => `${(s / 3600).toFixed(1)} hours`;
const layout = (rate: number, channels: number) =>
  `${rate % 1000 === 0 ? rate / 1000 : (rate / 1000).toFixed(1)} kHz ${channels === 1 ? 'mono' : channels === 2 ? 'stereo' : `${channels}-channel`}`;

/** What the start panel says (48 kHz stereo, the common case). */
export const LIMIT_TEXT = `Songs up to ${hours(maxDurationS(48000, 2))} of 48 kHz stereo (4 GB of audio) open.`;

/** The refusal of a song over the limit, with what to do instead. */
export function tooLongMessage(
  fileName: string,
  sampleRate: number,
  channelCount: number,
  seconds?: number,
): string {
  const what = seconds
    ? `${hours(seconds)} of ${layout(sampleRate, channelCount)}`
    : layout(sampleRate, channelCount);
  return (
    `“${fileName}” is too long to open safely here (${what}): Sonic AI EQ opens up to ` +
    `${hours(maxDurationS(sampleRate, channelCount))} at this rate and layout, so that it can always export it ` +
    `(4 GB as 32-bit float WAV). Split the recording into parts (Audacity or ffmpeg can), or convert it to a ` +
    `lower sample rate, and open each part.`
  );
}
