import { describe, expect, it } from 'vitest';
import { BAND_CENTERS_HZ, MAX_BAND_GAIN_DB } from '../dsp/bands.ts';
import { TEMPORAL_FEATURES } from '../features/index.ts';
import type { ModelContract, ModelMetadata, ValueInfo } from './index.ts';
import {
  CONTRACT,
  aggregateWindows,
  assertModelMatchesContract,
  checkContract,
  windowStarts,
} from './index.ts';

const clone = (): ModelContract => JSON.parse(JSON.stringify(CONTRACT)) as ModelContract;
const asInfo = (c: ModelContract, kind: 'inputs' | 'outputs'): ValueInfo[] =>
  c.tensors[kind].map((t) => ({ name: t.name, isTensor: true, type: t.dtype, shape: t.shape }));
const meta: ModelMetadata = {
  model: 'x.onnx',
  sha256: '',
  contractVersion: CONTRACT.version,
  inputs: [],
  outputs: [],
};

describe('model contract', () => {
  it("uses the engine's band centres and gain limit", () => {
    expect(CONTRACT.output.bandCentersHz).toEqual([...BAND_CENTERS_HZ]);
    expect(CONTRACT.output.maxAbsGainDb).toBe(MAX_BAND_GAIN_DB);
  });

  it("lists the extractor's temporal features in its order", () => {
    expect(CONTRACT.input.temporal).toEqual([...TEMPORAL_FEATURES]);
    const c = clone();
    c.input.temporal = [...c.input.temporal].reverse();
    expect(() => checkContract(c)).toThrow(/temporal/);
  });

  it('accepts a model with the contract tensors and refuses any difference', () => {
    expect(() =>
      assertModelMatchesContract(asInfo(CONTRACT, 'inputs'), asInfo(CONTRACT, 'outputs'), meta),
    ).not.toThrow();
    const renamed = asInfo(CONTRACT, 'outputs').map((v, i) => (i === 0 ? { ...v, name: 'eq' } : v));
    expect(() => assertModelMatchesContract(asInfo(CONTRACT, 'inputs'), renamed, meta)).toThrow(/"eq"/);
    const fixedFrames = asInfo(CONTRACT, 'inputs').map((v, i) =>
      i === 0 ? { ...v, shape: ['batch', 1, 40, 128] } : v,
    );
    expect(() => assertModelMatchesContract(fixedFrames, asInfo(CONTRACT, 'outputs'), meta)).toThrow(/shape/);
    const old = { ...meta, contractVersion: '0.9.0' };
    expect(() =>
      assertModelMatchesContract(asInfo(CONTRACT, 'inputs'), asInfo(CONTRACT, 'outputs'), old),
    ).toThrow(/contract 0.9.0/);
  });

  it('covers a song with overlapping windows, tail included', () => {
    const T = CONTRACT.input.windowFrames;
    expect(windowStarts(T - 10)).toEqual([0]);
    const starts = windowStarts(3 * T + 5);
    expect(starts[0]).toBe(0);
    expect(starts[starts.length - 1]).toBe(2 * T + 5);
  });

  it('aggregates loud windows only, removes the mean and clamps', () => {
    const nb = CONTRACT.output.bandCentersHz.length;
    const gains = new Float32Array(2 * nb);
    gains.fill(30, 0, nb); // the silent window's opinion must not count
    gains[nb] = 20; // loud window: +20 dB in the first band only
    const out = aggregateWindows(gains, [-90, -20]);
    expect(out[0]).toBe(MAX_BAND_GAIN_DB);
    expect(out[1]).toBeCloseTo(-2, 5);
  });
});
