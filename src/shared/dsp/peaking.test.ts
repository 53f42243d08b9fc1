import { describe, expect, it } from 'vitest';
import { cascadeResponseDb } from './biquad-response.ts';
import { designBell } from './peaking.ts';

describe('matched bell', () => {
  it('hits its gain at the centre and 0 dB at DC, for all bands and rates', () => {
    const sos = new Float64Array(5);
    for (const fs of [44100, 48000, 96000]) {
      for (const f of [31.25, 1000, 16000]) {
        for (const g of [-12, -3, 6, 18]) {
          designBell(sos, 0, f, g, 1.6, fs);
          const [dc, centre] = cascadeResponseDb(sos, [0, f], fs);
          expect(dc).toBeCloseTo(0, 6);
          expect(centre).toBeCloseTo(g, 6);
        }
      }
    }
  });

  it('keeps its width near Nyquist, where the bilinear bell collapses to 0 dB', () => {
    const sos = new Float64Array(5);
    designBell(sos, 0, 16000, 12, 1.6, 44100);
    const [nyquist] = cascadeResponseDb(sos, [22050], 44100);
    // The analog prototype is at about +3 dB there; the bilinear design would give exactly 0 dB.
    expect(nyquist).toBeGreaterThan(2);
  });
});
