/**
 * Main-thread side of the EQ worklet: loads the processor once per context and wraps the node with a typed
 * way to change the command. Used by the live preview (AudioContext) and the export (OfflineAudioContext).
 */
import processorUrl from '../worklets/eq.processor.ts?worker&url';
import { eqDesign } from '../shared/dsp/eq-command.ts';
import { EQ_PROCESSOR_NAME, type EqProcessorMessage, type EqProcessorOptions } from '../shared/protocol.ts';

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();

/** Adds the EQ processor module to a context (once). */
function loadEqProcessor(ctx: BaseAudioContext): Promise<void> {
  let p = loaded.get(ctx);
  if (!p) {
    p = ctx.audioWorklet.addModule(processorUrl);
    loaded.set(ctx, p);
  }
  return p;
}

export interface EqNode {
  readonly node: AudioWorkletNode;
  /** Moves to a new command (dB per band) over rampSeconds; the curve glides without clicks. */
  setCommand(gainsDb: ArrayLike<number>, rampSeconds?: number): void;
}

export async function createEqNode(
  ctx: BaseAudioContext,
  channelCount: number,
  gainsDb?: ArrayLike<number>,
): Promise<EqNode> {
  await loadEqProcessor(ctx);
  const processorOptions: EqProcessorOptions = { channelCount };
  if (gainsDb) processorOptions.sos = eqDesign(gainsDb, ctx.sampleRate).sos;
  const node = new AudioWorkletNode(ctx, EQ_PROCESSOR_NAME, {
    numberOfInputs: 1,
    numberOfOutputs: 1,
    channelCount,
    channelCountMode: 'explicit',
    channelInterpretation: 'discrete',
    outputChannelCount: [channelCount],
    processorOptions,
  });
  const post = (msg: EqProcessorMessage) => node.port.postMessage(msg);
  return {
    node,
    setCommand(gains, rampSeconds = 0.03) {
      post({ type: 'coefficients', sos: eqDesign(gains, ctx.sampleRate).sos, rampSeconds });
    },
  };
}
