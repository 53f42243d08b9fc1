/**
 * Style targets: balances learned from the corpus by models/targets/derive-styles.ts and committed as
 * models/styles.json (how and from which music: models/STYLES.md). Each is a balance per feature band with
 * the track-to-track spread around it, and an octave-band tunnel (the typical range) for the view.
 */
import stylesJson from '../../../models/styles.json' with { type: 'json' };
import type { BalanceObservation } from './match.ts';

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
  /** Per feature band: the typical balance (median) and the spread of the style's tracks around it (dB). */
  levelDb: number[];
  spreadDb: number[];
  tunnel: OctaveTunnel;
}

export interface StylesFile {
  version: number;
  contractVersion: string;
  bandsHz: number[];
  styles: StyleTarget[];
}

export const STYLES: StylesFile = stylesJson as StylesFile;

export function styleNames(file: StylesFile = STYLES): string[] {
  return file.styles.map((s) => s.name);
}

export function findStyle(name: string, file: StylesFile = STYLES): StyleTarget | undefined {
  return file.styles.find((s) => s.name === name.toLowerCase());
}

/** A style as the matcher's target: its balance, with its spread as the uncertainty, every band in use. */
export function styleObservation(style: StyleTarget, bandsHz: readonly number[]): BalanceObservation {
  return {
    bandsHz,
    levelDb: style.levelDb,
    sigmaDb: style.spreadDb,
    presence: style.levelDb.map(() => 1),
  };
}
