import { existsSync, readFileSync, writeFileSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PATH, loadNodeModel } from '../../src/inference/node-model.ts';
import { CONTRACT, embeddingSize } from '../../src/shared/model/index.ts';
import { goldenInputs } from './golden-inputs.ts';

const GOLDEN = new URL('../golden/onnx-golden.json', import.meta.url).pathname;

describe('shipped ONNX model', () => {
  it('is committed with its metadata and golden', () => {
    expect(existsSync(DEFAULT_MODEL_PATH)).toBe(true);
    expect(existsSync(GOLDEN)).toBe(true);
  });

  it("matches PyTorch's outputs on fixed inputs (1e-4)", async () => {
    const model = await loadNodeModel();
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as {
      sha256: string;
      gains: number[][];
      embedding: number[][];
    };
    expect(golden.sha256).toBe(model.metadata.sha256);
    const T = CONTRACT.input.windowFrames;
    const x = goldenInputs(CONTRACT.input.bands.count, CONTRACT.input.temporal.length, T);
    const out = await model.run(x.bands, x.temporal, x.batch, T);
    const nb = CONTRACT.output.bandCentersHz.length;
    const ne = embeddingSize();
    expect(out.gains.length).toBe(x.batch * nb);
    expect(out.embedding.length).toBe(x.batch * ne);
    for (let n = 0; n < x.batch; n++) {
      for (let b = 0; b < nb; b++)
        expect(Math.abs(out.gains[n * nb + b]! - golden.gains[n]![b]!)).toBeLessThan(1e-4);
      for (let e = 0; e < ne; e++) {
        expect(Math.abs(out.embedding[n * ne + e]! - golden.embedding[n]![e]!)).toBeLessThan(1e-4);
      }
    }
  });

  it('accepts any number of frames (whole songs, short songs)', async () => {
    const model = await loadNodeModel();
    for (const frames of [40, 300]) {
      const x = goldenInputs(CONTRACT.input.bands.count, CONTRACT.input.temporal.length, frames, 1);
      const out = await model.run(x.bands, x.temporal, 1, frames);
      expect(Array.from(out.gains).every(Number.isFinite)).toBe(true);
    }
  });

  it('is refused when the file no longer matches its metadata', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eq-model-'));
    const onnx = join(dir, 'm.onnx');
    copyFileSync(DEFAULT_MODEL_PATH, onnx);
    const meta = JSON.parse(readFileSync(DEFAULT_MODEL_PATH.replace(/\.onnx$/, '.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ ...meta, sha256: '0'.repeat(64) }));
    await expect(loadNodeModel(onnx)).rejects.toThrow(/sha256/);
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ ...meta, contractVersion: '0.0.1' }));
    await expect(loadNodeModel(onnx)).rejects.toThrow(/contract 0.0.1/);
  });
});
