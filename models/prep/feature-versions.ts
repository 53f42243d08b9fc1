/**
 * A directory of song versions' features in the layout both pipelines' readers take (the test songs,
 * readTestSongs below them and models/eval/ablation.py; the invariance excerpts, models/train/invariance.py):
 * bands.f32, temporal.f32 and content.f32, each version's rows appended in turn, and index.json listing the
 * versions with where their rows start. Written one version at a time, so no song's features stay in memory.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_COUNT, type Features } from '../../src/shared/features/index.ts';

/** Where a version's rows are: frames in bands.f32 / temporal.f32, rows in content.f32. */
export interface VersionRows {
  offset: number;
  frames: number;
  contentOffset: number;
  contentRows: number;
}

const FILES = ['bands', 'temporal', 'content'] as const;

export class FeatureVersionsWriter<V extends object> {
  private readonly fds: Record<(typeof FILES)[number], number>;
  readonly versions: (V & VersionRows)[] = [];
  private offset = 0;
  private contentOffset = 0;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.fds = Object.fromEntries(FILES.map((n) => [n, openSync(join(dir, `${n}.f32`), 'w')])) as Record<
      (typeof FILES)[number],
      number
    >;
  }

  /** Appends one version's features, described by `meta`. */
  add(meta: V, f: Features): void {
    const put = (fd: number, a: Float32Array) =>
      writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    put(this.fds.bands, f.bandsDb);
    put(this.fds.temporal, f.temporal);
    put(this.fds.content, f.content);
    const contentRows = f.content.length / CONTENT_COUNT;
    this.versions.push({
      ...meta,
      offset: this.offset,
      frames: f.frames,
      contentOffset: this.contentOffset,
      contentRows,
    });
    this.offset += f.frames;
    this.contentOffset += contentRows;
  }

  /** Closes the files and writes index.json: the versions and `facts` (band count and the like). */
  finish(facts: object): number {
    for (const fd of Object.values(this.fds)) closeSync(fd);
    writeFileSync(join(this.dir, 'index.json'), JSON.stringify({ versions: this.versions, ...facts }));
    return this.versions.length;
  }
}
