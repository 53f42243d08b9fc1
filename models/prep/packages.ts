import { readFileSync } from 'node:fs';
/** The corpus: free-licensed Debian packages with mastered music (issue 4). Exactly these, nothing else. */
export const PACKAGES: readonly string[] = [
  'wesnoth-1.16-music',
  'naev-data',
  'hedgewars-data',
  'widelands-data',
  'supertuxkart-data',
  'colobot-common-sounds',
  'freedroidrpg-data',
  'drascula-music',
  'unknown-horizons',
  'berusky2-data',
  'pushover-data',
  'davegnukem-data',
  'warmux-data',
  'freecol',
  'trackballs-data',
  'marsshooter-data',
  'openclonk-data',
  'hyperrogue-music',
];

/** Where downloaded packages, extracted trees and intermediate data live (gitignored). */
export const CACHE_DIR = new URL('../.cache/', import.meta.url).pathname;
/** Untouched whole-track features and the curve tables the trainer applies to them. */
export const TRACKS_DIR = `${CACHE_DIR}tracks/`;
export const MANIFEST_PATH = new URL('../manifest.json', import.meta.url).pathname;

const AUDIO_EXT = /\.(ogg|oga|mp3|flac|wav|opus)$/i;

/**
 * Music, not sound effects: a path component named like "music" (music/, Music/, Music.ocg/), a package
 * that is music only, or pushover's per-theme soundtracks. Effects, voices and videos live elsewhere.
 */
export function isMusicPath(pkg: string, relPath: string): boolean {
  if (!AUDIO_EXT.test(relPath)) return false;
  if (pkg.endsWith('-music')) return true;
  const dirs = relPath.split('/').slice(0, -1);
  if (dirs.some((d) => /music/i.test(d))) return true;
  return pkg === 'pushover-data' && relPath.includes('/pushover/themes/');
}

/** Decoded mono mixdown at the contract's rate, float32 little-endian, written by the fetch stage. */
export function pcmPath(trackId: string): string {
  return `${CACHE_DIR}pcm/${trackId.replace(/[^A-Za-z0-9._-]+/g, '_')}.f32`;
}

/** Reads a track's cached mono PCM whole. */
export function loadPcm(trackId: string): Float32Array {
  const buf = readFileSync(pcmPath(trackId));
  const out = new Float32Array(buf.length / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}
