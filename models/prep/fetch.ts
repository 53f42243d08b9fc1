/**
 * Stage 1 (npm run model:fetch): download the corpus packages with `apt-get download`, unpack them with
 * `dpkg-deb -x` (never installed), select full music tracks and write models/manifest.json.
 * Re-running reuses downloads and unpacked trees in models/.cache.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { mixdown } from '../../src/shared/features/index.ts';
import { CONTRACT } from '../../src/shared/model/index.ts';
import { decodeWithFfmpeg } from './decode.ts';
import { licenceFor } from './licence.ts';
import { CACHE_DIR, MANIFEST_PATH, PACKAGES, isMusicPath, pcmPath } from './packages.ts';
import type { TrackQuality } from './quality.ts';
import { isNearDuplicate, measureQuality } from './quality.ts';

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
  const packages: { name: string; deb: string; tracks: number; minutes: number }[] = [];
  const t0 = Date.now();
  mkdirSync(join(CACHE_DIR, 'pcm'), { recursive: true });
  for (const pkg of PACKAGES) {
    const deb = debFor(pkg);
    const root = unpack(pkg, deb);
    const files = walk(root)
      .map((f) => relative(root, f))
      .filter((f) => isMusicPath(pkg, f));
    let count = 0;
    let seconds = 0;
    for (const path of files) {
      let reason: string | null;
      let q: TrackQuality | null = null;
      let mono: Float32Array | null = null;
      try {
        const audio = await decodeWithFfmpeg(join(root, path), sampleRate, 2);
        mono = mixdown(audio.channels);
        q = measureQuality(audio.channels, mono, sampleRate);
        reason = rejectReason(q);
      } catch (e) {
        reason = `decoder rejected: ${(e as Error).message}`;
      }
      const dup = q && reason === null ? kept.find((k) => isNearDuplicate(k.q, q)) : undefined;
      if (dup) reason = `near-duplicate of ${dup.id}`;
      if (reason !== null || q === null) {
        rejected.push({ package: pkg, path, reason: reason ?? 'unknown' });
        continue;
      }
      const id = `${pkg}/${path.split('/').pop()}`;
      kept.push({ id, q });
      // The dataset stage reads this instead of decoding again.
      writeFileSync(pcmPath(id), new Uint8Array(mono!.buffer, mono!.byteOffset, mono!.byteLength));
      const licence = licenceFor(root, pkg, path);
      tracks.push({
        id,
        package: pkg,
        path,
        licence,
        durationS: +q.durationS.toFixed(2),
        cutoffHz: Math.round(q.cutoffHz),
      });
      count++;
      seconds += q.durationS;
    }
    packages.push({
      name: pkg,
      deb: deb.split('/').pop()!,
      tracks: count,
      minutes: +(seconds / 60).toFixed(1),
    });
    console.log(`${pkg}: ${count} tracks, ${(seconds / 60).toFixed(1)} min (${files.length} music files)`);
  }
  const manifest = {
    $comment: 'Written by `npm run model:fetch` (models/prep/fetch.ts). Every track the dataset may use.',
    sampleRateHz: sampleRate,
    selection: { MIN_DURATION_S, MAX_SILENCE_S, MAX_CLIPPED_FRACTION, MIN_CUTOFF_HZ },
    totalHours: +(tracks.reduce((s, t) => s + t.durationS, 0) / 3600).toFixed(2),
    packages,
    tracks,
    rejected,
  };
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 1)}\n`);
  console.log(
    `${tracks.length} tracks, ${manifest.totalHours} h, ${rejected.length} rejected, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
}

await main();
