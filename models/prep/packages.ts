import { readFileSync } from 'node:fs';
/**
 * The corpus: free-licensed Debian packages with mastered music. Exactly these, nothing else: the model is
 * also evaluated on music that is not among them. The first 18 are the version 1-2 corpus (issue 4); the
 * rest were added for version 3 (issue 12), each kept only as far as it holds full music tracks.
 */
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
  'planetblupi-music-ogg',
  'asc-music',
  'xblast-tnt-musics',
  'fb-music-high',
  'supertux-data',
  'flare-game',
  'freeorion-data',
  '0ad-data',
  'megaglest-data',
  'neverball-data',
  'xmoto-data',
  'extremetuxracer-data',
  'lincity-ng-data',
  'frozen-bubble-data',
  'scorched3d-data',
  'endless-sky-data',
  'btanks-data',
  'adonthell-data',
  'pingus-data',
  'redeclipse-data',
  'cube2-data',
  'lugaru-data',
  'gigalomania-data',
  'raincat-data',
  'holotz-castle-data',
  'tecnoballz-data',
  'solarwolf',
];

/**
 * A package counts with at most this many minutes of music (when the dataset's examples are shared out,
 * and in the tracks training reads), so that big ones do not dominate.
 */
export const PACKAGE_CAP_MIN = 60;

/** Where downloaded packages, extracted trees and intermediate data live (gitignored). */
export const CACHE_DIR = new URL('../.cache/', import.meta.url).pathname;
/** Untouched whole-track features and the curve tables the trainer applies to them. */
export const TRACKS_DIR = `${CACHE_DIR}tracks/`;
export const MANIFEST_PATH = new URL('../manifest.json', import.meta.url).pathname;

/** Audio files ffmpeg decodes, tracker modules (rendered by ffmpeg's libopenmpt) included. */
const AUDIO_EXT = /\.(ogg|oga|mp3|flac|wav|opus|mod|xm|s3m|it)$/i;
/** Archives whose entries count like files of the package (0ad keeps its music in public.zip). */
export const ARCHIVE_EXT = /\.(zip|pk3)$/i;

/**
 * xblast-tnt-musics ships its songs as headerless PCM (.raw): unsigned 8-bit mono at 22,050 Hz, what the
 * game's sound server plays (the bytes centre on 128). Named here so ffmpeg can read them.
 */
export const RAW_PCM: Readonly<Record<string, { format: string; rateHz: number; channels: number }>> = {
  'xblast-tnt-musics': { format: 'u8', rateHz: 22050, channels: 1 },
};

/** Packages that are music only: every audio file in them is a track. */
const MUSIC_ONLY = new Set(['planetblupi-music-ogg', 'asc-music', 'xblast-tnt-musics', 'fb-music-high']);

/**
 * Where a package keeps music that is not under a directory named like "music": checked by listing each
 * package's audio (models/README.md). Everything else in those directories is sound effects, voices and
 * ambience, which the 45 s minimum and these rules keep out.
 */
const MUSIC_ELSEWHERE: Readonly<Record<string, RegExp>> = {
  // Per-theme soundtracks.
  'pushover-data': /\/pushover\/themes\//,
  // The game's one score track sits with the sound effects.
  'freeorion-data': /\/data\/sound\/artificial_intelligence[^/]*\.ogg$/,
  // "zik" (French slang): the in-game and title music.
  'frozen-bubble-data': /\/snd\/[^/]*zik[^/]*\.ogg$/,
  'lugaru-data': /\/Sounds\/Music[^/]*$/,
  'adonthell-data': /\/wastesedge\/audio\/at-demo-[^/]*\.ogg$/,
  'holotz-castle-data': /\/game\/sound\/HC(MainTitle|Credits)[^/]*\.wav$/,
  'btanks-data': /\/data\/tunes\//,
};

/**
 * Music, not sound effects: a path component named like "music" (music/, Music/, Musics/, Music.ocg/), a
 * music-only package, or the package's own music location above. `relPath` may run into an archive
 * (".../public.zip/audio/music/x.ogg").
 */
export function isMusicPath(pkg: string, relPath: string): boolean {
  const raw = pkg in RAW_PCM && /\.raw$/i.test(relPath);
  if (!AUDIO_EXT.test(relPath) && !raw) return false;
  if (pkg.endsWith('-music') || MUSIC_ONLY.has(pkg)) return true;
  const dirs = relPath.split('/').slice(0, -1);
  if (dirs.some((d) => /music/i.test(d))) return true;
  return MUSIC_ELSEWHERE[pkg]?.test(`/${relPath}`) ?? false;
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
