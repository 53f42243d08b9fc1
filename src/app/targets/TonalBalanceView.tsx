import { useMemo } from 'react';
import { findStyle } from '../../shared/targets/index.ts';
import { atSuggestion, type SongSession } from '../../session/song-session.ts';
import type { TargetChoice } from '../../session/target-choice.ts';
import { balanceLines, bandLabel, tonalBalance, type BandBalance } from '../../session/tonal-balance.ts';

/**
 * Drawing box (SVG user units). The SVG scales to its container: the box is sized for a phone (its text stays
 * readable at 320 px) and the stylesheet caps its width on a desktop.
 */
const W = 380;
const H = 210;
const PAD = { left: 30, right: 6, top: 10, bottom: 26 };

/** Vertical range drawn (± dB relative to the song's 125 Hz-4 kHz mean): whatever is shown, in 6 dB steps. */
function rangeDb(rows: readonly BandBalance[]): number {
  const all = rows.flatMap((r) => [r.beforeDb, r.afterDb, r.lowDb ?? 0, r.highDb ?? 0]);
  return Math.min(36, Math.max(12, Math.ceil((Math.max(...all.map(Math.abs)) + 1) / 6) * 6));
}

function targetName(target: TargetChoice, references: number): string {
  const style = target.base === 'automatic' || target.base === 'none' ? undefined : findStyle(target.base);
  if (references > 0 && target.base === 'none') return 'your references';
  if (references > 0) return style ? `your references and the ${style.label} style` : 'your target';
  return style ? `the ${style.label} style` : 'this music';
}

const confidenceWord = (c: number) => (c >= 0.66 ? 'high' : c >= 0.33 ? 'medium' : 'low');

/**
 * The song's balance per band before and after the curve heard, against the target's typical range (the
 * tunnel), with one line per band that moves noticeably and, where it is known, how sure the suggestion is.
 */
export function TonalBalanceView({
  song,
  appliedDb,
  target,
}: {
  song: SongSession;
  appliedDb: Float64Array;
  target: TargetChoice;
}) {
  const targeted = song.targeted;
  const rows = useMemo(() => (targeted ? tonalBalance(targeted, appliedDb) : []), [targeted, appliedDb]);
  if (!targeted) return null;
  const references =
    targeted.source === 'references' || targeted.source === 'blend' ? target.referenceIds.length : 0;
  const name = targetName(target, references);
  const blind = targeted.source === 'automatic';
  const lines = balanceLines(rows, {
    curveName: atSuggestion(song) ? 'the suggestion' : 'your curve',
    targetName: name,
    withConfidence: blind,
  });
  const range = rangeDb(rows);
  const y = (db: number) => {
    const clamped = Math.max(-range, Math.min(range, db));
    return PAD.top + ((range - clamped) / (2 * range)) * (H - PAD.top - PAD.bottom);
  };
  const step = (W - PAD.left - PAD.right) / rows.length;
  const x = (b: number) => PAD.left + step * (b + 0.5);
  const path = (pick: (r: BandBalance) => number) =>
    rows.map((r, b) => `${b === 0 ? 'M' : 'L'}${x(b).toFixed(1)},${y(pick(r)).toFixed(1)}`).join(' ');
  return (
    <section className="panel tonal-balance" aria-label="Tonal balance">
      <h2>Tonal balance</h2>
      <p className="balance-legend">
        <span className="key before">before</span> <span className="key after">after</span>{' '}
        {targeted.tunnel ? (
          <span className="key tunnel">typical range for {name}</span>
        ) : (
          <span className="key">
            Automatic: the model’s own guess for this music (no typical range to draw yet)
          </span>
        )}
      </p>
      <svg
        className="balance-chart"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`The song’s balance per band, before and after the EQ${targeted.tunnel ? `, against the typical range for ${name}` : ''}.`}
      >
        {[-range / 2, 0, range / 2].map((db) => (
          <g key={db}>
            <line className="grid" x1={PAD.left} x2={W - PAD.right} y1={y(db)} y2={y(db)} />
            <text className="axis" x={PAD.left - 4} y={y(db) + 4} textAnchor="end">
              {db > 0 ? `+${Math.round(db)}` : Math.round(db)}
            </text>
          </g>
        ))}
        {rows.map((r, b) =>
          r.lowDb !== null && r.highDb !== null ? (
            <rect
              key={r.hz}
              className="tunnel"
              x={x(b) - step * 0.35}
              width={step * 0.7}
              y={y(r.highDb)}
              height={Math.max(2, y(r.lowDb) - y(r.highDb))}
              rx={4}
            />
          ) : null,
        )}
        <path className="line-before" d={path((r) => r.beforeDb)} />
        <path className="line-after" d={path((r) => r.afterDb)} />
        {rows.map((r, b) => (
          <g key={r.hz}>
            <circle className="dot-before" cx={x(b)} cy={y(r.beforeDb)} r={3.5} />
            <circle className="dot-after" cx={x(b)} cy={y(r.afterDb)} r={3.5} />
            <text className="axis" x={x(b)} y={H - 8} textAnchor="middle">
              {r.hz >= 1000 ? `${r.hz / 1000}k` : Math.round(r.hz)}
            </text>
          </g>
        ))}
      </svg>
      {blind && rows.some((r) => r.confidence !== null) && (
        <p className="balance-confidence">
          How sure the suggestion is:{' '}
          {rows.map((r) => `${bandLabel(r.hz)} ${confidenceWord(r.confidence!)}`).join(', ')}.
        </p>
      )}
      <ul className="balance-lines" aria-label="Why each band moves">
        {lines.length > 0 ? lines.map((l) => <li key={l}>{l}</li>) : <li>No band moves noticeably.</li>}
      </ul>
    </section>
  );
}
