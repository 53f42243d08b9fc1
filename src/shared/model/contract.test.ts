import { describe, expect, it } from 'vitest';
import { BAND_CENTERS_HZ, MAX_BAND_GAIN_DB } from '../dsp/bands.ts';
import type { Features } from '../features/index.ts';
import { TEMPORAL_FEATURES } from '../features/index.ts';
import type { ModelContract, ModelMetadata, ValueInfo } from './index.ts';
import { CONTRACT, assertModelMatchesContract, checkContract, songInput } from './index.ts';

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

  it('gives the whole song as one input, without its silent frames', () => {
    const B = CONTRACT.input.bands.count;
    const K = TEMPORAL_FEATURES.length;
    const T = CONTRACT.input.windowFrames;
    // Frame f: every band at f dB; the first 50 frames silent (rmsDb -90), the rest loud (-20).
    const song = (frames: number, silent: number): Features => {
      const bandsDb = new Float32Array(frames * B);
      const temporal = new Float32Array(frames * K);
      for (let f = 0; f < frames; f++) {
        bandsDb.fill(f, f * B, (f + 1) * B);
        temporal[f * K] = f < silent ? -90 : -20;
      }
      return { frames, bandCount: B, bandsDb, temporal };
    };
    const long = songInput(song(50 + 3 * T, 50));
    expect(long.frames).toBe(3 * T);
    // Normalised over the loud frames only: their mean level (50 + (3T - 1) / 2) is the zero.
    const mean = 50 + (3 * T - 1) / 2;
    expect(long.bands[0]).toBeCloseTo((50 - mean) / CONTRACT.normalisation.bandsScaleDb, 5);
    expect(long.temporal[0]).toBeCloseTo(0, 5);
    // Too few loud frames: all of them count; a song shorter than a window is looped to one.
    expect(songInput(song(T + 10, T)).frames).toBe(T + 10);
    const short = songInput(song(10, 0));
    expect(short.frames).toBe(T);
    expect(short.bands[10]).toBeCloseTo(short.bands[0]!, 6);
  });
});
