import { describe, expect, it } from 'vitest';
import { parseApplyArgs } from './apply-command.ts';
import { parseArgs, wantsHelp } from './args.ts';
import { UsageError } from './usage-error.ts';

const G = '-1,0,0,0,0,0,0,0,0,2.5';

describe('the command line grammar', () => {
  it('takes values as --name value and --name=value, negative ones included', () => {
    for (const argv of [
      ['in.wav', 'out.wav', '--gains', G],
      ['in.wav', 'out.wav', `--gains=${G}`],
      ['--gains', G, 'in.wav', 'out.wav'],
    ]) {
      expect(parseApplyArgs(argv)).toEqual({
        inputs: ['in.wav'],
        output: 'out.wav',
        curve: { kind: 'gains', gainsDb: [-1, 0, 0, 0, 0, 0, 0, 0, 0, 2.5] },
        amount: 1,
        force: false,
        delivery: { kind: 'keep', ceilingDbtp: -1 },
      });
    }
  });

  it('reads a batch, a preset, --auto, --amount, a loudness target and --force', () => {
    expect(
      parseApplyArgs([
        '--auto',
        'a.flac',
        'b.mp3',
        '--out-dir',
        'out',
        '--amount',
        '0.5',
        '--force',
        '--target-lufs',
        '-14',
        '--ceiling-dbtp=-2',
      ]),
    ).toEqual({
      inputs: ['a.flac', 'b.mp3'],
      outDir: 'out',
      curve: { kind: 'auto' },
      amount: 0.5,
      force: true,
      delivery: { kind: 'loudness', lufs: -14, ceilingDbtp: -2 },
    });
    expect(parseApplyArgs(['a.wav', 'b.wav', '--preset', 'p.txt']).curve).toEqual({
      kind: 'preset',
      path: 'p.txt',
    });
  });

  it.each([
    [['a', 'b'], /--gains is required/],
    [['a', 'b', '--gains', G, '--preset', 'p'], /give one of/],
    [['a', '--gains', G], /usage: eq apply IN OUT/],
    [['--auto', '--out-dir', 'o'], /at least one input/],
    [['a', 'b', '--gains', G, '--gains', G], /given twice/],
    [['a', 'b', '--gains'], /--gains needs a value/],
    [['a', 'b', '--auto=yes'], /unknown option --auto/],
    [['a', 'b', '--auto', '--target-lufs', 'loud'], /--target-lufs must be a number/],
    [['a', 'b', '--auto', '--ceiling-dbtp', '3'], /--ceiling-dbtp must be a number from -20 to 0/],
  ])('refuses %j', (argv, reason) => {
    expect(() => parseApplyArgs(argv)).toThrow(UsageError);
    expect(() => parseApplyArgs(argv)).toThrow(reason);
  });

  it('ends options at --, and finds --help or -h before it', () => {
    expect(parseArgs(['--', '--odd name.wav'], {}).positional).toEqual(['--odd name.wav']);
    expect(wantsHelp(['x', '-h'])).toBe(true);
    expect(wantsHelp(['x', '--', '--help'])).toBe(false);
  });
});
