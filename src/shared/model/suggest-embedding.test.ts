import { describe, expect, it } from 'vitest';
import { seededRandom } from '../dsp/test-helpers.ts';
import { CONTRACT } from './contract.ts';
import { suggestForSong } from './suggest.ts';

describe('song suggestion', () => {
  it('is one pass of the network over the song without its silent part, embedding included', async () => {
    const fs = CONTRACT.input.sampleRateHz;
    const rnd = seededRandom(4);
    // 30 s of silence, then 30 s of noise: the early windows are silent and must not count.
    const signal = new Float32Array(fs * 60);
    for (let i = fs * 30; i < signal.length; i++) signal[i] = 0.2 * (rnd() * 2 - 1);
    const calls: { n: number; frames: number }[] = [];
    const nb = CONTRACT.output.bandCentersHz.length;
    const s = await suggestForSong(signal, async (_b, _t, n, frames) => {
      calls.push({ n, frames });
      // A shape with a mean to remove and a band beyond the engine's range.
      const gains = Float32Array.from({ length: nb }, (_, b) => (b === 0 ? 40 : 2));
      return { gains, embedding: Float32Array.from([1, 2, 3]) };
    });
    // One call, one input: the 30 s of noise (about 646 frames at hop 2048), not the silence.
    expect(calls).toHaveLength(1);
    expect(calls[0]!.n).toBe(1);
    const loudFrames = (30 * fs) / CONTRACT.input.hopSize;
    expect(Math.abs(calls[0]!.frames - loudFrames)).toBeLessThan(3);
    expect(s.frames).toBe(calls[0]!.frames);
    expect(s.embedding).toEqual([1, 2, 3]);
    // Mean over bands removed (40 - 5.8 = 34.2), then clamped to the engine's range.
    expect(s.gainsDb[0]).toBe(CONTRACT.output.maxAbsGainDb);
    expect(s.gainsDb[1]).toBeCloseTo(2 - 5.8, 5);
  });

  it('is flat for digital silence, whatever the network says', async () => {
    const silence = new Float32Array(CONTRACT.input.sampleRateHz * 5);
    const s = await suggestForSong(silence, async (_b, _t, n) =>
      new Float32Array(n * 10).fill(1).fill(9, 0, 1),
    );
    expect(s.gainsDb).toEqual(new Array(10).fill(0));
  });

  it('is absent when the model call returns gains only', async () => {
    const signal = new Float32Array(CONTRACT.input.sampleRateHz * 8).fill(0.1);
    const s = await suggestForSong(signal, async (_b, _t, n) => new Float32Array(n * 10));
    expect(s.embedding).toBeUndefined();
  });
});
