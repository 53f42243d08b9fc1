/**
 * `npm run model:styles`: derives the style targets from the corpus's track balances (after
 * `npm run model:fetch`) and writes models/styles.json, which the app and `eq analyze --style` read, and the
 * held-out report in models/STYLES.md.
 *
 * Each track's balance is its profile as the app measures a reference (power-mean level of its
 * representative frames, octave bands, relative to the 125 Hz-4 kHz mean). Styles are learned from the training and validation
 * packages only; each package counts equally (a track weighs 1 / its package's track count), so a large
 * soundtrack does not make the style. A style's typical balance is the weighted median per band, its
 * tunnel the weighted 25th-75th percentiles, and its covariance over bands tells the matcher how far songs
 * of that style stray. The test packages are kept for the report: how far their songs sit from the tunnel.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { BAND_LABELS } from '../../src/shared/dsp/index.ts';
import type { StyleTarget, StylesFile } from '../../src/shared/targets/index.ts';
import { FAMILY_LABELS } from './families.ts';
import { readTracks } from './halves.ts';
import type { TrackBalance } from './track-balances.ts';
import { trackBalances } from './track-balances.ts';

const STYLES_PATH = new URL('../styles.json', import.meta.url).pathname;
const REPORT_PATH = new URL('../STYLES.md', import.meta.url).pathname;
const NB = BAND_LABELS.length;

/** Spectral tilt (dB per octave) of a balance over 62.5 Hz-8 kHz, where every track has music. */
export function tiltDbPerOctave(balanceDb: readonly number[]): number {
  const xs = [1, 2, 3, 4, 5, 6, 7, 8];
  const mx = xs.reduce((a, x) => a + x, 0) / xs.length;
  const my = xs.reduce((a, x) => a + balanceDb[x]!, 0) / xs.length;
  const sxy = xs.reduce((a, x) => a + (x - mx) * (balanceDb[x]! - my), 0);
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return sxy / sxx;
}

/** Weighted percentile (p in 0-1) of values. */
function weightedPercentile(values: readonly number[], weights: readonly number[], p: number): number {
  const order = values.map((v, i) => [v, weights[i]!] as const).sort((a, b) => a[0] - b[0]);
  const total = order.reduce((a, [, w]) => a + w, 0);
  let acc = 0;
  for (const [v, w] of order) {
    acc += w;
    if (acc >= p * total) return v;
  }
  return order[order.length - 1]![0];
}

