import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAND_CENTERS_HZ } from '../shared/dsp/index.ts';
import { STYLES, profileFromSignal } from '../shared/targets/index.ts';
import { TEST_RATE, inverseShape, musicLike, withCurve } from '../shared/targets/test-signals.ts';
import { encodeWav } from '../shared/wav/wav-encode.ts';
import { parseImportFile } from '../storage/reference-file.ts';
import { tempDir } from '../../tests/support/temp-dir.ts';

const dir = tempDir('eq-targets-');
const song = musicLike(20, 3);
const write = (name: string, x: Float32Array) => {
  const path = join(dir, name);
  writeFileSync(path, encodeWav([x], TEST_RATE, 'float32'));
  return path;
};
const up = [5, 4, 2, 0, 0, 0, 0, 2, 4, 5];
const down = [0, 0, 0, 0, 1, 2, 2, 0, -3, -5];
const songPath = write('song.wav', song);
const refUp = write('bright and boomy.wav', withCurve(song, up));
const refDown = write('dull.wav', withCurve(song, down));
const silent = write('silent.wav', new Float32Array(TEST_RATE * 3));

function eq(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/eq.ts', ...args], { encoding: 'utf8' });
}

interface Line {
  file: string;
  bandsHz: number[];
  gainsDb: number[];
  target?: { references?: string[]; style?: string };
}
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
const maxDiff = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe('eq analyze --reference / --style, eq styles, eq profile', () => {
  it('matches each file to one reference, and to the average of several', () => {
    const one = eq('analyze', songPath, refDown, '--reference', refUp, '--json');
    expect(one.status, one.stderr).toBe(0);
    const [a, b] = lines(one.stdout);
    expect(a!.file).toBe(songPath);
    expect(a!.bandsHz).toEqual([...BAND_CENTERS_HZ]);
    expect(a!.target).toEqual({ references: [refUp] });
    // Moving the song toward a reference made from it by `up` means applying `up` (as a shape).
    expect(maxDiff(a!.gainsDb, inverseShape(up.map((g) => -g)))).toBeLessThan(0.6);
    expect(b!.file).toBe(refDown);
    expect(maxDiff(b!.gainsDb, inverseShape(down.map((g, i) => g - up[i]!)))).toBeLessThan(0.6);

    const two = eq('analyze', songPath, `--reference=${refUp}`, '--reference', refDown, '--json');
    expect(two.status, two.stderr).toBe(0);
    const [avg] = lines(two.stdout);
    expect(maxDiff(avg!.gainsDb, inverseShape(up.map((g, i) => -(g + down[i]!) / 2)))).toBeLessThan(0.6);
  });

  it('lists the styles and matches to one', () => {
    const list = eq('styles');
    expect(list.status).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual(STYLES.styles.map((s) => s.name));
    expect(STYLES.styles.map((s) => s.name)).toEqual(
      expect.arrayContaining(['balanced', 'warm', 'bright', 'orchestral', 'electronic', 'rock']),
    );
    const warm = eq('analyze', songPath, '--style', 'warm', '--json');
    const bright = eq('analyze', songPath, '--style', 'bright', '--json');
    expect(warm.status, warm.stderr).toBe(0);
    const [w] = lines(warm.stdout);
    const [br] = lines(bright.stdout);
    expect(w!.target).toEqual({ style: 'warm' });
    expect(w!.gainsDb.every((g) => Math.abs(g) <= 12)).toBe(true);
    // Toward a warm balance the top comes down relative to a bright one.
    expect(w!.gainsDb[9]! - w!.gainsDb[1]!).toBeLessThan(br!.gainsDb[9]! - br!.gainsDb[1]!);
  });

  it('writes the profiles the app imports, measured as the app measures them', () => {
    const out = join(dir, 'profiles.json');
    const r = eq('profile', refUp, refDown, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const imported = parseImportFile(readFileSync(out, 'utf8'));
    expect(imported.kind).toBe('references');
    const refs = imported.file.references;
    expect(refs.map((x) => x.name)).toEqual(['bright and boomy', 'dull']);
    expect(refs.map((x) => x.fileName)).toEqual(['bright and boomy.wav', 'dull.wav']);
    expect(new Set(refs.map((x) => x.id)).size).toBe(2);
    const expected = profileFromSignal(withCurve(song, up)).profile;
    expect(maxDiff(refs[0]!.profile.levelDb, expected.levelDb)).toBeLessThan(1e-3);
  });

  it.each([
    [
      ['analyze', songPath, '--reference', join(dir, 'missing.wav')],
      /reference .*missing\.wav: no such file/,
      1,
    ],
    [['analyze', songPath, '--reference', silent], /reference .*silent\.wav: the audio is silent/, 1],
    [['analyze', songPath, '--style', 'polka'], /unknown style 'polka' \(styles: balanced/, 2],
    [['analyze', songPath, '--reference'], /--reference needs a value/, 2],
    [['profile', refUp], /--out is required/, 2],
    [['profile', silent, '--out', join(dir, 'x.json')], /silent/, 1],
    [['profile', refUp, '--out', refUp], /would be overwritten/, 2],
    [['styles', 'extra'], /unknown argument/, 2],
  ])('refuses %j with one line and a non-zero exit', (args, reason, code) => {
    const before = readFileSync(refUp);
    const r = eq(...(args as string[]));
    expect(r.status).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(reason as RegExp);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(refUp).equals(before)).toBe(true);
  });
});
