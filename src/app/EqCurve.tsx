import { useEffect, useMemo, useRef, useState } from 'react';
import { BAND_CENTERS_HZ, BAND_LABELS, MAX_BAND_GAIN_DB } from '../shared/dsp/bands.ts';
import { eqResponseDb } from '../shared/dsp/apply.ts';
import { axisFraction, F_MAX, F_MIN } from './frequency-axis.ts';

/** Width assumed before the element is measured (the first render, a test without layout). */
const DEFAULT_WIDTH = 800;
/** Height is a share of the width, within bounds: tall enough on a phone for a finger to place a gain. */
const ASPECT = 0.325;
const MIN_HEIGHT = 220;
const MAX_HEIGHT = 340;
const DB_RANGE = MAX_BAND_GAIN_DB + 3;
const POINTS = 240;
const GRID_DB = [-MAX_BAND_GAIN_DB, -MAX_BAND_GAIN_DB / 2, 0, MAX_BAND_GAIN_DB / 2, MAX_BAND_GAIN_DB];
/** How far (CSS px) above or below a handle a press still takes it: a fingertip's size, not the handle's. */
const GRAB_PX = 44;

interface Geometry {
  width: number;
  height: number;
}

/** Below this width the band labels are shortened ("1 kHz" → "1k", "125 Hz" → "125") so they do not collide. */
const SHORT_LABELS_BELOW = 560;
const shortLabel = (label: string) => label.replace(' kHz', 'k').replace(' Hz', '');

const heightFor = (width: number) => Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, width * ASPECT)));
const xOf = (g: Geometry, f: number) => axisFraction(f) * g.width;
const yOf = (g: Geometry, db: number) => g.height / 2 - (db / DB_RANGE) * (g.height / 2);
const dbOfY = (g: Geometry, y: number) => ((g.height / 2 - y) / (g.height / 2)) * DB_RANGE;

function responsePath(g: Geometry, gainsDb: readonly number[], sampleRate: number): string {
  const top = Math.min(F_MAX, sampleRate / 2);
  const freqs = Array.from({ length: POINTS }, (_, i) => F_MIN * (top / F_MIN) ** (i / (POINTS - 1)));
  const resp = eqResponseDb(gainsDb, sampleRate, freqs);
  return freqs
    .map((f, i) => `${i ? 'L' : 'M'}${xOf(g, f).toFixed(1)},${yOf(g, resp[i]!).toFixed(1)}`)
    .join('');
}

/** The SVG's drawing size follows its box, so handles and text keep their size on a phone and a desktop. */
function useGeometry(ref: React.RefObject<SVGSVGElement | null>): Geometry {
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.round(entry?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return useMemo(() => ({ width, height: heightFor(width) }), [width]);
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
 * handle per band. A press anywhere in a band's column near its handle takes that handle, and it moves with
 * the pointer from where it was (it does not jump to the finger); the page does not scroll under a drag
 * (touch-action: none). Keyboard users edit the same values with the band sliders below.
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
  const g = useGeometry(svgRef);
  const drag = useRef<{ band: number; offsetDb: number; pointerId: number } | null>(null);
  const path = useMemo(() => responsePath(g, appliedDb, sampleRate), [g, appliedDb, sampleRate]);
  const refPath = useMemo(
    () => (referenceDb ? responsePath(g, referenceDb, sampleRate) : null),
    [g, referenceDb, sampleRate],
  );
  const nyquistX = sampleRate / 2 < F_MAX ? xOf(g, sampleRate / 2) : null;

  /** The pointer in drawing coordinates (the box may be scaled by CSS). */
  const local = (e: React.PointerEvent) => {
    const rect = svgRef.current!.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) / rect.width) * g.width,
      y: ((e.clientY - rect.top) / rect.height) * g.height,
    };
  };

  /** The handle a press at (x, y) takes: the nearest in x within its column, if close enough in y. */
  const bandAt = (x: number, y: number): number | null => {
    let best: number | null = null;
    let bestDx = Infinity;
    BAND_CENTERS_HZ.forEach((f, i) => {
      if (!usable[i]) return;
      const dx = Math.abs(xOf(g, f) - x);
      if (dx < bestDx && Math.abs(yOf(g, appliedDb[i]!) - y) <= GRAB_PX) [best, bestDx] = [i, dx];
    });
    const column = (xOf(g, BAND_CENTERS_HZ[1]!) - xOf(g, BAND_CENTERS_HZ[0]!)) / 2;
    return bestDx <= Math.max(column, GRAB_PX / 2) ? best : null;
  };

  const end = (e: React.PointerEvent) => {
    if (drag.current?.pointerId === e.pointerId) drag.current = null;
  };

  return (
    <svg
      ref={svgRef}
      className={`curve${editable ? ' editable' : ''}`}
      viewBox={`0 0 ${g.width} ${g.height}`}
      role="img"
      aria-label="Equalizer response curve"
      onPointerDown={(e) => {
        if (!editable || (e.pointerType === 'mouse' && e.button !== 0)) return;
        const p = local(e);
        const band = bandAt(p.x, p.y);
        if (band === null) return;
        e.preventDefault();
        svgRef.current?.setPointerCapture?.(e.pointerId);
        drag.current = { band, offsetDb: dbOfY(g, p.y) - appliedDb[band]!, pointerId: e.pointerId };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d || d.pointerId !== e.pointerId) return;
        onBandChange(d.band, dbOfY(g, local(e).y) - d.offsetDb);
      }}
      onPointerUp={end}
      onPointerCancel={end}
      onDoubleClick={(e) => {
        if (!editable) return;
        const p = local(e as unknown as React.PointerEvent);
        const band = bandAt(p.x, p.y);
        if (band !== null) onBandReset(band);
      }}
    >
      {GRID_DB.map((db) => (
        <g key={db}>
          <line
            x1={0}
            x2={g.width}
            y1={yOf(g, db)}
            y2={yOf(g, db)}
            className={db === 0 ? 'grid zero' : 'grid'}
          />
          <text x={6} y={yOf(g, db) - 4} className="grid-label">
            {db > 0 ? `+${db}` : db} dB
          </text>
        </g>
      ))}
      {BAND_CENTERS_HZ.map((f, i) => (
        <g key={f}>
          <line x1={xOf(g, f)} x2={xOf(g, f)} y1={0} y2={g.height} className="grid" />
          <text x={xOf(g, f)} y={g.height - 6} className="grid-label band-label-svg">
            {g.width < SHORT_LABELS_BELOW ? shortLabel(BAND_LABELS[i]!) : BAND_LABELS[i]}
          </text>
        </g>
      ))}
      {nyquistX !== null && (
        <rect x={nyquistX} y={0} width={g.width - nyquistX} height={g.height} className="beyond" />
      )}
      {refPath && <path d={refPath} className="response reference" />}
      <path d={path} className="response" />
      {BAND_CENTERS_HZ.map((f, i) =>
        usable[i] && editable ? (
          <circle
            key={f}
            cx={xOf(g, f)}
            cy={yOf(g, appliedDb[i]!)}
            r={9}
            className="handle"
            aria-hidden="true"
          />
        ) : null,
      )}
    </svg>
  );
}
