/**
 * Browser side of the engine specs and benchmarks (served by Vite's dev server, never shipped). Renders the
 * shared fixture through the EQ worklet offline and in real time, and times the export path against native
 * BiquadFilterNodes.
 */
import { createEqNode } from '../../../src/audio/eq-node.ts';
import { BAND_CENTERS_HZ } from '../../../src/shared/dsp/bands.ts';
import { makeFixture } from '../../../src/shared/dsp/test-helpers.ts';
import type { EngineTestApi, RenderRequest } from './engine-api.ts';
import recorderUrl from './recorder.processor.ts?worker&url';

function fixtureBuffer(ctx: BaseAudioContext, req: RenderRequest): AudioBuffer {
  const frames = Math.round(req.seconds * req.sampleRate);
  const data = makeFixture(frames, req.channels, req.seed, req.sampleRate);
  const buffer = ctx.createBuffer(req.channels, frames, req.sampleRate);
  data.forEach((d, c) => buffer.copyToChannel(d, c));
  return buffer;
}

async function renderOffline(req: RenderRequest): Promise<Float32Array[]> {
  const frames = Math.round(req.seconds * req.sampleRate);
  const ctx = new OfflineAudioContext(req.channels, frames, req.sampleRate);
  const src = new AudioBufferSourceNode(ctx, { buffer: fixtureBuffer(ctx, req) });
  const eq = await createEqNode(ctx, req.channels, req.gainsDb);
  src.connect(eq.node).connect(ctx.destination);
  src.start();
  const out = await ctx.startRendering();
  return Array.from({ length: req.channels }, (_, c) => out.getChannelData(c));
}

async function renderRealtime(req: RenderRequest): Promise<Float32Array[]> {
  const frames = Math.round(req.seconds * req.sampleRate);
  const ctx = new AudioContext({ sampleRate: req.sampleRate });
  await ctx.resume();
  await ctx.audioWorklet.addModule(recorderUrl);
  const src = new AudioBufferSourceNode(ctx, { buffer: fixtureBuffer(ctx, req) });
  const eq = await createEqNode(ctx, req.channels, req.gainsDb);
  const recorder = new AudioWorkletNode(ctx, 'test-recorder', {
    channelCount: req.channels,
    channelCountMode: 'explicit',
    channelInterpretation: 'discrete',
  });
  const out = Array.from({ length: req.channels }, () => new Float32Array(frames));
  // Start on a render-quantum boundary so output frame (startFrame + i) is input frame i.
  const startFrame = Math.ceil(((ctx.currentTime + 0.3) * req.sampleRate) / 128) * 128;
  let received = 0;
  const done = new Promise<void>((resolve) => {
    recorder.port.onmessage = (e: MessageEvent<{ frame: number; channels: Float32Array[] }>) => {
      const { frame, channels } = e.data;
      const at = frame - startFrame;
      const block = channels[0]?.length ?? 0;
      if (at + block <= 0 || at >= frames) {
        if (at >= frames) resolve();
        return;
      }
      channels.forEach((ch, c) => {
        for (let i = 0; i < block; i++) if (at + i >= 0 && at + i < frames) out[c]![at + i] = ch[i]!;
      });
      received += block;
    };
  });
  src.connect(eq.node).connect(recorder).connect(ctx.destination);
  src.start(startFrame / req.sampleRate);
  await done;
  await ctx.close();
  if (received < frames) throw new Error(`realtime render dropped blocks: ${received} of ${frames} frames`);
  return out;
}

/** Renders the fixture offline through the worklet and through ten native peaking BiquadFilterNodes, timed. */
async function timeExport(req: RenderRequest): Promise<{ workletMs: number; nativeMs: number }> {
  const frames = Math.round(req.seconds * req.sampleRate);
  const makeCtx = () => new OfflineAudioContext(req.channels, frames, req.sampleRate);
  const source = fixtureBuffer(makeCtx(), req);

  const ctxW = makeCtx();
  const srcW = new AudioBufferSourceNode(ctxW, { buffer: source });
  const eq = await createEqNode(ctxW, req.channels, req.gainsDb);
  srcW.connect(eq.node).connect(ctxW.destination);
  srcW.start();
  let t0 = performance.now();
  await ctxW.startRendering();
  const workletMs = performance.now() - t0;

  const ctxN = makeCtx();
  const srcN = new AudioBufferSourceNode(ctxN, { buffer: source });
  let last: AudioNode = srcN;
  BAND_CENTERS_HZ.forEach((f, i) => {
    const bq = new BiquadFilterNode(ctxN, {
      type: 'peaking',
      frequency: f,
      Q: 1.41,
      gain: req.gainsDb[i] ?? 0,
    });
    last.connect(bq);
    last = bq;
  });
  last.connect(ctxN.destination);
  srcN.start();
  t0 = performance.now();
  await ctxN.startRendering();
  const nativeMs = performance.now() - t0;
  return { workletMs, nativeMs };
}

export const api: EngineTestApi = { renderOffline, renderRealtime, timeExport };
