import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPinkNoise } from '../../models/eval/pink-noise.ts';
import { errLines, runEq, sha256 } from './cli-test-helpers.ts';
import { tempDir } from '../../tests/support/temp-dir.ts';

const dir = tempDir('eq-batch-');
const out = join(dir, 'out');
const a = join(dir, 'a.flac');
const b = join(dir, 'b.flac');
const bad = join(dir, 'bad.mp3');
const missing = join(dir, 'missing.wav');
const twin = join(dir, 'sub', 'a.flac'); // the same name as a.flac: would land on out/a.wav too

describe('eq apply --auto IN... --out-dir DIR', () => {
  let first: Awaited<ReturnType<typeof runEq>>;

  beforeAll(async () => {
    renderPinkNoise(a, 6, 'bass=g=10:f=100:w=1');
    renderPinkNoise(b, 6, 'treble=g=10:f=4000:w=1');
    mkdirSync(join(dir, 'sub'));
    renderPinkNoise(twin, 3, null);
    writeFileSync(bad, 'this is not audio\n');
    first = await runEq('apply', '--auto', a, bad, b, missing, twin, '--out-dir', out);
  }, 120_000);

  it('writes the good files, reports and skips the bad ones, and exits 1', () => {
    expect(first.status).toBe(1);
    expect(errLines(first)).toEqual([
      `eq apply: [1/5] ${a} -> ${join(out, 'a.wav')}`,
      `eq apply: [2/5] ${bad} -> ${join(out, 'bad.wav')}`,
      expect.stringMatching(new RegExp(`^eq apply: \\[2/5\\] ${bad}: failed: not a readable audio file`)),
      `eq apply: [3/5] ${b} -> ${join(out, 'b.wav')}`,
      `eq apply: [4/5] ${missing} -> ${join(out, 'missing.wav')}`,
      `eq apply: [4/5] ${missing}: failed: no such file`,
      `eq apply: [5/5] ${twin}: failed: ${a} in this batch is already written to ${join(out, 'a.wav')}`,
      `eq apply: 2 of 5 files written to ${out}; 3 failed`,
    ]);
    expect(existsSync(join(out, 'a.wav'))).toBe(true);
    expect(existsSync(join(out, 'b.wav'))).toBe(true);
    expect(existsSync(join(out, 'bad.wav'))).toBe(false);
    expect(existsSync(join(out, 'missing.wav'))).toBe(false);
  });

  it('gives each file its own suggestion: the same output as eq auto on that file alone', async () => {
    const [autoA, autoB] = await Promise.all([
      runEq('auto', a, join(dir, 'auto-a.wav')),
      runEq('auto', b, join(dir, 'auto-b.wav')),
    ]);
    expect(autoA.status, autoA.stderr).toBe(0);
    expect(autoB.status, autoB.stderr).toBe(0);
    expect(sha256(join(out, 'a.wav'))).toBe(sha256(join(dir, 'auto-a.wav')));
    expect(sha256(join(out, 'b.wav'))).toBe(sha256(join(dir, 'auto-b.wav')));
    expect(sha256(join(out, 'a.wav'))).not.toBe(sha256(join(dir, 'auto-b.wav')));
  });

  it('does not overwrite existing outputs unless --force', async () => {
    const before = [sha256(join(out, 'a.wav')), sha256(join(out, 'b.wav'))];
    const again = await runEq('apply', '--gains', '0,0,0,0,0,0,0,0,0,0', a, b, '--out-dir', out);
    expect(again.status).toBe(1);
    expect(errLines(again)).toEqual([
      `eq apply: [1/2] ${a}: failed: ${join(out, 'a.wav')} exists; add --force to overwrite it`,
      `eq apply: [2/2] ${b}: failed: ${join(out, 'b.wav')} exists; add --force to overwrite it`,
      `eq apply: 0 of 2 files written to ${out}; 2 failed`,
    ]);
    expect([sha256(join(out, 'a.wav')), sha256(join(out, 'b.wav'))]).toEqual(before);
    const forced = await runEq('apply', '--gains', '0,0,0,0,0,0,0,0,0,0', a, b, '--out-dir', out, '--force');
    expect(forced.status, forced.stderr).toBe(0);
    expect(sha256(join(out, 'a.wav'))).not.toBe(before[0]);
  });
});
