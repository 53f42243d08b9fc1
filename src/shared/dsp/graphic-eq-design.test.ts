import { describe, expect, it } from 'vitest';
import { designPointTargetsDb, designPointsHz } from './bands.ts';
import { cascadeResponseDb } from './biquad-response.ts';
import { designGraphicEq } from './graphic-eq-design.ts';
import { designBell } from './peaking.ts';
import { testCommands } from './test-helpers.ts';

const POINTS = designPointsHz();

function worstError(command: number[], sampleRate: number, sos: Float64Array): number {
  const realised = cascadeResponseDb(sos, POINTS, sampleRate);
  const targets = designPointTargetsDb(command);
  return Math.max(...targets.map((t, i) => Math.abs(realised[i]! - t)));
}

describe('graphic EQ design accuracy', () => {
  for (const sampleRate of [44100, 48000, 96000]) {
    it(`realises any ±12 dB command within 0.5 dB at the 19 design points at ${sampleRate} Hz`, () => {
      let worst = 0;
      for (const command of testCommands(300, sampleRate)) {
        const design = designGraphicEq(command, sampleRate);
        const err = worstError(command, sampleRate, design.sos);
        // The design reports the error it reached; it must agree with an independent evaluation.
        expect(Math.abs(err - design.worstErrorDb)).toBeLessThan(1e-9);
        worst = Math.max(worst, err);
      }
      expect(worst).toBeLessThan(0.5);
    });
  }

  it('beats the naive cascade (each bell at its command) by a wide margin on the hard case', () => {
    const command = Array(10).fill(12);
    const naive = new Float64Array(50);
    command.forEach((g, k) => designBell(naive, k * 5, 31.25 * 2 ** k, g, 1.41, 44100));
    expect(worstError(command, 44100, naive)).toBeGreaterThan(4);
    expect(worstError(command, 44100, designGraphicEq(command, 44100).sos)).toBeLessThan(0.5);
  });

  it('is flat for a flat command and keeps every section stable', () => {
    const flat = designGraphicEq(Array(10).fill(0), 44100);
    const resp = cascadeResponseDb(flat.sos, [20, 100, 1000, 10000, 20000], 44100);
    for (const r of resp) expect(Math.abs(r)).toBeLessThan(1e-9);
    for (const command of testCommands(50, 7)) {
      const { sos } = designGraphicEq(command, 48000);
      for (let k = 0; k < 10; k++) {
        const a1 = sos[k * 5 + 3]!;
        const a2 = sos[k * 5 + 4]!;
        expect(Math.abs(a2)).toBeLessThan(1);
        expect(Math.abs(a1)).toBeLessThan(1 + a2);
      }
    }
  });

  it('leaves bands above the realisable range flat at low sample rates and meets the rest', () => {
    const command = [3, -3, 6, -6, 9, -9, 12, -12, 12, 12];
    const design = designGraphicEq(command, 8000);
    // 4 kHz and up cannot exist at 8 kHz: those bells are pass-through.
    for (let k = 7; k < 10; k++) expect(design.bellGainsDb[k]).toBe(0);
    expect(design.worstErrorDb).toBeLessThan(0.5);
  });

  it('rejects malformed commands and clamps out-of-range gains', () => {
    expect(() => designGraphicEq([1, 2, 3], 44100)).toThrow(/10 band gains/);
    expect(() => designGraphicEq(Array(10).fill(Number.NaN), 44100)).toThrow(/not a number/);
    expect(() => designGraphicEq(Array(10).fill(0), 1000)).toThrow(/sample rate/);
    expect(Array.from(designGraphicEq(Array(10).fill(40), 44100).commandDb)).toEqual(Array(10).fill(12));
  });
});
