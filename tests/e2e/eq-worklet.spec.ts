import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEq } from '../../src/shared/dsp/index.ts';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { openHarness, type Harness } from './support/harness.ts';

let harness: Harness<'engine'>;
beforeAll(async () => {
  harness = await openHarness('engine');
});
afterAll(async () => {
  await harness?.close();
});

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('EQ worklet in Chromium', () => {
  for (const sampleRate of [44100, 96000]) {
    it(`renders offline exactly as the Node kernel does (golden) at ${sampleRate} Hz`, async () => {
      const req = {
        seconds: 1.5,
        sampleRate,
        channels: 2,
        gainsDb: [9, -6, 3, 0, -12, 6, 2, -3, 12, -9],
        seed: 11,
      };
      const browserOut = await harness.api.renderOffline(req);
      const frames = Math.round(req.seconds * sampleRate);
      const nodeOut = applyEq(makeFixture(frames, 2, req.seed, sampleRate), sampleRate, req.gainsDb);
      // Same float64 kernel in both realms: only float32 rounding of the fixture may differ.
      for (let c = 0; c < 2; c++) expect(maxAbsDiff(browserOut[c]!, nodeOut[c]!)).toBeLessThan(1e-6);
      // And the EQ really did something.
      expect(maxAbsDiff(browserOut[0]!, makeFixture(frames, 2, req.seed, sampleRate)[0]!)).toBeGreaterThan(
        0.05,
      );
    });
  }

  it('renders in a realtime AudioContext exactly as offline', async () => {
    const req = {
      seconds: 1,
      sampleRate: 48000,
      channels: 2,
      gainsDb: [3, 6, -9, 2, 0, 0, -4, 5, 8, -12],
      seed: 5,
    };
    const offline = await harness.api.renderOffline(req);
    const realtime = await harness.api.renderRealtime(req);
    for (let c = 0; c < 2; c++) expect(maxAbsDiff(realtime[c]!, offline[c]!)).toBeLessThan(1e-6);
  });
});
