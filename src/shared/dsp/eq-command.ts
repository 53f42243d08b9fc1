/**
 * The EQ command: ten band gains in dB, the one value every part of the product passes around (sliders,
 * curve, live player, loudness match, export, storage, command line). Its rules live here and only here:
 * the range and the 0.1 dB step, which bands a sample rate can realise, scaling by the amount, and the
 * designed filters, memoised per command and rate because the curve, the player and the loudness match all
 * ask for the same design within one frame.
 */
import { BAND_CENTERS_HZ, BAND_COUNT, isBandRealisable, MAX_BAND_GAIN_DB } from './bands.ts';
import { designGraphicEq, type EqDesign } from './graphic-eq-design.ts';

declare const dbUnit: unique symbol;

/**
 * Ten band gains in dB, each within ±MAX_BAND_GAIN_DB and on the COMMAND_STEP_DB grid. Only toCommand()
 * makes one, so a value of this type has been clamped and rounded, and cannot be a linear gain or a list of
 * frequencies by mistake.
 */
export type CommandDb = readonly number[] & { readonly [dbUnit]: 'command dB' };

/** The resolution of a command: what the sliders step by and what storage keeps. */
export const COMMAND_STEP_DB = 0.1;

/** The largest amount (1 = 100 %): the amount control scales the whole curve from 0 to this. */
export const MAX_AMOUNT = 1.5;

const clampDb = (g: number) => Math.max(-MAX_BAND_GAIN_DB, Math.min(MAX_BAND_GAIN_DB, g));
const roundStep = (g: number) => Math.round(g / COMMAND_STEP_DB) * COMMAND_STEP_DB;
/** Rounds to the step without binary noise (0.30000000000000004 → 0.3) and without −0. */
const onGrid = (g: number) => Number(roundStep(g).toFixed(1)) + 0;

/** A command from any gains: clamped to the range and rounded to the step. Throws on a wrong length or NaN. */
export function toCommand(gainsDb: ArrayLike<number>): CommandDb {
  if (gainsDb.length !== BAND_COUNT) {
    throw new RangeError(`an EQ command has ${BAND_COUNT} band gains, got ${gainsDb.length}`);
  }
  const out: number[] = [];
  for (let i = 0; i < BAND_COUNT; i++) {
    const g = gainsDb[i] as number;
    if (!Number.isFinite(g)) throw new RangeError(`band ${i + 1}: gain is not a number`);
    out.push(onGrid(clampDb(g)));
  }
  return Object.freeze(out) as unknown as CommandDb;
}

export const FLAT_COMMAND: CommandDb = toCommand(new Array<number>(BAND_COUNT).fill(0));

/** The gain is one a command may hold (finite and within the range), before rounding. */
export const isCommandGain = (g: unknown): g is number =>
  typeof g === 'number' && Number.isFinite(g) && Math.abs(g) <= MAX_BAND_GAIN_DB;

/** The command with one band changed (clamped and rounded like any command). */
function withBand(command: CommandDb, band: number, gainDb: number): CommandDb {
  return toCommand(command.map((g, i) => (i === band ? gainDb : g)));
}

export const sameCommand = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((g, i) => g === b[i]);

export { isBandRealisable };

/** Per band, whether the sample rate can realise it (8 kHz files: up to 2 kHz; 40 kHz: all ten). */
export function realisableBands(sampleRate: number): readonly boolean[] {
  return BAND_CENTERS_HZ.map((_, b) => isBandRealisable(b, sampleRate));
}

/** The command a file at this rate can carry: bands it cannot realise are 0 dB (shown and stored as such). */
export function restrictToRate(command: CommandDb, sampleRate: number): CommandDb {
  return command.every((g, b) => g === 0 || isBandRealisable(b, sampleRate))
    ? command
    : toCommand(command.map((g, b) => (isBandRealisable(b, sampleRate) ? g : 0)));
}

/**
 * What the engine applies at an amount (1 = 100 %): each gain scaled and clamped to the range, not rounded
 * (the amount control is continuous). This is what is heard, exported and drawn.
 */
export function scaleCommand(gainsDb: ArrayLike<number>, amount: number): Float64Array {
  const out = new Float64Array(BAND_COUNT);
  for (let i = 0; i < BAND_COUNT; i++) out[i] = clampDb((gainsDb[i] ?? 0) * amount);
  return out;
}

/**
 * The command whose scaled value at `amount` is closest to `appliedDb` in one band: what a handle or
 * slider that shows the applied curve sets when moved. Null at amount 0, where no command changes the sound.
 */
export function commandForApplied(
  command: CommandDb,
  band: number,
  appliedDb: number,
  amount: number,
): CommandDb | null {
  if (!(amount > 0)) return null;
  return withBand(command, band, appliedDb / amount);
}

/** The applied range a band control offers at an amount: a command at ±MAX, scaled (and clamped). */
export const appliedLimitDb = (amount: number): number =>
  Math.min(MAX_BAND_GAIN_DB, MAX_BAND_GAIN_DB * Math.max(0, amount));

const DESIGN_CACHE_SIZE = 32;
const designs = new Map<string, EqDesign>();

/**
 * The designed filters for gains at a sample rate, memoised (least recently used first out): a design costs
 * a few milliseconds, and a slider move asks for the same one from the curve, the player and the match.
 */
export function eqDesign(gainsDb: ArrayLike<number>, sampleRate: number): EqDesign {
  const key = `${sampleRate}:${Array.from(gainsDb).join(',')}`;
  const hit = designs.get(key);
  if (hit) {
    designs.delete(key);
    designs.set(key, hit);
    return hit;
  }
  const design = designGraphicEq(gainsDb, sampleRate);
  designs.set(key, design);
  if (designs.size > DESIGN_CACHE_SIZE) designs.delete(designs.keys().next().value!);
  return design;
}
