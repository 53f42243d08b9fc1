import { describe, expect, it } from 'vitest';
import { BAND_CENTERS_HZ, eqResponseDb, MAX_BAND_GAIN_DB } from '../dsp/index.ts';
import { seededRandom, testCommands } from '../dsp/test-helpers.ts';
import { interpolateCurveDb } from './curve.ts';
import {
  exportPreset,
  FIT_GRID_HZ,
  GRAPHIC_EQ_POINTS_HZ,
  importPreset,
  parametricPreset,
  parseParametricText,
  peakGainDb,
  PRESET_SAMPLE_RATE_HZ,
  PresetError,
} from './index.ts';
import { parametricResponseDb } from './rbj-filters.ts';

const CURVE = [6, -3, 2, 0, -6, 4, 9, -2, 5, 12];
const response = (gains: ArrayLike<number>, freqs: ArrayLike<number> = FIT_GRID_HZ) =>
  eqResponseDb(gains, PRESET_SAMPLE_RATE_HZ, freqs);
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('GraphicEQ export', () => {
  const text = exportPreset(CURVE, 'graphiceq');

  it('is one EqualizerAPO/Wavelet line of 127 increasing points from 20 Hz to 20 kHz', () => {
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toMatch(/^GraphicEQ: 20 -?\d+\.\d; 21 -?\d+\.\d; /);
    const pairs = text.slice('GraphicEQ: '.length).trim().split('; ');
    expect(pairs).toHaveLength(127);
    const freqs = pairs.map((p) => Number(p.split(' ')[0]));
    expect(freqs).toEqual([...GRAPHIC_EQ_POINTS_HZ]);
    expect(freqs.every((f, i) => i === 0 || f > freqs[i - 1]!)).toBe(true);
    expect(freqs.at(-1)).toBe(20000);
  });

  it('draws the engine’s own response, as a reader interpolating its points sees it', () => {
    const points = text
      .slice('GraphicEQ: '.length)
      .trim()
      .split('; ')
      .map((p) => ({ frequencyHz: Number(p.split(' ')[0]), gainDb: Number(p.split(' ')[1]) }));
    // Between points a reader draws straight lines (log frequency, dB); the values are chosen for that.
    expect(maxAbsDiff(interpolateCurveDb(points, FIT_GRID_HZ), response(CURVE))).toBeLessThan(0.25);
  });
});

describe('parametric export', () => {
  const text = exportPreset(CURVE, 'parametric');
  const lines = text.trim().split('\n');

  it('is a preamp line and one EqualizerAPO/Peace peaking filter per band', () => {
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^Preamp: -\d+\.\d dB$/);
    lines.slice(1).forEach((line, i) => {
      expect(line).toMatch(
        new RegExp(`^Filter ${i + 1}: ON PK Fc \\d+\\.\\d Hz Gain -?\\d+\\.\\d\\d dB Q \\d+\\.\\d{3}$`),
      );
    });
    // Each filter stays with its band (within half an octave), so the text reads as our ten bands.
    const { filters } = parseParametricText(text);
    filters.forEach((f, k) =>
      expect(Math.abs(Math.log2(f.frequencyHz / BAND_CENTERS_HZ[k]!))).toBeLessThan(0.5),
    );
  });

  it('sounds like the engine in the cookbook filters those tools build, at 48 kHz', () => {
    const { filters } = parseParametricText(text);
    const theirs = parametricResponseDb(filters, FIT_GRID_HZ, PRESET_SAMPLE_RATE_HZ);
    const ours = response(CURVE);
    const below16k = FIT_GRID_HZ.map((f, i) => (f < 16000 ? Math.abs(theirs[i]! - ours[i]!) : 0));
    expect(Math.max(...below16k)).toBeLessThan(0.5);
  });

  it('has a preamp that cancels the highest boost, so nothing is raised above 0 dB', () => {
    const parsed = parseParametricText(text);
    const peak = peakGainDb(parsed.filters);
    expect(peak).toBeGreaterThan(5); // the curve boosts: the preamp has work to do
    expect(parsed.preampDb + peak).toBeLessThanOrEqual(0);
    expect(parsed.preampDb + peak).toBeGreaterThan(-0.11); // and not more than the rounding to 0.1 dB
    // Cuts only: the preamp is at most the rounding step (the tuned bells may overshoot 0 dB by hundredths).
    expect(parametricPreset(CURVE.map((g) => -Math.abs(g))).preampDb).toBeGreaterThanOrEqual(-0.1);
  });
});

