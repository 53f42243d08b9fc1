import { describe, expect, it } from 'vitest';
import { BAND_CENTERS_HZ, MAX_BAND_GAIN_DB } from '../dsp/bands.ts';
import type { Features } from '../features/index.ts';
import { CONTENT_COUNT, CONTENT_DESCRIPTORS, TEMPORAL_FEATURES } from '../features/index.ts';
import type { ModelContract, ModelMetadata, ValueInfo } from './index.ts';
import { CONTRACT, assertModelMatchesContract, checkContract, modelIdOf, songInput } from './index.ts';

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

  it("lists the extractor's content descriptors in its order", () => {
    expect(CONTRACT.input.content.descriptors).toEqual([...CONTENT_DESCRIPTORS]);
    const c = clone();
    c.input.content.descriptors = c.input.content.descriptors.slice(1);
    expect(() => checkContract(c)).toThrow(/content descriptors/);
  });

  it('has the version 3 outputs, one value per band except the embedding', () => {
    expect(CONTRACT.version).toBe('3.0.0');
    expect(CONTRACT.tensors.outputs.map((t) => t.name)).toEqual([
      'gains',
      'embedding',
      'confidence',
      'balance',
      'typicalLow',
      'typicalHigh',
    ]);
    const c = clone();
    c.tensors.outputs[2]!.shape = ['batch', 9];
    expect(() => checkContract(c)).toThrow(/per-band/);
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
    // A version 2 model: two inputs and two outputs.
    expect(() =>
      assertModelMatchesContract(
        asInfo(CONTRACT, 'inputs').slice(0, 2),
        asInfo(CONTRACT, 'outputs').slice(0, 2),
        meta,
      ),
    ).toThrow(/2 tensors, contract has/);
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
      // Content row j holds j in every descriptor (it describes frame j * stride).
      const stride = CONTRACT.input.content.stride;
      const content = new Float32Array(Math.ceil(frames / stride) * CONTENT_COUNT);
      for (let j = 0; j < content.length / CONTENT_COUNT; j++)
        content.fill(j, j * CONTENT_COUNT, (j + 1) * CONTENT_COUNT);
      return { frames, bandCount: B, bandsDb, temporal, contentStride: stride, content };
    };
    const long = songInput(song(50 + 3 * T, 50));
    expect(long.frames).toBe(3 * T);
    // Normalised over the loud frames only: their mean level (50 + (3T - 1) / 2) is the zero.
    const mean = 50 + (3 * T - 1) / 2;
    expect(long.bands[0]).toBeCloseTo((50 - mean) / CONTRACT.normalisation.bandsScaleDb, 5);
    expect(long.temporal[0]).toBeCloseTo(0, 5);
    // Content: the rows of the loud frames on the stride (frames 56, 64, ...: rows 7, 8, ...).
    const stride = CONTRACT.input.content.stride;
    expect(long.contentFrames).toBe((3 * T) / stride);
    expect(long.content[0]).toBe(Math.ceil(50 / stride));
    // Too few loud frames: all of them count; a song shorter than a window is looped to one.
    expect(songInput(song(T + 10, T)).frames).toBe(T + 10);
    const short = songInput(song(10, 0));
    expect(short.frames).toBe(T);
    expect(short.bands[10]).toBeCloseTo(short.bands[0]!, 6);
    // Never looped: 10 frames have two rows (frames 0 and 8).
    expect(short.contentFrames).toBe(2);
  });
});

describe('model id', () => {
  it('tells apart two builds shipped under one file name', () => {
    const a = {
      model: 'eq-model.onnx',
      sha256: '55e599ce6838591627a9b0a5e4c3f21e5bc437901d1f4fb042ad0735485d9f9a',
    };
    const b = {
      model: 'eq-model.onnx',
      sha256: '4708ffd0607e8e80d6a9afcad260e21c278624b74a798fddff798ff57b974c44',
    };
    expect(modelIdOf(a)).toBe('eq-model.onnx@55e599ce68385916');
    expect(modelIdOf(b)).not.toBe(modelIdOf(a));
    expect(modelIdOf({ ...a })).toBe(modelIdOf(a));
  });
});
