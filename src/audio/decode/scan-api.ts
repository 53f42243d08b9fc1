/**
 * The open-time pass over a song, in its own worker (one per file opened, terminated when the opening is
 * cancelled or a newer file wins): the song is decoded a piece at a time and each piece goes through the
 * shared SongScan (length, peak, waveform, loudness profile, the model's features) and is dropped. What
 * comes back is small: an hour of stereo costs about 12 MB of features, not 1.3 GB of samples. The API
 * object crosses to the page as `typeof scanApi` (comlink).
 */
import { transfer } from 'comlink';
import { detectTruncation } from '../../shared/audio-header/truncation.ts';
import { SongScan, type SongScanResult } from '../../shared/scan/song-scan.ts';
import { openAudioStream } from './audio-stream.ts';
import { maxFrames, tooLongMessage } from './limits.ts';

/** How the file falls short: cut short (src/shared/audio-header/truncation.ts), or damaged part way. */
export interface Shortfall {
  /** Why it is cut short ("its header promises 4:00 but it holds 1:35"), or null when it is damaged. */
  reason: string | null;
  /** Seconds decoded. */
  presentS: number;
  /** The decoder stopped on damaged data (rather than at the end of the bytes). */
  damaged: boolean;
}

export type ScanOutcome =
  ({ kind: 'scanned'; shortfall: Shortfall | null } & SongScanResult) | { kind: 'unsupported' };

/** A reason meant for the user (the page shows the message as it is). */
export class ScanRefusal extends Error {
  override name = 'ScanRefusal';
}

/**
 * Files up to this size are read whole (in this worker, after decoding) for the cut-short check, which
 * then also walks their frames or pages; longer ones give it their first bytes and their size.
 */
const WHOLE_CHECK_BYTES = 128 << 20;
const HEAD_CHECK_BYTES = 4 << 20;

async function cutShort(file: Blob, presentS: number): Promise<string | null> {
  const whole = file.size <= WHOLE_CHECK_BYTES;
  const bytes = new Uint8Array(await file.slice(0, whole ? file.size : HEAD_CHECK_BYTES).arrayBuffer());
  return detectTruncation(bytes, presentS, file.size)?.reason ?? null;
}

/** Without a stated length, frames are placed for a 4-minute song (progress is then unknown). */
const FALLBACK_EXPECTED_S = 240;

const PROGRESS_INTERVAL_MS = 100;

export const scanApi = {
  async scan(file: Blob, fileName: string, onProgress?: (fraction: number) => void): Promise<ScanOutcome> {
    const stream = await openAudioStream(file).catch((e: unknown) => {
      throw new ScanRefusal(`“${fileName}” could not be read as audio: ${(e as Error).message}.`);
    });
    if (!stream) return { kind: 'unsupported' };
    const { sampleRate, channelCount } = stream;
    const limit = maxFrames(channelCount);
    if ((stream.expectedFrames ?? 0) > limit) {
      stream.close();
      throw new ScanRefusal(
        tooLongMessage(fileName, sampleRate, channelCount, stream.expectedFrames! / sampleRate),
      );
    }
    const scan = new SongScan(
      sampleRate,
      channelCount,
      stream.expectedFrames ?? FALLBACK_EXPECTED_S * sampleRate,
    );
    let frames = 0;
    let damaged = false;
    let last = 0;
    const progress = (f: number) => {
      const now = performance.now();
      if (f < 1 && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      void onProgress?.(f);
    };
    try {
      for await (const piece of stream.pieces(progress)) {
        frames += piece.n;
        if (frames > limit) throw new ScanRefusal(tooLongMessage(fileName, sampleRate, channelCount));
        scan.push(piece.channels, piece.n);
      }
    } catch (e) {
      if (e instanceof ScanRefusal) throw e;
      // Nothing decoded: let decodeAudioData try. Something decoded: open that part and say where it stopped.
      if (frames === 0) return { kind: 'unsupported' };
      damaged = true;
    } finally {
      stream.close();
    }
    const result = scan.finish();
    const presentS = frames / sampleRate;
    // A decoder may stop with an error on the last, partial unit of a file cut short (an Ogg page): that
    // is the cut, not damage inside the file.
    const reason = await cutShort(file, presentS);
    const shortfall: Shortfall | null = reason
      ? { reason, presentS, damaged: false }
      : damaged
        ? { reason: null, presentS, damaged }
        : null;
    const outcome: ScanOutcome = { kind: 'scanned', shortfall, ...result };
    const { features, peaks } = result;
    return transfer(outcome, [
      features.bandsDb.buffer as ArrayBuffer,
      features.temporal.buffer as ArrayBuffer,
      ...peaks.map((p) => p.buffer as ArrayBuffer),
    ]);
  },
};

export type ScanApi = typeof scanApi;
