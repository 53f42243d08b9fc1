import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PATH, loadNodeModel } from '../../src/inference/node-model.ts';
import { CONTRACT, OUTPUT_NAMES, embeddingSize } from '../../src/shared/model/index.ts';
import { goldenInputs } from './golden-inputs.ts';

const GOLDEN = new URL('../golden/onnx-golden.json', import.meta.url).pathname;
const inputs = (frames: number, batch?: number) =>
  goldenInputs(
    CONTRACT.input.bands.count,
    CONTRACT.input.temporal.length,
    frames,
    CONTRACT.input.content.descriptors.length,
    batch,
  );

describe('shipped ONNX model', () => {
  it('is committed with its metadata and golden', () => {
    expect(existsSync(DEFAULT_MODEL_PATH)).toBe(true);
    expect(existsSync(GOLDEN)).toBe(true);
  });

  it("matches PyTorch's outputs on fixed inputs, every output of the contract", async () => {
    const model = await loadNodeModel();
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, number[][]> & {
      sha256: string;
    };
    expect(golden.sha256).toBe(model.metadata.sha256);
    const x = inputs(CONTRACT.input.windowFrames);
    const out = await model.run(x);
    const nb = CONTRACT.output.bandCentersHz.length;
    for (const name of OUTPUT_NAMES) {
      const width = name === 'embedding' ? embeddingSize() : nb;
      expect(out[name].length).toBe(x.n * width);
      // Relative to the value's size where it is large (the embedding is in units of a song's spread).
      golden[name]!.flat().forEach((g, i) =>
        expect(Math.abs(out[name][i]! - g) / Math.max(1, Math.abs(g))).toBeLessThan(1e-4),
      );
    }
    for (const c of out.confidence) expect(c >= 0 && c <= 1).toBe(true);
  });

  it('accepts any number of frames and content rows (whole songs, short clips)', async () => {
    const model = await loadNodeModel();
    for (const frames of [8, 40, 300]) {
      const out = await model.run(inputs(frames, 1));
      for (const name of OUTPUT_NAMES) expect(Array.from(out[name]).every(Number.isFinite)).toBe(true);
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
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ ...meta, contractVersion: '2.0.0' }));
    await expect(loadNodeModel(onnx)).rejects.toThrow(/contract 2.0.0/);
  });
});
