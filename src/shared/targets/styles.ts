/**
 * Style targets: balances learned from the corpus by models/targets/derive-styles.ts and committed as
 * models/styles.json (how and from which music: models/STYLES.md). Each is a typical balance per engine band
 * with its typical range (the tunnel, for the view) and how its tracks vary around it (for the matcher).
 */
import stylesJson from '../../../models/styles.json' with { type: 'json' };
import { invertMatrix } from './match.ts';

export interface OctaveTunnel {
  /** Typical balance per engine band (dB, mean over bands removed). */
  centreDb: number[];
  /** The typical range: its lower and upper edge per engine band (dB). */
  lowDb: number[];
  highDb: number[];
}

export interface StyleTarget {
  /** What `--style` and the app call it. */
  name: string;
  label: string;
  /** One line on what it is and what music it was learned from. */
  description: string;
  /** How many corpus tracks it was derived from. */
  tracks: number;
  /** The typical balance per engine band and its typical range (the tunnel). */
  tunnel: OctaveTunnel;
  /** How the style's tracks vary around the typical balance: covariance over engine bands (dB², 10 x 10). */
  covarianceDb2: number[];
}

export interface StylesFile {
  version: number;
  styles: StyleTarget[];
}

export const STYLES: StylesFile = stylesJson as StylesFile;

export function styleNames(file: StylesFile = STYLES): string[] {
  return file.styles.map((s) => s.name);
}

export function findStyle(name: string, file: StylesFile = STYLES): StyleTarget | undefined {
  return file.styles.find((s) => s.name === name.toLowerCase());
}

const precisions = new WeakMap<StyleTarget, Float64Array>();

/** The inverse of the style's covariance: how much a song's departure from the style says about its EQ. */
export function stylePrecision(style: StyleTarget): Float64Array {
  let p = precisions.get(style);
  if (!p) {
    p = invertMatrix(style.covarianceDb2, style.tunnel.centreDb.length);
    precisions.set(style, p);
  }
  return p;
}
