import { linkSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWav } from '../shared/wav/wav-decode.ts';
import { encodeWav } from '../shared/wav/wav-encode.ts';
import { errLines, runEq, sha256 } from './cli-test-helpers.ts';
import { VERB_USAGE } from './usage.ts';
import { tempDir } from '../../tests/support/temp-dir.ts';

const dir = tempDir('eq-refusals-');
const FLAT = '0,0,0,0,0,0,0,0,0,0';

function tone(name: string, seconds = 1, freq = 440): string {
  const n = 48000 * seconds;
  const x = Float32Array.from({ length: n }, (_, i) => 0.25 * Math.sin((2 * Math.PI * freq * i) / 48000));
  const path = join(dir, name);
  writeFileSync(path, encodeWav([x, x], 48000, 'pcm24'));
  return path;
}

describe.concurrent('eq apply never destroys a file it was not asked to', () => {
  const input = tone('in.wav');
  const before = sha256(input);
  const hardLink = join(dir, 'hard.wav');
  linkSync(input, hardLink);
  const softLink = join(dir, 'soft.wav');
  symlinkSync(input, softLink);

  it.each([
    ['the input itself', [input, input]],
    ['the input, even with --force', [input, input, '--force']],
    ['the input by another path', [input, join(dir, '.', 'in.wav')]],
    ['a hard link to the input', [input, hardLink, '--force']],
    ['a symbolic link to the input', [input, softLink, '--force']],
  ])('refuses to write over %s, and leaves it as it was', async (_what, paths) => {
    const r = await runEq('apply', ...paths, '--gains', FLAT);
    expect(r.status).not.toBe(0);
    expect(errLines(r)).toHaveLength(1);
    expect(r.stderr).toMatch(/refusing to overwrite the input/);
    expect(sha256(input)).toBe(before);
  });

  it('refuses an existing output without --force and replaces it with --force', async () => {
    const output = join(dir, 'existing.wav');
    writeFileSync(output, 'precious');
    const refused = await runEq('apply', input, output, '--gains', FLAT);
    expect(refused.status).not.toBe(0);
    expect(errLines(refused)).toEqual([`eq: ${output} exists; add --force to overwrite it`]);
    expect(readFileSync(output, 'utf8')).toBe('precious');
    const forced = await runEq('apply', input, output, '--gains', FLAT, '--force');
    expect(forced.status, forced.stderr).toBe(0);
    expect(decodeWav(new Uint8Array(readFileSync(output))).channels[0]).toHaveLength(48000);
  });

  it.each([
    [['apply', 'IN', join(dir, 'no-such-dir', 'o.wav'), '--gains', FLAT], /no directory/],
    [
      ['apply', 'IN', join(dir, 'o1.wav'), '--gains', FLAT, '--auto'],
      /give one of --gains, --preset and --auto/,
    ],
    [
      ['apply', 'IN', join(dir, 'o2.wav'), '--preset', join(dir, 'none.txt')],
      /--preset .*none\.txt: no such file/,
    ],
    [
      ['apply', 'IN', join(dir, 'o3.wav'), '--preset', 'package.json'],
      /package\.json: the JSON is not an object|not a preset|must be a list/,
    ],
    [['apply', 'IN', join(dir, 'o4.wav'), '--gains', FLAT, '--frobnicate'], /unknown option --frobnicate/],
    [
      ['apply', 'IN', join(dir, 'o5.wav'), '--gains', FLAT, '--amount=2'],
      /--amount must be a number from 0 to 1\.5/,
    ],
    [['apply', 'IN', '--gains', FLAT, '--out-dir', 'IN'], /--out-dir .* is not a directory/],
    [['auto', 'IN', 'IN'], /refusing to overwrite the input/],
    [['auto', 'IN'], /usage: eq auto IN OUT/],
    [['preset', 'IN', '--format', 'xml'], /--format must be one of graphiceq, parametric, json/],
  ])('refuses %j with one line and a non-zero exit', async (args, reason) => {
    const r = await runEq(...args.map((a) => (a === 'IN' ? input : a)));
    expect(r.status).not.toBe(0);
    expect(errLines(r)).toHaveLength(1);
    expect(r.stderr).toMatch(reason);
    expect(r.stdout).toBe('');
    expect(sha256(input)).toBe(before);
  });
});

describe('eq --help', () => {
  it('prints the overview with every verb, and each verb its own usage, on stdout with exit 0', async () => {
    const verbs = Object.keys(VERB_USAGE);
    expect(verbs).toEqual(['apply', 'auto', 'analyze', 'profile', 'styles', 'preset', 'accuracy']);
    const runs = await Promise.all([
      runEq('--help'),
      runEq('-h'),
      ...verbs.map((v) => runEq(v, '--help')),
      runEq('apply', 'x.wav', 'y.wav', '-h'),
    ]);
    for (const r of runs) {
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^usage: /);
    }
    for (const v of verbs) expect(runs[0]!.stdout).toContain(`  ${v} `);
    verbs.forEach((v, i) => expect(runs[2 + i]!.stdout).toBe(VERB_USAGE[v]));
  });
});
