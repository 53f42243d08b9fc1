/**
 * Stage 1 (npm run model:fetch): download the corpus packages with `apt-get download` (each once: a .deb
 * already in the cache is reused), unpack them with `dpkg-deb -x` (never installed), take the music out of
 * any .zip/.pk3 archive in them, select full music tracks and write models/manifest.json.
 * Re-running reuses downloads, unpacked trees and extracted archive entries in models/.cache.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { mixdown } from '../../src/shared/features/index.ts';
import { CONTRACT } from '../../src/shared/model/index.ts';
import type { DecodedAudio, RawInput } from './decode.ts';
import { decodeWithFfmpeg } from './decode.ts';
import { licenceFor } from './licence.ts';
import {
  ARCHIVE_EXT,
  CACHE_DIR,
  MANIFEST_PATH,
  PACKAGES,
  RAW_PCM,
  isMusicPath,
  pcmPath,
} from './packages.ts';
import type { TrackQuality } from './quality.ts';
import { isNearDuplicate, measureQuality } from './quality.ts';

/** The version 1-2 corpus: the first 18 packages (for the hours gained). */
const FIRST_CORPUS = 18;
/** Files decoded at once: ffmpeg runs in its own process while this one measures the previous file. */
const DECODE_AHEAD = 3;

/** Selection thresholds (documented in models/README.md). */
export const MIN_DURATION_S = 45;
export const MAX_SILENCE_S = 8;
export const MAX_CLIPPED_FRACTION = 1e-4;
export const MIN_CUTOFF_HZ = 13000;

export interface ManifestTrack {
  id: string;
  package: string;
  path: string;
  licence: string;
  durationS: number;
  cutoffHz: number;
}

function debFor(pkg: string): string {
  const dir = join(CACHE_DIR, 'debs');
  mkdirSync(dir, { recursive: true });
  const find = () => readdirSync(dir).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  if (find() === undefined) execFileSync('apt-get', ['download', '-q', pkg], { cwd: dir, stdio: 'inherit' });
  const deb = find();
  if (deb === undefined) throw new Error(`apt-get download ${pkg} produced no .deb`);
  return join(dir, deb);
}