interface StyleSpec {
  name: string;
  label: string;
  description: string;
  member: (t: TrackBalance, tilt: { low: number; high: number }) => boolean;
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Package-weighted covariance of the tracks' balances over the engine bands (dB², row-major). */
function covariance(members: readonly TrackBalance[]): number[] {
  const perPackage = new Map<string, number>();
  for (const t of members) perPackage.set(t.package, (perPackage.get(t.package) ?? 0) + 1);
  const w = members.map((t) => 1 / perPackage.get(t.package)!);
  const total = w.reduce((a, x) => a + x, 0);
  const mean = Array.from(
    { length: NB },
    (_, b) => members.reduce((a, t, i) => a + w[i]! * t.balanceDb[b]!, 0) / total,
  );
  const out: number[] = [];
  for (let i = 0; i < NB; i++) {
    for (let j = 0; j < NB; j++) {
      const c = members.reduce(
        (a, t, k) => a + w[k]! * (t.balanceDb[i]! - mean[i]!) * (t.balanceDb[j]! - mean[j]!),
        0,
      );
      out.push(c / total);
    }
  }
  return out;
}

/**
 * A style's covariance, trusted as far as the number of packages behind it allows: shrunk toward the whole
 * training corpus's by 2 / (packages + 2). Ten tracks of one album agree more closely than the style does.
 */
function shrunkCovariance(members: readonly TrackBalance[], corpus: readonly number[]): number[] {
  const packages = new Set(members.map((t) => t.package)).size;
  const keep = packages / (packages + 2);
  return covariance(members).map((c, k) => {
    // A little independent spread per band keeps the matrix invertible.
    const ridge = k % (NB + 1) === 0 ? 0.25 : 0;
    return round(keep * c + (1 - keep) * corpus[k]! + ridge);
  });
}

function deriveStyle(
  spec: StyleSpec,
  members: readonly TrackBalance[],
  corpus: readonly number[],
): StyleTarget {
  const perPackage = new Map<string, number>();
  for (const t of members) perPackage.set(t.package, (perPackage.get(t.package) ?? 0) + 1);
  const w = members.map((t) => 1 / perPackage.get(t.package)!);
  const band = (b: number) => members.map((t) => t.balanceDb[b]!);
  const pct = (p: number) => Array.from({ length: NB }, (_, b) => round(weightedPercentile(band(b), w, p)));
  return {
    name: spec.name,
    label: spec.label,
    description: spec.description,
    tracks: members.length,
    tunnel: { centreDb: pct(0.5), lowDb: pct(0.25), highDb: pct(0.75) },
    covarianceDb2: shrunkCovariance(members, corpus),
  };
}

const familyOf = (pkg: string) => FAMILY_LABELS.find((l) => l.package === pkg)?.family;

const SPECS: StyleSpec[] = [
  {
    name: 'balanced',
    label: 'Balanced',
    description: 'the middle third of the corpus by spectral tilt: neither dark nor bright',
    member: (t, tilt) => {
      const x = tiltDbPerOctave(t.balanceDb);
      return x > tilt.low && x < tilt.high;
    },
  },
  {
    name: 'warm',
    label: 'Warm',
    description: 'the third of the corpus with the steepest fall from bass to treble: full lows, soft highs',
    member: (t, tilt) => tiltDbPerOctave(t.balanceDb) <= tilt.low,
  },
  {
    name: 'bright',
    label: 'Bright',
    description: 'the third of the corpus with the flattest fall from bass to treble: present, airy highs',
    member: (t, tilt) => tiltDbPerOctave(t.balanceDb) >= tilt.high,
  },
  {
    name: 'orchestral',
    label: 'Orchestral',
    description: 'orchestral game scores (Battle for Wesnoth, Unknown Horizons, FreeCol)',
    member: (t) => familyOf(t.package) === 'orchestral',
  },
  {
    name: 'electronic',
    label: 'Electronic',
    description: 'synthesizer and tracker game music (Dave Gnukem, Trackballs)',
    member: (t) => familyOf(t.package) === 'electronic',
  },
  {
    name: 'rock',
    label: 'Rock',
    description: 'metal songs by Obsidian Shell (M.A.R.S.)',
    member: (t) => familyOf(t.package) === 'rock',
  },
];

/** How far a balance sits outside a style's tunnel: mean over bands of the distance to its nearer edge. */
export function tunnelDistance(
  balanceDb: readonly number[],
  s: StyleTarget,
): { outsideDb: number; inside: number } {
  let outside = 0;
  let inside = 0;
  balanceDb.forEach((v, b) => {
    const d = Math.max(0, s.tunnel.lowDb[b]! - v, v - s.tunnel.highDb[b]!);
    outside += d;
    if (d === 0) inside++;
  });
  return { outsideDb: outside / NB, inside: inside / NB };
}

function main(): void {
  const all = trackBalances(readTracks(['train', 'val', 'test']));
  const training = all.filter((t) => t.split !== 'test');
  const test = all.filter((t) => t.split === 'test');
  const tilts = training.map((t) => tiltDbPerOctave(t.balanceDb));
  const perPackage = new Map<string, number>();
  for (const t of training) perPackage.set(t.package, (perPackage.get(t.package) ?? 0) + 1);
  const w = training.map((t) => 1 / perPackage.get(t.package)!);
  const tilt = { low: weightedPercentile(tilts, w, 1 / 3), high: weightedPercentile(tilts, w, 2 / 3) };
  const corpus = covariance(training);
  const styles = SPECS.map((spec) =>
    deriveStyle(
      spec,
      training.filter((t) => spec.member(t, tilt)),
      corpus,
    ),
  );
  const file: StylesFile & Record<string, unknown> = {
    $comment:
      'Style targets derived by npm run model:styles (models/targets/derive-styles.ts) from the corpus in models/manifest.json; how and from which music: models/STYLES.md. Balances per engine band (dB, mean over bands removed).',
    version: 1,
    tiltDbPerOctave: { warmAtMost: round(tilt.low), brightAtLeast: round(tilt.high) },
    styles,
  };
  writeFileSync(STYLES_PATH, `${JSON.stringify(file, null, 1)}\n`);

  // The report: held-out songs of each style against its tunnel, next to the training songs it came from.
  const rows = SPECS.map((spec, i) => {
    const s = styles[i]!;
    const measure = (tracks: TrackBalance[]) => {
      const d = tracks.map((t) => tunnelDistance(t.balanceDb, s));
      const n = Math.max(1, d.length);
      return {
        count: tracks.length,
        outside: d.reduce((a, x) => a + x.outsideDb, 0) / n,
        inside: d.reduce((a, x) => a + x.inside, 0) / n,
      };
    };
    const held = measure(test.filter((t) => spec.member(t, tilt)));
    const own = measure(training.filter((t) => spec.member(t, tilt)));
    const others = measure(test.filter((t) => !spec.member(t, tilt)));
    const cell = (m: { count: number; outside: number; inside: number }) =>
      m.count === 0
        ? 'none | – | –'
        : `${m.count} | ${m.outside.toFixed(2)} | ${Math.round(m.inside * 100)} %`;
    return `| ${s.name} | ${cell(own)} | ${cell(held)} | ${cell(others)} |`;
  });
  const table = [
    '| style | learned from (tracks) | outside (dB) | inside | held-out songs of the style | outside (dB) | inside | held-out songs of other styles | outside (dB) | inside |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  const report = readFileSync(REPORT_PATH, 'utf8');
  const start = '<!-- styles:start -->';
  const end = '<!-- styles:end -->';
  const body = `${start}\n\n${table}\n\nTilt thresholds (training, package-weighted thirds): warm at most ${tilt.low.toFixed(2)} dB per octave, bright at least ${tilt.high.toFixed(2)} dB per octave.\n\n${end}`;
  writeFileSync(REPORT_PATH, report.replace(new RegExp(`${start}[\\s\\S]*${end}`), body));
  console.log(table);
}

main();
