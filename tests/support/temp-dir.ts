/**
 * A temporary directory for one test file's files (songs, exports, CLI outputs: hundreds of MB in all), removed
 * when that file's tests are done, so that running the tests again and again does not fill the disk.
 * Call it at a test file's top level (it registers the file's afterAll).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
