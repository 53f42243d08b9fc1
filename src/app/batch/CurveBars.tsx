import { BAND_LABELS, MAX_BAND_GAIN_DB } from '../../shared/dsp/bands.ts';

const W = 60;
const H = 22;
const fmt = (g: number) => `${g > 0 ? '+' : g < 0 ? '−' : ''}${Math.abs(g).toFixed(1)}`;

/** A file's curve at a glance: one bar per band, up for boost, down for cut; its largest moves in words. */
export function CurveBars({ gainsDb }: { gainsDb: readonly number[] }) {
  const bar = W / gainsDb.length;
  const big = [...gainsDb.keys()]
    .filter((i) => Math.abs(gainsDb[i]!) >= 0.5)
    .sort((a, b) => Math.abs(gainsDb[b]!) - Math.abs(gainsDb[a]!))
    .slice(0, 3)
    .sort((a, b) => a - b);
  const words = big.length
    ? big.map((i) => `${BAND_LABELS[i]} ${fmt(gainsDb[i]!)} dB`).join(', ')
    : 'almost flat';
  return (
    <span className="curve-bars">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true">
        <line x1={0} x2={W} y1={H / 2} y2={H / 2} className="curve-bars-zero" />
        {gainsDb.map((g, i) => {
          const h = (Math.abs(g) / MAX_BAND_GAIN_DB) * (H / 2);
          return (
            <rect
              key={i}
              x={i * bar + 1}
              y={g > 0 ? H / 2 - h : H / 2}
              width={bar - 2}
              height={Math.max(h, 0.5)}
              className={g >= 0 ? 'boost' : 'cut'}
            />
          );
        })}
      </svg>
      <span className="curve-bars-text">{words}</span>
    </span>
  );
}
