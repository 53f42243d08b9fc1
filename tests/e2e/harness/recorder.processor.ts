/** Test-only processor: forwards each input block, stamped with its frame number, to the main thread. */
class RecorderProcessor extends AudioWorkletProcessor implements AudioWorkletProcessorImpl {
  process(inputs: Float32Array[][]): boolean {
    const input = inputs[0];
    if (input && input.length > 0)
      this.port.postMessage({ frame: currentFrame, channels: input.map((c) => c.slice()) });
    return true;
  }
}
registerProcessor('test-recorder', RecorderProcessor);
