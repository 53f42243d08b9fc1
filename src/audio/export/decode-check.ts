/**
 * The true peak of a finished lossy export as the listener's decoder will produce it: decoded with the
 * browser's WebCodecs decoder (through mediabunny) and measured chunk by chunk with the shared true-peak
 * meter, never holding the decoded song. Null when this browser cannot decode the format (the file is then
 * delivered unchecked).
 */
import { ALL_FORMATS, AudioSampleSink, BlobSource, Input } from 'mediabunny';
import { toDb, TruePeakMeter } from '../../shared/loudness/true-peak.ts';

export async function decodedTruePeakDb(file: Blob): Promise<number | null> {
  // Read from the file a piece at a time (on disk for a long export), never whole.
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryAudioTrack();
    if (!track || !(await track.canDecode())) return null;
    let meter: TruePeakMeter | undefined;
    let planes: Float32Array[] = [];
    for await (const sample of new AudioSampleSink(track).samples()) {
      const n = sample.numberOfFrames;
      meter ??= new TruePeakMeter(sample.numberOfChannels);
      if ((planes[0]?.length ?? 0) < n)
        planes = Array.from({ length: sample.numberOfChannels }, () => new Float32Array(n));
      planes.forEach((p, c) => sample.copyTo(p, { planeIndex: c, format: 'f32-planar', frameCount: n }));
      meter.push(planes, n);
      sample.close();
    }
    return meter ? toDb(meter.finish()) : null;
  } catch {
    return null;
  } finally {
    input.dispose();
  }
}
