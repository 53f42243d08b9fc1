/**
 * The true peak of a lossy export as the listener's decoder will produce it, measured while the file is
 * being encoded: each packet the encoder hands over is decoded by the browser's WebCodecs decoder and
 * metered with the shared true-peak meter. The encoder (LAME) works in its own worker and the export
 * worker mostly waits for it, so the check fills that wait instead of decoding the finished file after
 * it (decode-check.ts, which remains the way where this cannot run). Same packets, same decoder: the same
 * figure as decoding the file.
 */
import { toDb, TruePeakMeter } from '../../shared/loudness/true-peak.ts';
import type { LivePeakCheck } from './export-pipeline.ts';

/**
 * A check of a stream laid out as `fallback` says (its decoder configuration when the encoder gives none);
 * null where there is no WebCodecs decoder at all.
 */
export function packetPeakCheck(fallback: AudioDecoderConfig): LivePeakCheck | null {
  if (typeof AudioDecoder === 'undefined') return null;
  let decoder: AudioDecoder | null = null;
  let failed = false;
  let planes: Float32Array[] = [];
  const meter = new TruePeakMeter(fallback.numberOfChannels);
  const output = (data: AudioData) => {
    try {
      const n = data.numberOfFrames;
      const nch = data.numberOfChannels;
      if ((planes[0]?.length ?? 0) < n || planes.length !== nch)
        planes = Array.from({ length: nch }, () => new Float32Array(n));
      planes.forEach((p, c) => data.copyTo(p, { planeIndex: c, format: 'f32-planar', frameCount: n }));
      meter.push(
        planes.map((p) => p.subarray(0, n)),
        n,
      );
    } catch {
      failed = true;
    } finally {
      data.close();
    }
  };
  const open = (config: AudioDecoderConfig) => {
    const d = new AudioDecoder({ output, error: () => (failed = true) });
    try {
      d.configure(config);
    } catch {
      failed = true;
    }
    return d;
  };
  return {
    push(packet, config) {
      if (failed) return;
      decoder ??= open((config as AudioDecoderConfig | undefined) ?? fallback);
      if (failed || decoder.state !== 'configured') {
        failed = true;
        return;
      }
      try {
        decoder.decode(packet.toEncodedAudioChunk());
      } catch {
        failed = true;
      }
    },
    async finish() {
      if (!decoder || failed) return null;
      try {
        await decoder.flush();
      } catch {
        return null;
      }
      return failed ? null : toDb(meter.finish());
    },
    close() {
      if (decoder && decoder.state !== 'closed') decoder.close();
    },
  };
}
