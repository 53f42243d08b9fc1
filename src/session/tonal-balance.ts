/**
 * The tonal-balance view's content, in plain TypeScript: per band, the song's balance before and after the
 * curve heard, the target's typical range (the tunnel) and, where the model gives it, its confidence; and one
 * plain-language line per band that the curve moves noticeably, saying why.
 */
import { BAND_CENTERS_HZ } from '../shared/dsp/bands.ts';
import type { TargetedSuggestion } from '../shared/targets/index.ts';

/** A band whose gain is smaller than this is not worth a line (about the smallest change most people hear). */
export const NOTICEABLE_DB = 1.5;

/** What a listener calls each octave band. */
export const BAND_NAMES: readonly string[] = [
  'Sub-bass',
  'Low end',
  'Upper bass',
  'Low mids',
  'Mids',
  'Upper mids',
  'Presence',
  'Bite',
  'Treble',
  'Air',
];

export const bandLabel = (hz: number): string => (hz >= 1000 ? `${hz / 1000} kHz` : `${hz} Hz`);

export interface BandBalance {
  hz: number;
  name: string;
  /** The song's balance (dB relative to its 125 Hz-4 kHz mean), before and after the curve heard. */
  beforeDb: number;
  afterDb: number;
  /** The curve heard in this band (dB). */
  gainDb: number;
  /** The target's typical range, or null (Automatic while the model gives none). */
  lowDb: number | null;
  highDb: number | null;
  /** 0-1 where the model or the matcher says how sure it is; null otherwise. */
  confidence: number | null;
}

/** The view's rows for a song's targeted suggestion and the curve heard (applied, dB per band). */
export function tonalBalance(t: TargetedSuggestion, appliedDb: ArrayLike<number>): BandBalance[] {
  return BAND_CENTERS_HZ.map((hz, b) => ({
    hz,
    name: BAND_NAMES[b]!,
    beforeDb: t.songBalanceDb[b]!,
    afterDb: t.songBalanceDb[b]! + appliedDb[b]!,
    gainDb: appliedDb[b]!,
    lowDb: t.tunnel ? t.tunnel.lowDb[b]! : null,
    highDb: t.tunnel ? t.tunnel.highDb[b]! : null,
    confidence: t.confidence ? t.confidence[b]! : null,
  }));
}

const dB = (v: number) => `${Math.round(Math.abs(v))} dB`;

export interface LineContext {
  /** Who made the curve: "the suggestion", or "your curve" once the user moved away from it. */
  curveName: string;
  /** What the tunnel is, for the sentence: "your references", "the Warm style", "this music". */
  targetName: string;
}

/**
 * One sentence per band the curve moves by NOTICEABLE_DB or more, e.g. "Low end sits 6 dB above the typical
 * range for your references: the suggestion cuts 4 dB at 62.5 Hz."
 */
export function balanceLines(rows: readonly BandBalance[], ctx: LineContext): string[] {
  const lines: string[] = [];
  for (const r of rows) {
    if (Math.abs(r.gainDb) < NOTICEABLE_DB) continue;
    const action = `${ctx.curveName} ${r.gainDb < 0 ? 'cuts' : 'boosts'} ${dB(r.gainDb)} at ${bandLabel(r.hz)}`;
    let why: string;
    if (r.lowDb === null || r.highDb === null) {
      why = `${r.name}:`;
    } else if (r.beforeDb > r.highDb + 0.5) {
      why = `${r.name} sits ${dB(r.beforeDb - r.highDb)} above the typical range for ${ctx.targetName}:`;
    } else if (r.beforeDb < r.lowDb - 0.5) {
      why = `${r.name} sits ${dB(r.lowDb - r.beforeDb)} below the typical range for ${ctx.targetName}:`;
    } else {
      why = `${r.name} is within the typical range for ${ctx.targetName}, yet`;
    }
    const sure =
      r.confidence === null
        ? ''
        : ` (confidence ${r.confidence >= 0.66 ? 'high' : r.confidence >= 0.33 ? 'medium' : 'low'})`;
    lines.push(`${why} ${action}${sure}.`);
  }
  return lines;
}
