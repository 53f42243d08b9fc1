/**
 * Every corpus track's balance: its profile, as the app measures a reference, and its octave-band balance.
 * The style targets are derived from these (derive-styles.ts). Profiles are cached in models/.cache/targets/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { BalanceProfile } from '../../src/shared/targets/index.ts';
import { measureProfile, octaveBalance } from '../../src/shared/targets/index.ts';
import type { ManifestTrack } from '../prep/fetch.ts';
import { CACHE_DIR, loadPcm } from '../prep/packages.ts';
import type { Split } from '../prep/split.ts';
import { splitOf } from '../prep/split.ts';
import { SAMPLE_RATE, sharedExtractor } from './halves.ts';

export interface TrackBalance {
  id: string;
  package: string;
  split: Split;
  path: string;
  profile: BalanceProfile;
  /** Octave-band balance (dB, relative to the 125 Hz-4 kHz mean). */
  balanceDb: number[];
}

export function trackBalances(tracks: readonly ManifestTrack[]): TrackBalance[] {
  const path = `${CACHE_DIR}targets/track-balances.json`;
  const ids = tracks.map((t) => t.id);
  // The balance is derived from the cached profile, so a change of its definition needs no new features.
  const withBalance = (t: Omit<TrackBalance, 'balanceDb'>): TrackBalance => ({
    ...t,
    balanceDb: octaveBalance(t.profile.levelDb, t.profile.bandsHz),
  });
  if (existsSync(path)) {
    const cached = JSON.parse(readFileSync(path, 'utf8')) as { ids: string[]; tracks: TrackBalance[] };
    if (JSON.stringify(cached.ids) === JSON.stringify(ids)) return cached.tracks.map(withBalance);
  }
  const ex = sharedExtractor();
  const centers = ex.filterbank.centersHz;
  const out = tracks.map((t, i) => {
    const mono = loadPcm(t.id);
    const f = ex.extract(mono);
    const profile = measureProfile(f, centers, mono.length / SAMPLE_RATE);
    if ((i + 1) % 50 === 0) console.error(`track balances: ${i + 1}/${tracks.length}`);
    return { id: t.id, package: t.package, split: splitOf(t.package), path: t.path, profile };
  });
  mkdirSync(`${CACHE_DIR}targets/`, { recursive: true });
  writeFileSync(path, JSON.stringify({ ids, tracks: out }));
  return out.map(withBalance);
}
