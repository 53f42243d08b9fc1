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
const PLURAL = new Set(['Low mids', 'Mids', 'Upper mids']);

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
  /** Say how sure each band is (where the suggestion is blind and the model gives it). */
  withConfidence: boolean;
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * One sentence per band the curve moves noticeably, e.g. "Low end sits 6 dB above the typical range for your
 * references: the suggestion cuts 4 dB at 62.5 Hz." A band moves noticeably when its gain is NOTICEABLE_DB or
 * more and as far from the curve's median: a boost of the bass comes with a small cut everywhere else (the
 * curve's mean is zero), which is a change of level, not of balance, and is said once, at the end.
 */
export function balanceLines(rows: readonly BandBalance[], ctx: LineContext): string[] {
  const lines: string[] = [];
  const level = median(rows.map((r) => r.gainDb));
  for (const r of rows) {
    if (Math.abs(r.gainDb) < NOTICEABLE_DB || Math.abs(r.gainDb - level) < NOTICEABLE_DB) continue;
    const sits = PLURAL.has(r.name) ? 'sit' : 'sits';
    const is = PLURAL.has(r.name) ? 'are' : 'is';
    const action = `${ctx.curveName} ${r.gainDb < 0 ? 'cuts' : 'boosts'} ${dB(r.gainDb)} at ${bandLabel(r.hz)}`;
    let why: string;
    if (r.lowDb === null || r.highDb === null) {
      why = `${r.name}:`;
    } else if (r.beforeDb > r.highDb + 0.5) {
      why = `${r.name} ${sits} ${dB(r.beforeDb - r.highDb)} above the typical range for ${ctx.targetName}:`;
    } else if (r.beforeDb < r.lowDb - 0.5) {
      why = `${r.name} ${sits} ${dB(r.lowDb - r.beforeDb)} below the typical range for ${ctx.targetName}:`;
    } else {
      why = `${r.name} ${is} within the typical range for ${ctx.targetName}, yet`;
    }
    const sure =
      !ctx.withConfidence || r.confidence === null
        ? ''
        : ` (confidence ${r.confidence >= 0.66 ? 'high' : r.confidence >= 0.33 ? 'medium' : 'low'})`;
    lines.push(`${why} ${action}${sure}.`);
  }
  if (lines.length > 0 && Math.abs(level) >= NOTICEABLE_DB) {
    lines.push(
      `The other bands sit ${dB(level)} ${level < 0 ? 'lower' : 'higher'} overall: a change of level, not of balance.`,
    );
  }
  return lines;
}
