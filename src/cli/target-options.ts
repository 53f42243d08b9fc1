/**
 * `--reference REF` (repeatable) and `--style NAME` for `eq analyze`: the options, loading the references
 * and the style once per run, and the song's correction toward them through the one suggestion function
 * (src/shared/targets). With both, the style and the references' average count equally.
 */
import type { BlendPart } from '../shared/targets/index.ts';
import {
  STYLES,
  SilentAudioError,
  findStyle,
  profileFromSignal,
  styleNames,
  suggestEq,
} from '../shared/targets/index.ts';
import { measureReference } from './reference-profiles.ts';
import { UsageError } from './usage-error.ts';

export interface TargetArgs {
  references: string[];
  style: string | null;
  /** The other arguments, in order. */
  rest: string[];
}

/** Takes `--reference REF`, `--reference=REF`, `--style NAME` and `--style=NAME` out of argv. */
export function parseTargetArgs(argv: readonly string[]): TargetArgs {
  const out: TargetArgs = { references: [], style: null, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (flag !== '--reference' && flag !== '--style') {
      out.rest.push(a);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
    if (flag === '--reference') out.references.push(value);
    else if (out.style !== null) throw new UsageError('--style may be given once');
    else out.style = value;
  }
  return out;
}

export interface LoadedTarget {
  blend: BlendPart[];
  /** What the correction aims at, printed with each result. */
  description: { references?: string[]; style?: string };
}

/** Null when no target was asked for; throws UsageError (unknown style) or ReferenceError (bad reference). */
export async function loadTarget(args: TargetArgs): Promise<LoadedTarget | null> {
  if (args.references.length === 0 && args.style === null) return null;
  const blend: BlendPart[] = [];
  const description: LoadedTarget['description'] = {};
  if (args.style !== null) {
    const style = findStyle(args.style);
    if (!style) {
      throw new UsageError(`unknown style '${args.style}' (styles: ${styleNames(STYLES).join(', ')})`);
    }
    blend.push({ target: { kind: 'style', style }, weight: 1 });
    description.style = style.name;
  }
  if (args.references.length > 0) {
    const records = [];
    for (const path of args.references) records.push(await measureReference(path));
    blend.push({ target: { kind: 'references', profiles: records.map((r) => r.profile) }, weight: 1 });
    description.references = args.references;
  }
  return { blend, description };
}

/**
 * The correction that matches the song (the analysis signal) to the target; flat for a silent song
 * (`silent` then says so, as the model's loud-frame count does for its suggestion).
 */
export function targetGainsDb(
  target: LoadedTarget,
  signal: Float32Array,
): { gainsDb: number[]; silent: boolean } {
  try {
    return {
      gainsDb: suggestEq({ song: profileFromSignal(signal).profile, blend: target.blend }).gainsDb,
      silent: false,
    };
  } catch (e) {
    // No frame above the silence threshold: no balance to correct, as the model's contract says.
    if (e instanceof SilentAudioError) return { gainsDb: new Array<number>(10).fill(0), silent: true };
    throw e;
  }
}
