/**
 * Split by package: composers and mastering repeat within a package, so whole packages are held out for
 * validation and test. Chosen so each held-out set mixes styles (see models/README.md).
 */
export const TEST_PACKAGES: readonly string[] = [
  'widelands-data',
  'freedroidrpg-data',
  'pushover-data',
  'drascula-music',
];
export const VAL_PACKAGES: readonly string[] = ['hedgewars-data', 'trackballs-data'];

export type Split = 'train' | 'val' | 'test';

export function splitOf(pkg: string): Split {
  if (TEST_PACKAGES.includes(pkg)) return 'test';
  if (VAL_PACKAGES.includes(pkg)) return 'val';
  return 'train';
}
