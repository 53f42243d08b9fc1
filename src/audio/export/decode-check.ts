/**
 * Decodes a finished lossy export back to float channels with the browser's WebCodecs decoder (through
 * mediabunny), so the export worker can check the true peak the listener's decoder will produce. Null when
 * this browser cannot decode the format (the file is then delivered unchecked, as before).
 */
import { ALL_FORMATS, AudioSampleSink, BufferSource, Input } from 'mediabunny';

export async function decodeForCheck(bytes: Uint8Array): Promise<Float32Array[] | null> {
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryAudioTrack();
    if (!track || !(await track.canDecode())) return null;
    const parts: Float32Array[][] = [];
    let frames = 0;
    for await (const sample of new AudioSampleSink(track).samples()) {
      const planes = Array.from({ length: sample.numberOfChannels }, (_, c) => {
        const plane = new Float32Array(sample.numberOfFrames);
        sample.copyTo(plane, { planeIndex: c, format: 'f32-planar' });
        return plane;
      });
      frames += sample.numberOfFrames;
      parts.push(planes);
      sample.close();
    }
    const nch = parts[0]?.length ?? 0;
    const out = Array.from({ length: nch }, () => new Float32Array(frames));
    let o = 0;
    for (const planes of parts) {
      planes.forEach((p, c) => out[c]!.set(p, o));
      o += planes[0]!.length;
    }
    return out;
  } catch {
    return null;
  } finally {
    input.dispose();
  }
}
