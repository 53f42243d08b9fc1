/**
 * Writes examples as flat little-endian float32 files plus a JSON index, read by models/train/data.py
 * (numpy.fromfile) and models/eval. One directory per split.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Example } from './example.ts';

export interface ExampleInfo {
  track: string;
  package: string;
  startS: number;
  untouched: boolean;
}

export class DatasetWriter {
  private readonly parts: Record<
    'bands' | 'temporal' | 'content' | 'applied' | 'target' | 'ltas',
    Float32Array[]
  > = {
    bands: [],
    temporal: [],
    content: [],
    applied: [],
    target: [],
    ltas: [],
  };
  private readonly infos: ExampleInfo[] = [];

  add(ex: Example, info: ExampleInfo): void {
    this.parts.bands.push(ex.bands);
    this.parts.temporal.push(ex.temporal);
    this.parts.content.push(ex.content);
    this.parts.applied.push(Float32Array.from(ex.applied));
    this.parts.target.push(Float32Array.from(ex.target));
    this.parts.ltas.push(ex.ltasDb);
    this.infos.push(info);
  }

  get count(): number {
    return this.infos.length;
  }

  write(dir: string, shapes: Record<string, number[]>): void {
    mkdirSync(dir, { recursive: true });
    for (const [name, arrays] of Object.entries(this.parts)) {
      const total = arrays.reduce((n, a) => n + a.length, 0);
      const flat = new Float32Array(total);
      let o = 0;
      for (const a of arrays) {
        flat.set(a, o);
        o += a.length;
      }
      writeFileSync(join(dir, `${name}.f32`), new Uint8Array(flat.buffer));
    }
    writeFileSync(
      join(dir, 'index.json'),
      JSON.stringify({ count: this.count, shapes, examples: this.infos }),
    );
  }
}
