/**
 * `eq accuracy --presets [--json]`: how faithfully presets carry a curve to other equalizers and back, the
 * figures docs/ENGINE.md ("Presets for other equalizers") records. Seeded, so every run measures the same
 * commands: the engine's test commands (uniform ±12 dB, ±12 dB patterns) and gentler ones (uniform ±6 dB,
 * the size of real suggestions).
 */
import { designGraphicEq, eqResponseDb, scaleCommand } from '../shared/dsp/index.ts';
import { seededRandom, testCommands } from '../shared/dsp/test-helpers.ts';
import {
  exportPreset,
  FIT_GRID_HZ,
  importPreset,
  parametricPreset,
  PRESET_SAMPLE_RATE_HZ,
  type ParametricFilter,
} from '../shared/presets/index.ts';
import { parametricResponseDb } from '../shared/presets/rbj-filters.ts';

const COMMANDS = 60;
const RANGES: [string, number, number][] = [
  ['below 8 kHz', 0, 8000],
  ['8-16 kHz', 8000, 16000],
  ['16-20 kHz', 16000, 20001],
];

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

function commandSets(): Record<string, number[][]> {
  const rnd = seededRandom(42);
  return {
    'uniform ±6 dB': Array.from({ length: COMMANDS }, () => Array.from({ length: 10 }, () => rnd() * 12 - 6)),
    'engine test commands (±12 dB)': testCommands(COMMANDS - 5, 11),
  };
}

/** Worst |engine − cookbook realisation| per frequency range. */
function matchByRange(commands: number[][], filtersFor: (c: number[]) => ParametricFilter[], rate: number) {
  const worst = RANGES.map(() => 0);
  for (const c of commands) {
    const ours = eqResponseDb(c, rate, FIT_GRID_HZ);
    const theirs = parametricResponseDb(filtersFor(c), FIT_GRID_HZ, rate);
    FIT_GRID_HZ.forEach((f, i) =>
      RANGES.forEach(([, lo, hi], j) => {
        if (f >= lo && f < hi) worst[j] = Math.max(worst[j]!, Math.abs(ours[i]! - theirs[i]!));
      }),
    );
  }
  return Object.fromEntries(RANGES.map(([name], j) => [name, round3(worst[j]!)]));
}

export function presetAccuracy(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const [set, commands] of Object.entries(commandSets())) {
    for (const format of ['graphiceq', 'parametric', 'json'] as const) {
      const bandErrors: number[] = [];
      let curveRms = 0;
      let importMs = 0;
      for (const c of commands) {
        const text = exportPreset(c, format);
        const start = performance.now();
        const back = importPreset(text);
        importMs += performance.now() - start;
        bandErrors.push(Math.max(...back.gainsDb.map((g, i) => Math.abs(g - c[i]!))));
        const r0 = eqResponseDb(c, PRESET_SAMPLE_RATE_HZ, FIT_GRID_HZ);
        const r1 = eqResponseDb(back.gainsDb, PRESET_SAMPLE_RATE_HZ, FIT_GRID_HZ);
        curveRms = Math.max(
          curveRms,
          Math.sqrt(r0.reduce((s, v, i) => s + (v - r1[i]!) ** 2, 0) / r0.length),
        );
      }
      rows.push({
        figure: 'round trip',
        set,
        format,
        commands: commands.length,
        bandErrorMedianDb: round3(quantile(bandErrors, 0.5)),
        bandErrorP95Db: round3(quantile(bandErrors, 0.95)),
        bandErrorWorstDb: round3(Math.max(...bandErrors)),
        withinTenthDbShare: round3(bandErrors.filter((e) => e <= 0.1).length / bandErrors.length),
        curveRmsWorstDb: round3(curveRms),
        importMs: Math.round(importMs / commands.length),
      });
    }
    const verbatim = (c: number[]): ParametricFilter[] => {
      const d = designGraphicEq(c, PRESET_SAMPLE_RATE_HZ);
      return Array.from(d.bellGainsDb, (g, k) => ({
        type: 'PK' as const,
        frequencyHz: d.bellCentersHz[k]!,
        gainDb: g,
        q: d.bellQ[k]!,
      }));
    };
    const tuned = (c: number[]) => parametricPreset(c).filters;
    for (const rate of [48000, 44100]) {
      rows.push({
        figure: 'parametric match',
        set,
        filters: 'engine bells copied',
        rate,
        worstDb: matchByRange(commands, verbatim, rate),
      });
      rows.push({
        figure: 'parametric match',
        set,
        filters: 'tuned (exported)',
        rate,
        worstDb: matchByRange(commands, tuned, rate),
      });
    }
    // How far the engine's response moves when its command moves by at most ±0.02 dB (design non-uniqueness).
    const rnd = seededRandom(7);
    let jump = 0;
    for (const c of commands) {
      const base = eqResponseDb(c, PRESET_SAMPLE_RATE_HZ, FIT_GRID_HZ);
      const nudged = scaleCommand(
        c.map((g) => g + (rnd() - 0.5) * 0.04),
        1,
      );
      const r = eqResponseDb(nudged, PRESET_SAMPLE_RATE_HZ, FIT_GRID_HZ);
      jump = Math.max(jump, ...r.map((v, i) => Math.abs(v - base[i]!)));
    }
    rows.push({ figure: 'engine response change for a ±0.02 dB command change', set, worstDb: round3(jump) });
  }
  return rows;
}
