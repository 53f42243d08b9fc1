import { BAND_LABELS, MAX_BAND_GAIN_DB } from '../../shared/dsp/bands.ts';

export interface PersonalCurvesProps {
  rawDb: readonly number[];
  personalDb: readonly number[];
}

const W = 300;
const H = 120;
const x = (i: number) => 10 + (i / 9) * (W - 20);
const yOf = (db: number, range: number) => H / 2 - (db / range) * (H / 2 - 4);
const line = (g: readonly number[], range: number) =>
  g.map((v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${yOf(v, range).toFixed(1)}`).join('');
const fmt = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}`;

/** The model's suggestion and the personal one, side by side: a small chart and the numbers per band. */
export function PersonalCurves({ rawDb, personalDb }: PersonalCurvesProps) {
  // Scaled to the larger curve (at least ±3 dB), so a small personal shift is visible.
  const range = Math.min(
    MAX_BAND_GAIN_DB,
    Math.max(3, ...rawDb.map(Math.abs), ...personalDb.map(Math.abs)) * 1.1,
  );
  return (
    <details className="personal-curves">
      <summary>Model and personal suggestion</summary>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label="Model suggestion (dashed) and personal suggestion"
      >
        <line x1={0} x2={W} y1={H / 2} y2={H / 2} className="grid zero" />
        <path d={line(rawDb, range)} className="raw" />
        <path d={line(personalDb, range)} className="mine" />
      </svg>
      <table aria-label="Suggestion by band">
        <thead>
          <tr>
            <th scope="col">Band</th>
            <th scope="col">Model (dB)</th>
            <th scope="col">Personal (dB)</th>
          </tr>
        </thead>
        <tbody>
          {BAND_LABELS.map((label, i) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="raw-db" data-db={rawDb[i]}>
                {fmt(rawDb[i]!)}
              </td>
              <td className="personal-db" data-db={personalDb[i]}>
                {fmt(personalDb[i]!)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
