/**
 * Which export formats this browser can write. WAV, FLAC and MP3 are encoded by our own code everywhere;
 * Opus and AAC only where WebCodecs offers an encoder for the song's layout (Chromium on Linux has Opus but
 * no AAC encoder, for instance), so the UI lists them only when this says so. Main thread or worker.
 */
import { ALL_EXPORT_FORMATS, EXPORT_FORMAT_INFO, type ExportFormatId } from './export-format.ts';
import { formatMaxChannels, formatSampleRate } from './format-layout.ts';

const CODEC_STRING: Partial<Record<ExportFormatId, string>> = { opus: 'opus', aac: 'mp4a.40.2' };

/** Whether WebCodecs can encode `format` for a source of this layout (after the format's own adaptation). */
async function webCodecsCanEncode(
  format: ExportFormatId,
  sampleRate: number,
  channels: number,
): Promise<boolean> {
  const encoder = (globalThis as { AudioEncoder?: typeof AudioEncoder }).AudioEncoder;
  const codec = CODEC_STRING[format];
  if (!encoder || !codec) return false;
  try {
    const r = await encoder.isConfigSupported({
      codec,
      sampleRate: formatSampleRate(format, sampleRate),
      numberOfChannels: Math.min(channels, formatMaxChannels(format)),
      bitrate: 160_000,
    });
    return r.supported === true;
  } catch {
    return false;
  }
}

/** The formats an export of a song with this layout can be written in, in menu order. */
export async function availableExportFormats(sampleRate = 48000, channels = 2): Promise<ExportFormatId[]> {
  const ok = await Promise.all(
    ALL_EXPORT_FORMATS.map((f) =>
      EXPORT_FORMAT_INFO[f].webCodecs ? webCodecsCanEncode(f, sampleRate, channels) : Promise.resolve(true),
    ),
  );
  return ALL_EXPORT_FORMATS.filter((_, i) => ok[i]);
}
