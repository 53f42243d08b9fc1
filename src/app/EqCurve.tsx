import { useMemo } from 'react';
import { BAND_CENTERS_HZ, MAX_BAND_GAIN_DB } from '../shared/dsp/bands.ts';
import { eqResponseDb } from '../shared/dsp/apply.ts';

const WIDTH = 800;
const HEIGHT = 240;
const F_MIN = 20;
const F_MAX = 20000;
const DB_RANGE = MAX_BAND_GAIN_DB + 3;
const POINTS = 240;

const xOf = (f: number) => (Math.log(f / F_MIN) / Math.log(F_MAX / F_MIN)) * WIDTH;
const yOf = (db: number) => HEIGHT / 2 - (db / DB_RANGE) * (HEIGHT / 2);

/** The realised response of the engine for a command: exactly what the kernel will do at this sample rate. */
export function EqCurve({ gainsDb, sampleRate }: { gainsDb: readonly number[]; sampleRate: number }) {
  const path = useMemo(() => {
    const top = Math.min(F_MAX, sampleRate / 2);
    const freqs = Array.from({ length: POINTS }, (_, i) => F_MIN * (top / F_MIN) ** (i / (POINTS - 1)));
    const resp = eqResponseDb(gainsDb, sampleRate, freqs);
    return freqs.map((f, i) => `${i ? 'L' : 'M'}${xOf(f).toFixed(1)},${yOf(resp[i]!).toFixed(1)}`).join('');
  }, [gainsDb, sampleRate]);
  return (
    <svg
      className="curve"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label="Equalizer response curve"
    >
      {[-12, -6, 0, 6, 12].map((db) => (
        <line
          key={db}
          x1={0}
          x2={WIDTH}
          y1={yOf(db)}
          y2={yOf(db)}
          className={db === 0 ? 'axis zero' : 'axis'}
        />
      ))}
      {BAND_CENTERS_HZ.map((f) => (
        <line key={f} x1={xOf(f)} x2={xOf(f)} y1={0} y2={HEIGHT} className="axis" />
      ))}
      <path d={path} className="response" />
    </svg>
  );
}
