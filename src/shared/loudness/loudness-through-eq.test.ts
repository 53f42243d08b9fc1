import { describe, expect, it } from 'vitest';
import { applyEq } from '../dsp/apply.ts';
import { makeFixture } from '../dsp/test-helpers.ts';
import { loudnessThroughEq } from './loudness-through-eq.ts';
import { measureLoudness } from './loudness-meter.ts';

describe('loudness through the EQ', () => {
  const rate = 44100;
  const song = makeFixture(rate * 6, 2, 3, rate);
  const curve = [6, 3, 0, -2, -6, 0, 4, 6, 8, 2];

  it('is the meter on the song, unchanged or through the EQ, block by block as on the whole equalised copy', () => {
    expect(loudnessThroughEq(song, rate, null)).toEqual(measureLoudness(song, rate));
    const whole = measureLoudness(applyEq(song, rate, curve), rate);
    const streamed = loudnessThroughEq(song, rate, curve);
    expect(streamed.integratedLufs).toBeCloseTo(whole.integratedLufs, 6);
    expect(streamed.loudnessRangeLu).toBeCloseTo(whole.loudnessRangeLu, 6);
    expect(streamed.truePeakDbtp).toBeCloseTo(whole.truePeakDbtp, 6);
  });

  it('follows the curve: a boost raises the loudness and the peaks, a cut lowers them', () => {
    const flat = loudnessThroughEq(song, rate, null);
    const up = loudnessThroughEq(song, rate, new Array<number>(10).fill(6));
    const down = loudnessThroughEq(song, rate, new Array<number>(10).fill(-6));
    expect(up.integratedLufs - flat.integratedLufs).toBeGreaterThan(4);
    expect(flat.integratedLufs - down.integratedLufs).toBeGreaterThan(4);
    expect(up.truePeakDbtp).toBeGreaterThan(flat.truePeakDbtp);
  });
});
