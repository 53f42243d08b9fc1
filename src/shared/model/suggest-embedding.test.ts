import { describe, expect, it } from 'vitest';
import { seededRandom } from '../dsp/test-helpers.ts';
import { CONTRACT } from './contract.ts';
import { suggestForSong } from './suggest.ts';

describe('song embedding', () => {
  it('is the mean over the same non-silent windows as the suggestion', async () => {
    const fs = CONTRACT.input.sampleRateHz;
    const rnd = seededRandom(4);
    // 30 s of silence, then 30 s of noise: the early windows are silent and must not count.
    const signal = new Float32Array(fs * 60);
    for (let i = fs * 30; i < signal.length; i++) signal[i] = 0.2 * (rnd() * 2 - 1);
    const size = 3;
    let next = 0;
    const s = await suggestForSong(signal, async (_b, _t, n) => {
      // Each window's embedding is its index in the song; its gains are zero.
      const embedding = new Float32Array(n * size);
      for (let w = 0; w < n; w++) embedding.fill(next + w, w * size, (w + 1) * size);
      next += n;
      return { gains: new Float32Array(n * CONTRACT.output.bandCentersHz.length), embedding };
    });
    expect(s.embedding).toHaveLength(size);
    const meanOfAll = (s.windows - 1) / 2;
    // Only the later (loud) windows are averaged, so the mean index is well above the mean of all.
    expect(s.embedding![0]!).toBeGreaterThan(meanOfAll + 1);
    expect(s.embedding![0]!).toBeLessThan(s.windows - 1);
  });

  it('is absent when the model call returns gains only', async () => {
    const signal = new Float32Array(CONTRACT.input.sampleRateHz * 8).fill(0.1);
    const s = await suggestForSong(signal, async (_b, _t, n) => new Float32Array(n * 10));
    expect(s.embedding).toBeUndefined();
  });
});
