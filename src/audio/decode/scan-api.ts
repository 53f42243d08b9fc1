/**
 * The open-time pass over a song, in its own worker (one per file opened, terminated when the opening is
 * cancelled or a newer file wins): the song is decoded a piece at a time and each piece goes through the
 * shared SongScan (length, peak, waveform, loudness profile, the model's features) and is dropped. What
 * comes back is small: an hour of stereo costs about 12 MB of features, not 1.3 GB of samples. The API
 * object crosses to the page as `typeof scanApi` (comlink).
 */
import { transfer } from 'comlink';
import { SongScan, type SongScanResult } from '../../shared/scan/song-scan.ts';
import { openAudioStream } from './audio-stream.ts';
import { maxFrames, tooLongMessage } from './limits.ts';

/** How the file fell short of what its header promised, or where it stopped decoding. */
export interface Shortfall {
  /** Seconds the header promises (cut short), when it says. */
  promisedS?: number;
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

/** Shortfalls under this are a decoder's encoder-delay trimming and frame rounding, not a cut. */
const toleranceS = (promisedS: number) => Math.max(0.5, 0.002 * promisedS);

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
    const promisedS = stream.promisedFrames !== undefined ? stream.promisedFrames / sampleRate : undefined;
    const cut = stream.truncated || (promisedS !== undefined && promisedS - presentS > toleranceS(promisedS));
    const shortfall: Shortfall | null =
      damaged || cut ? { ...(promisedS !== undefined ? { promisedS } : {}), presentS, damaged } : null;
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
