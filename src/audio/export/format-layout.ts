/**
 * What each export format can carry, and how a source that does not fit is adapted before the level stage
 * (so the true-peak ceiling holds for what is encoded). WAV carries anything. FLAC (libFLAC as mediabunny
 * builds it): up to 8 channels at the common rates from 8 to 192 kHz. MP3: mp3-layout.ts. Opus: 48 kHz
 * (its native rate), one or two channels. AAC: 44.1 or 48 kHz, one or two channels. More channels than a
 * format takes are downmixed to stereo; other rates are resampled to the nearest rate it takes at or above
 * them (`resample.ts`). Pure.
 */
import { resampleChannel } from '../../shared/dsp/resample.ts';
import type { ExportFormatId } from './export-format.ts';
import { downmixToStereo, mp3SampleRate } from './mp3-layout.ts';

export const FLAC_SAMPLE_RATES = [
  8000, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000, 176400, 192000,
];
const FLAC_MAX_CHANNELS = 8;

/** The rate a file of `format` is written at for a source at `sampleRate`. */
export function formatSampleRate(format: ExportFormatId, sampleRate: number): number {
  switch (format) {
    case 'mp3':
      return mp3SampleRate(sampleRate);
    case 'opus':
      return 48000;
    case 'aac':
      return sampleRate <= 44100 && sampleRate % 11025 === 0 ? 44100 : 48000;
    case 'flac16':
    case 'flac24':
      return FLAC_SAMPLE_RATES.find((r) => r >= sampleRate) ?? 192000;
    default:
      return sampleRate;
  }
}

/** The most channels `format` is written with (more are downmixed to stereo). */
export function formatMaxChannels(format: ExportFormatId): number {
  if (format === 'mp3' || format === 'opus' || format === 'aac') return 2;
  if (format === 'flac16' || format === 'flac24') return FLAC_MAX_CHANNELS;
  return Infinity;
}

/** The channels an encoder of `format` is given for a source, and their rate (the input when it fits). */
export function adaptForFormat(
  format: ExportFormatId,
  channels: Float32Array[],
  sampleRate: number,
): { channels: Float32Array[]; sampleRate: number } {
  const mixed = channels.length > formatMaxChannels(format) ? downmixToStereo(channels) : channels;
  const rate = formatSampleRate(format, sampleRate);
  if (rate === sampleRate) return { channels: mixed, sampleRate };
  return { channels: mixed.map((c) => resampleChannel(c, sampleRate, rate)), sampleRate: rate };
}