function unpack(pkg: string, deb: string): string {
  const root = join(CACHE_DIR, 'pkgs', pkg);
  if (existsSync(root)) return root;
  const tmp = `${root}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  execFileSync('dpkg-deb', ['-x', deb, tmp]);
  renameSync(tmp, root);
  return root;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    // Symlinks (often dangling, or a second name for the same file) are skipped.
    const st = lstatSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (st.isFile()) out.push(p);
  }
  return out;
}

const decodeFile = (file: string, raw: RawInput | undefined): Promise<DecodedAudio> =>
  decodeWithFfmpeg(file, CONTRACT.input.sampleRateHz, 2, /\.raw$/i.test(file) ? raw : undefined);

/** A file's quality figures (or why it could not be decoded), its length, and its mono mixdown if decoded now. */
interface Measured {
  q?: TrackQuality;
  error?: string;
  samples?: number;
  mono?: Float32Array;
}

/**
 * Measures a file, or reads the figures an earlier run measured (models/.cache/quality/, keyed by the
 * file's path inside the cache, size and time): a re-run decodes only files it has not seen, also from
 * another checkout whose models/.cache is the same folder. Never rejects: a decoder
 * failure is a value, so one that fails while an earlier file is awaited is not left unhandled.
 */
async function measureFile(file: string, raw: RawInput | undefined): Promise<Measured> {
  const st = statSync(file);
  const key = createHash('sha256')
    .update(`${relative(CACHE_DIR, file)}\0${st.size}\0${st.mtimeMs}`)
    .digest('hex')
    .slice(0, 32);
  const cached = join(CACHE_DIR, 'quality', `${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as Measured;
  let m: Measured;
  try {
    const audio = await decodeFile(file, raw);
    const mono = mixdown(audio.channels);
    m = { q: measureQuality(audio.channels, mono, CONTRACT.input.sampleRateHz), samples: mono.length, mono };
  } catch (e) {
    m = { error: (e as Error).message };
  }
  mkdirSync(join(CACHE_DIR, 'quality'), { recursive: true });
  writeFileSync(cached, JSON.stringify({ q: m.q, error: m.error, samples: m.samples }));
  return m;
}

/** A music file: `path` as the manifest names it (into an archive where it is in one), `file` on disk. */
interface MusicFile {
  path: string;
  file: string;
}

/**
 * The music entries of an archive, extracted once next to it (`<archive>.d/`) with Debian's unzip, which
 * reads a 3 GB archive by seeking instead of loading it.
 */
function archiveMusic(pkg: string, root: string, archive: string): MusicFile[] {
  const rel = relative(root, archive);
  const entries = execFileSync('unzip', ['-Z1', archive], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n')
    .filter((e) => e !== '' && !e.endsWith('/') && isMusicPath(pkg, `${rel}/${e}`));
  if (entries.length === 0) return [];
  const dir = `${archive}.d`;
  const partial = `${dir}.partial`;
  if (!existsSync(dir)) {
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    execFileSync('unzip', ['-q', '-o', archive, ...entries, '-d', partial], { maxBuffer: 1 << 24 });
    renameSync(partial, dir);
  }
  return entries.map((e) => ({ path: `${rel}/${e}`, file: join(dir, e) }));
}

function musicFiles(pkg: string, root: string): MusicFile[] {
  const out: MusicFile[] = [];
  for (const file of walk(root)) {
    const path = relative(root, file);
    if (path.split('/').some((d) => d.endsWith('.d') && ARCHIVE_EXT.test(d.slice(0, -2)))) continue;
    if (ARCHIVE_EXT.test(path)) out.push(...archiveMusic(pkg, root, file));
    else if (isMusicPath(pkg, path)) out.push({ path, file });
  }
  return out;
}

/** `pkg/name`, or with as many parent directories as it takes to be unique (two folders may share names). */
function trackId(pkg: string, path: string, taken: Set<string>): string {
  const parts = path.split('/');
  for (let n = 1; n <= parts.length; n++) {
    const id = `${pkg}/${parts.slice(-n).join('/')}`;
    if (!taken.has(id)) return id;
  }
  throw new Error(`${pkg}/${path} listed twice`);
}

function rejectReason(q: TrackQuality): string | null {
  if (q.durationS < MIN_DURATION_S) return `shorter than ${MIN_DURATION_S} s`;
  if (q.longestSilenceS >= MAX_SILENCE_S) return `silence of ${q.longestSilenceS.toFixed(1)} s`;
  if (q.clippedFraction > MAX_CLIPPED_FRACTION)
    return `clipped (${(q.clippedFraction * 100).toFixed(3)} % of samples)`;
  if (q.cutoffHz < MIN_CUTOFF_HZ) return `band-limited to ${Math.round(q.cutoffHz)} Hz`;
  return null;
}

async function main(): Promise<void> {
  const sampleRate = CONTRACT.input.sampleRateHz;
  const tracks: ManifestTrack[] = [];
  const rejected: { package: string; path: string; reason: string }[] = [];
  const kept: { id: string; q: TrackQuality }[] = [];
  const ids = new Set<string>();
  const packages: { name: string; deb: string; musicFiles: number; tracks: number; minutes: number }[] = [];
  const t0 = Date.now();
  mkdirSync(join(CACHE_DIR, 'pcm'), { recursive: true });
  for (const pkg of PACKAGES) {
    const deb = debFor(pkg);
    const root = unpack(pkg, deb);
    const files = musicFiles(pkg, root);
    const measure = (f: MusicFile) => measureFile(f.file, RAW_PCM[pkg]);
    const pending = files.slice(0, DECODE_AHEAD).map(measure);
    let count = 0;
    let seconds = 0;
    for (const [i, { path, file }] of files.entries()) {
      if (i + DECODE_AHEAD < files.length) pending.push(measure(files[i + DECODE_AHEAD]!));
      const m = await pending[i]!;
      pending[i] = Promise.resolve({ error: 'used' }); // frees the decoded audio
      const q = m.q ?? null;
      // ffmpeg names its demuxer by memory address ("[ogg @ 0x55df…]"): dropped, so the manifest is the same on every run.
      let reason = q ? rejectReason(q) : `decoder rejected: ${m.error?.replace(/ @ 0x[0-9a-f]+\]/g, ']')}`;
      const dup = q && reason === null ? kept.find((k) => isNearDuplicate(k.q, q)) : undefined;
      if (dup) reason = `near-duplicate of ${dup.id}`;
      if (reason !== null || q === null) {
        rejected.push({ package: pkg, path, reason: reason ?? 'unknown' });
        continue;
      }
      const id = trackId(pkg, path, ids);
      ids.add(id);
      kept.push({ id, q });
      // The later stages read this instead of decoding again (a re-run decodes only what is missing).
      if (!existsSync(pcmPath(id)) || statSync(pcmPath(id)).size !== m.samples! * 4) {
        const mono = m.mono ?? mixdown((await decodeFile(file, RAW_PCM[pkg])).channels);
        writeFileSync(pcmPath(id), new Uint8Array(mono.buffer, mono.byteOffset, mono.byteLength));
      }
      tracks.push({
        id,
        package: pkg,
        path,
        licence: licenceFor(root, pkg, path),
        durationS: +q.durationS.toFixed(2),
        cutoffHz: Math.round(q.cutoffHz),
      });
      count++;
      seconds += q.durationS;
    }
    packages.push({
      name: pkg,
      deb: deb.split('/').pop()!,
      musicFiles: files.length,
      tracks: count,
      minutes: +(seconds / 60).toFixed(1),
    });
    console.log(
      `${pkg}: ${count} tracks, ${(seconds / 60).toFixed(1)} min (${files.length} music files, ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  const hours = (names: readonly string[]) =>
    +(tracks.filter((t) => names.includes(t.package)).reduce((s, t) => s + t.durationS, 0) / 3600).toFixed(2);
  const manifest = {
    $comment:
      'Written by `npm run model:fetch` (models/prep/fetch.ts). Every track the later stages may use.',
    sampleRateHz: sampleRate,
    selection: { MIN_DURATION_S, MAX_SILENCE_S, MAX_CLIPPED_FRACTION, MIN_CUTOFF_HZ },
    totalHours: hours(PACKAGES),
    hoursFirstCorpus: hours(PACKAGES.slice(0, FIRST_CORPUS)),
    hoursGained: hours(PACKAGES.slice(FIRST_CORPUS)),
    packages,
    tracks,
    rejected,
  };
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 1)}\n`);
  console.log(
    `${tracks.length} tracks, ${manifest.totalHours} h (${manifest.hoursGained} h from the added packages), ${rejected.length} rejected, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
}

await main();
