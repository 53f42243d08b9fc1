/** Reads one split written by models/prep/dataset-writer.ts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExampleInfo } from '../prep/dataset-writer.ts';

export interface SplitData {
  count: number;
  shapes: Record<string, number[]>;
  examples: ExampleInfo[];
  bands: Float32Array;
  temporal: Float32Array;
  content: Float32Array;
  applied: Float32Array;
  target: Float32Array;
  ltas: Float32Array;
}

function readF32(path: string): Float32Array {
  const buf = readFileSync(path);
  const out = new Float32Array(buf.length / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function readSplit(dir: string): SplitData {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
    count: number;
    shapes: Record<string, number[]>;
    examples: ExampleInfo[];
  };
  const f = (name: string) => readF32(join(dir, `${name}.f32`));
  return {
    ...index,
    bands: f('bands'),
    temporal: f('temporal'),
    content: f('content'),
    applied: f('applied'),
    target: f('target'),
    ltas: f('ltas'),
  };
}
