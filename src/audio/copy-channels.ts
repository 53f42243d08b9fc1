/** Owned copies of an AudioBuffer's channels: what can be transferred to a worker while the buffer keeps playing. */
export function copyChannels(buffer: AudioBuffer): Float32Array[] {
  return Array.from({ length: buffer.numberOfChannels }, (_, c) => {
    const data = new Float32Array(buffer.length);
    buffer.copyFromChannel(data, c);
    return data;
  });
}
