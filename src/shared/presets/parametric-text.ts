/**
 * EqualizerAPO's parametric filter lines, which Peace reads too:
 *   Preamp: -6.3 dB
 *   Filter 1: ON PK Fc 31.6 Hz Gain 10.81 dB Q 1.623
 * One peaking filter per band of our engine, tuned so the cookbook filters those tools build sound like the
 * engine (cookbook-fit.ts), and a preamp that cancels the highest boost, so the chain never raises any
 * frequency above 0 dB.
 */
import { designGraphicEq, eqResponseDb } from '../dsp/index.ts';
import { cookbookBellsFor } from './cookbook-fit.ts';
import { FIT_GRID_HZ, PRESET_SAMPLE_RATE_HZ } from './curve.ts';
import { fixed1 } from './graphic-eq-text.ts';
import { PresetError } from './preset-error.ts';
import { parametricResponseDb, type ParametricFilter } from './rbj-filters.ts';

export interface ParametricPreset {
  preampDb: number;
  filters: ParametricFilter[];
}

/** Output devices run at either rate; the preamp covers both. */
const PREAMP_RATES_HZ = [44100, 48000];

/** The highest gain (dB) of a filter chain at the common device rates, on a 1/48-octave grid up to Nyquist. */
export function peakGainDb(filters: readonly ParametricFilter[]): number {
  let peak = -Infinity;
  for (const rate of PREAMP_RATES_HZ) {
    const grid: number[] = [];
    for (let f = 10; f < rate / 2; f *= 2 ** (1 / 48)) grid.push(f);
    for (const v of parametricResponseDb(filters, grid, rate)) peak = Math.max(peak, v);
  }
  return peak;
}

/**
 * Rounded as written: Fc to 0.1 Hz (EqualizerAPO reads "1234.567" as a thousands separator, so never three
 * decimals), gain to 0.01 dB, Q to 0.001.
 */
const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** The preset for a command: cookbook bells that sound like the engine, and a preamp so nothing is boosted. */
export function parametricPreset(gainsDb: ArrayLike<number>): ParametricPreset {
  const design = designGraphicEq(gainsDb, PRESET_SAMPLE_RATE_HZ);
  const target = eqResponseDb(gainsDb, PRESET_SAMPLE_RATE_HZ, FIT_GRID_HZ);
  const filters = cookbookBellsFor(design, target).map((f) => ({
    type: f.type,
    frequencyHz: round(f.frequencyHz, 1),
    gainDb: round(f.gainDb, 2),
    q: round(f.q!, 3),
  }));
  const peak = peakGainDb(filters);
  // Up to the next 0.1 dB, so the written preamp is never smaller than the boost it cancels.
  const preampDb = peak > 0 ? -Math.ceil(peak * 10 - 1e-9) / 10 : 0;
  return { preampDb, filters };
}

export function toParametricText(preset: ParametricPreset): string {
  const lines = [`Preamp: ${fixed1(preset.preampDb)} dB`];
  preset.filters.forEach((f, i) => {
    lines.push(
      `Filter ${i + 1}: ON ${f.type} Fc ${f.frequencyHz.toFixed(1)} Hz Gain ${f.gainDb.toFixed(2)} dB Q ${f.q!.toFixed(3)}`,
    );
  });
  return `${lines.join('\n')}\n`;
}

const TYPES: Record<string, { type: ParametricFilter['type']; corner: boolean }> = {
  PK: { type: 'PK', corner: false },
  PEQ: { type: 'PK', corner: false },
  MODAL: { type: 'PK', corner: false },
  LS: { type: 'LS', corner: true },
  LSC: { type: 'LS', corner: false },
  HS: { type: 'HS', corner: true },
  HSC: { type: 'HS', corner: false },
};

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s.replace(',', '.')));

/**
 * The `Filter:` lines of an EqualizerAPO/Peace text (filters switched OFF are skipped; `Preamp:` lines are
 * summed). Reads the filters that shape a tonal balance: PK/PEQ/Modal, LS/LSC and HS/HSC; refuses others
 * (pass filters, notches) with the line that has them.
 */
export function parseParametricText(text: string): ParametricPreset {
  const filters: ParametricFilter[] = [];
  let preampDb = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    const where = `line ${index + 1}`;
    const preamp = /^\s*Preamp\s*:\s*([-+0-9.,eE]+)\s*dB/i.exec(line);
    if (preamp) preampDb += num(preamp[1]) ?? 0;
    const m = /^\s*Filter\s*\d*\s*:\s*(ON|OFF)\s+([A-Za-z]+)(.*)$/i.exec(line);
    if (!m || m[1]!.toUpperCase() === 'OFF' || m[2]!.toUpperCase() === 'NONE') return;
    const kind = TYPES[m[2]!.toUpperCase()];
    if (!kind)
      throw new PresetError(`${where}: filter type '${m[2]}' is not supported (PK, LS/LSC, HS/HSC are)`);
    const rest = m[3]!;
    const fc = num(/\bFc\s*([-+0-9.,eE]+)\s*Hz/i.exec(rest)?.[1]);
    const gain = num(/\bGain\s*([-+0-9.,eE]+)\s*dB/i.exec(rest)?.[1]);
    const q = num(/\bQ\s*([-+0-9.,eE]+)/.exec(rest)?.[1]);
    const bw = num(/\bBW\s+Oct\s*([-+0-9.,eE]+)/i.exec(rest)?.[1]);
    const slopeDb = num(/^\s*([-+0-9.,eE]+)\s*dB/i.exec(rest)?.[1]);
    if (!(fc! > 0) || !Number.isFinite(fc))
      throw new PresetError(`${where}: the filter has no valid Fc … Hz`);
    if (!Number.isFinite(gain)) throw new PresetError(`${where}: the filter has no valid Gain … dB`);
    for (const [name, v] of [
      ['Q', q],
      ['BW Oct', bw],
      ['slope', slopeDb],
    ] as const) {
      if (v !== undefined && !(v > 0 && Number.isFinite(v)))
        throw new PresetError(`${where}: the filter's ${name} must be a positive number`);
    }
    const filter: ParametricFilter = { type: kind.type, frequencyHz: fc!, gainDb: gain! };
    if (kind.type === 'PK') {
      if (q === undefined && bw === undefined)
        throw new PresetError(`${where}: the peaking filter has no Q or BW Oct`);
      if (q !== undefined) filter.q = q;
      else filter.bandwidthOct = bw!;
    } else if (q !== undefined) {
      filter.q = q;
    } else if (slopeDb !== undefined) {
      // EqualizerAPO: S = slope / 12 dB, and LS/HS (not LSC/HSC) name the corner, not the centre, frequency.
      filter.slope = slopeDb / 12;
      if (kind.corner) {
        const factor = 10 ** (Math.abs(gain!) / 80 / filter.slope);
        filter.frequencyHz = kind.type === 'LS' ? fc! * factor : fc! / factor;
      }
    }
    filters.push(filter);
  });
  return { preampDb, filters };
}
