/**
 * Profiles -> what the matcher compares: one track's balance with its trust per band, or the average of
 * several references.
 */
import type { BalanceObservation, MatchSettings } from './match.ts';
import { DEFAULT_MATCH_SETTINGS, presenceWeight } from './match.ts';
import type { BalanceProfile } from './profile.ts';

/** A low-pass cliff: everything above sits this far below the band under it ... */
const CLIFF_DB = 20;
/** ... and the bands just under it fall faster than any EQ curve can make them (per quarter octave). */
const STEEP_DB = 8;

/**
 * The first band of a low-pass at the top of the spectrum (a lossy codec's, a band-limited recording's),
 * or the band count when there is none. Those bands hold no music to match: a curve cannot move them.
 */
export function lowPassBand(levelDb: readonly number[]): number {
  let cliff = levelDb.length;
  for (let c = levelDb.length - 1; c >= 2; c--) {
    const above = Math.max(...levelDb.slice(c));
    if (above < levelDb[c - 1]! - CLIFF_DB) cliff = c;
  }
  if (cliff === levelDb.length) return cliff;
  while (cliff >= 2 && levelDb[cliff - 1]! < levelDb[cliff - 2]! - STEEP_DB) cliff--;
  return cliff;
}

/** One track as the matcher sees it: its balance, its spread, and which bands it really uses. */
export function profileObservation(
  p: BalanceProfile,
  s: MatchSettings = DEFAULT_MATCH_SETTINGS,
): BalanceObservation {
  const top = Math.max(...p.levelDb);
  const cutoff = lowPassBand(p.levelDb);
  return {
    bandsHz: p.bandsHz,
    levelDb: p.levelDb,
    sigmaDb: p.spreadDb,
    presence: p.levelDb.map((v, k) => (k >= cutoff ? 0 : presenceWeight(v - top, s))),
  };
}

/**
 * Several references as one target: per band, the presence-weighted mean of their balances, so a reference
 * that lacks a band (a lossy file's top octave) neither drags the average down nor counts there. The
 * target's spread is that of an average (each reference's spread, over the number of references that use
 * the band); its presence is the best any reference gives.
 */
export function averageObservations(items: readonly BalanceObservation[]): BalanceObservation {
  const first = items[0];
  if (!first) throw new Error('no references to average');
  const bands = first.bandsHz.length;
  for (const o of items) {
    if (o.bandsHz.length !== bands || o.bandsHz.some((f, k) => Math.abs(f - first.bandsHz[k]!) > 1e-6)) {
      throw new Error('references measured in different bands');
    }
  }
  if (items.length === 1) return first;
  const levelDb: number[] = [];
  const sigmaDb: number[] = [];
  const presence: number[] = [];
  for (let k = 0; k < bands; k++) {
    const w = items.map((o) => o.presence[k]!);
    const sw = w.reduce((a, x) => a + x, 0);
    if (sw === 0) {
      levelDb.push(items.reduce((a, o) => a + o.levelDb[k]!, 0) / items.length);
      sigmaDb.push(Math.max(...items.map((o) => o.sigmaDb[k]!)));
      presence.push(0);
      continue;
    }
    levelDb.push(items.reduce((a, o, i) => a + w[i]! * o.levelDb[k]!, 0) / sw);
    const variance = items.reduce((a, o, i) => a + w[i]! ** 2 * o.sigmaDb[k]! ** 2, 0) / sw ** 2;
    sigmaDb.push(Math.sqrt(variance));
    presence.push(Math.max(...w));
  }
  return { bandsHz: first.bandsHz, levelDb, sigmaDb, presence };
}

export function referenceObservation(
  profiles: readonly BalanceProfile[],
  s: MatchSettings = DEFAULT_MATCH_SETTINGS,
): BalanceObservation {
  return averageObservations(profiles.map((p) => profileObservation(p, s)));
}
