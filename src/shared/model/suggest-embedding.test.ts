import { describe, expect, it } from 'vitest';
import { seededRandom } from '../dsp/test-helpers.ts';
import { CONTRACT } from './contract.ts';
import type { ModelBatch, ModelOutputs } from './contract-runner.ts';
import { suggestForSong } from './suggest.ts';

const nb = CONTRACT.output.bandCentersHz.length;

/** A stand-in for the network: fixed outputs for each input of the batch. */
function outputs(
  n: number,
  gains: number[],
  extra: Partial<Record<keyof ModelOutputs, number[]>> = {},
): ModelOutputs {
  const rep = (v: number[]) => Float32Array.from({ length: n * v.length }, (_, i) => v[i % v.length]!);
  const band = (v: number) => new Array<number>(nb).fill(v);
  return {
    gains: rep(gains),
    embedding: rep(extra.embedding ?? [1, 2, 3]),
    confidence: rep(extra.confidence ?? band(0.5)),
    balance: rep(extra.balance ?? band(0)),
    typicalLow: rep(extra.typicalLow ?? band(-3)),
    typicalHigh: rep(extra.typicalHigh ?? band(3)),
  };
}

describe('song suggestion', () => {
  it('is one pass of the network over the song without its silent part, every output included', async () => {
    const fs = CONTRACT.input.sampleRateHz;
    const rnd = seededRandom(4);
    // 30 s of silence, then 30 s of noise: the early windows are silent and must not count.
    const signal = new Float32Array(fs * 60);
    for (let i = fs * 30; i < signal.length; i++) signal[i] = 0.2 * (rnd() * 2 - 1);
    const calls: ModelBatch[] = [];
    const s = await suggestForSong(signal, async (batch) => {
      calls.push(batch);
      // A shape with a mean to remove and a band beyond the engine's range; a confidence out of 0..1.
      const gains = Array.from({ length: nb }, (_, b) => (b === 0 ? 40 : 2));
      return outputs(batch.n, gains, {
        confidence: Array.from({ length: nb }, (_, b) => (b === 0 ? 1.5 : 0.25)),
      });
    });
    // One call, one input: the 30 s of noise (about 646 frames at hop 2048), not the silence.
    expect(calls).toHaveLength(1);
    expect(calls[0]!.n).toBe(1);
    const loudFrames = (30 * fs) / CONTRACT.input.hopSize;
    expect(Math.abs(calls[0]!.frames - loudFrames)).toBeLessThan(3);
    // Content rows: the loud frames on the content stride, never looped.
    const stride = CONTRACT.input.content.stride;
    expect(Math.abs(calls[0]!.contentFrames - loudFrames / stride)).toBeLessThan(2);
    expect(calls[0]!.content.length).toBe(
      calls[0]!.contentFrames * CONTRACT.input.content.descriptors.length,
    );
    expect(s.frames).toBe(calls[0]!.frames);
    expect(s.embedding).toEqual([1, 2, 3]);
    // Mean over bands removed (40 - 5.8 = 34.2), then clamped to the engine's range.
    expect(s.gainsDb[0]).toBe(CONTRACT.output.maxAbsGainDb);
    expect(s.gainsDb[1]).toBeCloseTo(2 - 5.8, 5);
    expect(s.confidence[0]).toBe(1);
    expect(s.confidence[1]).toBe(0.25);
    expect(s.typicalLowDb).toEqual(new Array(nb).fill(-3));
    expect(s.typicalHighDb).toEqual(new Array(nb).fill(3));
  });

  it('is flat and unsure for digital silence, whatever the network says', async () => {
    const silence = new Float32Array(CONTRACT.input.sampleRateHz * 5);
    const s = await suggestForSong(silence, async (batch) =>
      outputs(
        batch.n,
        Array.from({ length: nb }, (_, b) => (b === 0 ? 9 : 1)),
        { confidence: new Array(nb).fill(0.9) },
      ),
    );
    expect(s.gainsDb).toEqual(new Array(nb).fill(0));
    expect(s.confidence).toEqual(new Array(nb).fill(0));
  });

  it('hands a clip of one second over with the few content rows it has', async () => {
    const fs = CONTRACT.input.sampleRateHz;
    const rnd = seededRandom(9);
    const clip = Float32Array.from({ length: fs }, () => 0.2 * (rnd() * 2 - 1));
    let seen: ModelBatch | null = null;
    await suggestForSong(clip, async (batch) => {
      seen = batch;
      return outputs(batch.n, new Array(nb).fill(0));
    });
    // Bands and temporal are looped to a window; content is not (21 frames: rows 0, 8 and 16).
    expect(seen!.frames).toBe(CONTRACT.input.windowFrames);
    expect(seen!.contentFrames).toBe(3);
  });
});