describe('importing', () => {
  it('brings our JSON back exactly, and reads an `eq analyze --json` line', () => {
    const gains = [1.234567, -2, 0, 3.3, -4.44, 5, -6, 7, -8, 9.87654321];
    const back = importPreset(exportPreset(gains, 'json', 'My curve'));
    expect(back).toEqual({ format: 'json', name: 'My curve', gainsDb: gains, clampedBands: 0 });
    const line = JSON.stringify({ file: 'a.wav', bandsHz: [...BAND_CENTERS_HZ], gainsDb: gains });
    expect(importPreset(line).gainsDb).toEqual(gains);
    // Centres rounded as labels (31, 63 Hz) are still our bands.
    const labels = JSON.stringify({
      bandsHz: [31, 63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000],
      gainsDb: gains,
    });
    expect(importPreset(labels).fit).toBeUndefined();
  });

  it('round-trips GraphicEQ and parametric text within 0.1 dB per band (all but rare engine jumps)', () => {
    const rnd = seededRandom(5);
    const commands = [
      ...testCommands(3, 11).slice(0, 6),
      ...Array.from({ length: 6 }, () => Array.from({ length: 10 }, () => rnd() * 12 - 6)),
    ];
    for (const format of ['graphiceq', 'parametric'] as const) {
      const errors = commands.map((c) => {
        const back = importPreset(exportPreset(c, format));
        expect(back.format).toBe(format);
        expect(back.fit!.rmsErrorDb).toBeLessThan(0.3);
        // The curve the engine draws from the re-imported gains is the curve that was exported.
        const r0 = response(c);
        const r1 = response(back.gainsDb);
        expect(Math.sqrt(r0.reduce((s, v, i) => s + (v - r1[i]!) ** 2, 0) / r0.length)).toBeLessThan(0.1);
        return maxAbsDiff(back.gainsDb, c);
      });
      // The engine's design can move its curve by tenths of a dB for a 0.02 dB change of command, so a fit
      // may land a little off in a band now and then (`eq accuracy --presets` measures how often).
      expect(
        errors.filter((e) => e <= 0.1).length,
        `${format}: ${errors.map((e) => e.toFixed(3))}`,
      ).toBeGreaterThanOrEqual(commands.length - 1);
      expect(Math.max(...errors)).toBeLessThan(0.35);
    }
  }, 60_000);

  it('fits a curve given at other frequencies to our bands and says how well', () => {
    // A 31-point ISO curve: a bass bump around 80 Hz, a dip around 3 kHz, both about two octaves wide.
    const iso = [
      20, 25, 31.5, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600,
    ];
    const iso2 = [2000, 2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500, 16000, 20000];
    const gain = (f: number) =>
      5 * Math.exp(-(Math.log2(f / 80) ** 2) / 2) - 4 * Math.exp(-(Math.log2(f / 3000) ** 2) / 2);
    const text = `Preamp: -6 dB\nGraphicEQ: ${[...iso, ...iso2].map((f) => `${f} ${gain(f).toFixed(1)}`).join('; ')}\n`;
    const back = importPreset(text);
    expect(back.format).toBe('graphiceq');
    expect(back.gainsDb[1]).toBeGreaterThan(4); // 63 Hz carries the bump
    expect(back.gainsDb[6]).toBeLessThan(-3); // 2 and 4 kHz the dip
    expect(back.gainsDb[7]).toBeLessThan(-3);
    expect(back.fit!.maxErrorDb).toBeGreaterThan(0); // a real curve is never met exactly…
    expect(back.fit!.rmsErrorDb).toBeLessThan(0.25); // …but closely
    expect(back.fit!.maxErrorDb).toBeLessThan(0.6);
    // The reported error is what it says: engine response vs the curve as the file describes it.
    const target = interpolateCurveDb(
      [...iso, ...iso2].map((f) => ({ frequencyHz: f, gainDb: Number(gain(f).toFixed(1)) })),
      FIT_GRID_HZ,
    );
    expect(maxAbsDiff(response(back.gainsDb), target)).toBeCloseTo(back.fit!.maxErrorDb, 6);
  });

  it('holds bands at the engine’s limit when a file asks for more, and counts them', () => {
    const back = importPreset('GraphicEQ: 20 0; 700 0; 1000 20; 1400 0; 20000 0');
    expect(Math.max(...back.gainsDb)).toBeLessThanOrEqual(MAX_BAND_GAIN_DB);
    expect(back.clampedBands).toBe(1);
    const json = importPreset(
      JSON.stringify({ bandsHz: [...BAND_CENTERS_HZ], gainsDb: [30, 0, 0, 0, 0, 0, 0, 0, 0, -30] }),
    );
    expect(json.gainsDb[0]).toBe(MAX_BAND_GAIN_DB);
    expect(json.gainsDb[9]).toBe(-MAX_BAND_GAIN_DB);
    expect(json.clampedBands).toBe(2);
  });

  it('reads EqualizerAPO filters: peaking with Q or bandwidth, shelves, switched-off lines skipped', () => {
    const text = [
      '# a comment',
      'Preamp: -4.5 dB',
      'Filter 1: ON PK Fc 1000 Hz Gain 6.0 dB Q 1.41',
      'Filter 2: OFF PK Fc 100 Hz Gain 12 dB Q 1',
      'Filter 3: ON LSC Fc 105 Hz Gain 3.5 dB Q 0.71',
      'Filter: ON PEQ Fc 8000 Hz Gain -3 dB BW Oct 1',
    ].join('\r\n');
    const parsed = parseParametricText(text);
    expect(parsed.preampDb).toBe(-4.5);
    expect(parsed.filters.map((f) => f.type)).toEqual(['PK', 'LS', 'PK']);
    expect(parsed.filters[2]!.bandwidthOct).toBe(1);
    const back = importPreset(text);
    expect(back.format).toBe('parametric');
    expect(back.gainsDb[5]).toBeGreaterThan(4); // 1 kHz
    expect(back.gainsDb[0]).toBeGreaterThan(2); // the shelf lifts the lowest band
    expect(back.gainsDb[8]).toBeLessThan(-1.5); // 8 kHz cut
    expect(back.fit!.rmsErrorDb).toBeLessThan(0.5);
  });

  it.each([
    ['hello world', /not a preset/],
    ['GraphicEQ: 20 0; 1000 loud', /line 1: GraphicEQ point 2/],
    ['GraphicEQ:', /no points/],
    ['Filter 1: ON HP Fc 30 Hz', /filter type 'HP' is not supported/],
    ['Preamp: -1 dB\nFilter 1: ON PK Fc 1000 Hz Gain 3 dB', /line 2: .*no Q or BW Oct/],
    ['{"bandsHz": [1, 2], "gainsDb": [1]}', /same, non-zero length/],
    ['{"format": "sonic-ai-eq-feedback", "version": 1}', /not a preset/],
    ['{"format": "sonic-ai-eq-preset", "version": 9, "bandsHz": [1], "gainsDb": [1]}', /newer version/],
    ['{ not json', /not valid JSON/],
  ])('refuses %j with a reason', (text, reason) => {
    expect(() => importPreset(text)).toThrow(PresetError);
    expect(() => importPreset(text)).toThrow(reason);
  });
});

describe('interpolateCurveDb', () => {
  it('is linear in dB on log frequency between points and holds the ends, as EqualizerAPO reads points', () => {
    const points = [
      { frequencyHz: 1000, gainDb: 6 },
      { frequencyHz: 100, gainDb: 0 },
    ];
    expect(Array.from(interpolateCurveDb(points, [10, 100, Math.sqrt(100 * 1000), 1000, 5000]))).toEqual([
      0,
      0,
      expect.closeTo(3, 12),
      6,
      6,
    ]);
  });
});
