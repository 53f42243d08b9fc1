import { useEffect, useMemo, useRef, useState } from 'react';
import { BAND_CENTERS_HZ, BAND_LABELS, MAX_BAND_GAIN_DB } from '../shared/dsp/bands.ts';
import { eqResponseDb } from '../shared/dsp/apply.ts';

const WIDTH = 800;
const HEIGHT = 260;
const F_MIN = 20;
const F_MAX = 20000;
const DB_RANGE = MAX_BAND_GAIN_DB + 3;
const POINTS = 240;
/** Drawn radius of a handle (viewBox units) and the least size of what a pointer can grab (CSS px, WCAG 2.5.8). */
const HANDLE_R = 9;
const MIN_TARGET_PX = 24;
const GRID_DB = [-MAX_BAND_GAIN_DB, -MAX_BAND_GAIN_DB / 2, 0, MAX_BAND_GAIN_DB / 2, MAX_BAND_GAIN_DB];

const xOf = (f: number) => (Math.log(f / F_MIN) / Math.log(F_MAX / F_MIN)) * WIDTH;
const yOf = (db: number) => HEIGHT / 2 - (db / DB_RANGE) * (HEIGHT / 2);
const dbOfY = (y: number) => ((HEIGHT / 2 - y) / (HEIGHT / 2)) * DB_RANGE;

function responsePath(gainsDb: readonly number[], sampleRate: number): string {
  const top = Math.min(F_MAX, sampleRate / 2);
  const freqs = Array.from({ length: POINTS }, (_, i) => F_MIN * (top / F_MIN) ** (i / (POINTS - 1)));
  const resp = eqResponseDb(gainsDb, sampleRate, freqs);
  return freqs.map((f, i) => `${i ? 'L' : 'M'}${xOf(f).toFixed(1)},${yOf(resp[i]!).toFixed(1)}`).join('');
}

export interface EqCurveProps {
  /** What is applied (the curve at the amount): the drawn response, and where the handles sit. */
  appliedDb: readonly number[];
  sampleRate: number;
  /** Bands the sample rate can realise: only they get a handle. */
  usable: readonly boolean[];
  /** False at amount 0, where moving a handle would change nothing. */
  editable: boolean;
  /** A second curve to compare with, drawn dashed (applied values). */
  referenceDb?: readonly number[];
  onBandChange(band: number, appliedDb: number): void;
  onBandReset(band: number): void;
}

/**
 * The realised response of the engine (exactly what the kernel does at this sample rate) with a draggable
 * handle per band. Keyboard users edit the same values with the band sliders below.
 */
export function EqCurve({
  appliedDb,
  sampleRate,
  usable,
  editable,
  referenceDb,
  onBandChange,
  onBandReset,
}: EqCurveProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const dragging = useRef<number | null>(null);
  const path = useMemo(() => responsePath(appliedDb, sampleRate), [appliedDb, sampleRate]);
  const refPath = useMemo(
    () => (referenceDb ? responsePath(referenceDb, sampleRate) : null),
    [referenceDb, sampleRate],
  );
  const nyquistX = sampleRate / 2 < F_MAX ? xOf(sampleRate / 2) : null;
  // CSS px per viewBox unit: the curve scales with the page, its handles' targets must not fall under 24 px.
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const width = svg.getBoundingClientRect().width;
      if (width > 0) setScale(width / WIDTH);
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);
  const targetR = Math.max(HANDLE_R, MIN_TARGET_PX / 2 / scale + 0.5);

  const toDb = (clientY: number) => {
    const rect = svgRef.current!.getBoundingClientRect();
    return dbOfY(((clientY - rect.top) / rect.height) * HEIGHT);
  };

  return (
    <svg
      ref={svgRef}
      className="curve"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label="Equalizer response curve"
      onPointerMove={(e) => {
        if (dragging.current !== null) onBandChange(dragging.current, toDb(e.clientY));
      }}
      onPointerUp={() => (dragging.current = null)}
      onPointerCancel={() => (dragging.current = null)}
    >
      {GRID_DB.map((db) => (
        <g key={db}>
          <line x1={0} x2={WIDTH} y1={yOf(db)} y2={yOf(db)} className={db === 0 ? 'grid zero' : 'grid'} />
          <text x={6} y={yOf(db) - 4} className="grid-label">
            {db > 0 ? `+${db}` : db} dB
          </text>
        </g>
      ))}
      {BAND_CENTERS_HZ.map((f, i) => (
        <g key={f}>
          <line x1={xOf(f)} x2={xOf(f)} y1={0} y2={HEIGHT} className="grid" />
          <text x={xOf(f)} y={HEIGHT - 6} className="grid-label band-label-svg">
            {BAND_LABELS[i]}
          </text>
        </g>
      ))}
      {nyquistX !== null && (
        <rect x={nyquistX} y={0} width={WIDTH - nyquistX} height={HEIGHT} className="beyond" />
      )}
      {refPath && <path d={refPath} className="response reference" />}
      <path d={path} className="response" />
      {BAND_CENTERS_HZ.map((f, i) =>
        usable[i] && editable ? (
          <g
            key={f}
            className="handle-group"
            onPointerDown={(e) => {
              (e.target as Element).setPointerCapture?.(e.pointerId);
              dragging.current = i;
            }}
            onPointerMove={(e) => {
              if (dragging.current === i) onBandChange(i, toDb(e.clientY));
            }}
            onPointerUp={() => (dragging.current = null)}
            onDoubleClick={() => onBandReset(i)}
          >
            {/* What the pointer grabs: at least 24 CSS px wide whatever the curve's size, drawn invisible. */}
            <circle cx={xOf(f)} cy={yOf(appliedDb[i]!)} r={targetR} className="handle-target" />
            <circle cx={xOf(f)} cy={yOf(appliedDb[i]!)} r={HANDLE_R} className="handle" />
          </g>
        ) : null,
      )}
    </svg>
  );
}
