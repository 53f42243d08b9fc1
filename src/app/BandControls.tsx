import { BAND_ACCESSIBLE_NAMES, BAND_LABELS } from '../shared/dsp/bands.ts';

export interface BandControlsProps {
  /** What each band applies now (the curve at the amount): what the sliders show and set. */
  appliedDb: readonly number[];
  /** Bands the file's sample rate can realise; the others are shown disabled at 0 dB. */
  usable: readonly boolean[];
  /** The applied range a band can reach at the current amount (±12 dB at 100 %, ±6 dB at 50 %). */
  limitDb: number;
  onBandChange(band: number, appliedDb: number): void;
  onBandReset(band: number): void;
}

const fmt = (g: number) => `${g > 0 ? '+' : ''}${g.toFixed(1)} dB`;
const show = (g: number) => Math.round(g * 10) / 10;

/** Keys that reset a focused band slider to 0 dB, as a double-click does. */
const RESET_KEYS = new Set(['Delete', 'Backspace']);

/**
 * One slider (role slider, named by its frequency) and one numeric field per band. Double-click, or Delete or
 * Backspace on a focused slider, resets the band.
 */
export function BandControls({ appliedDb, usable, limitDb, onBandChange, onBandReset }: BandControlsProps) {
  const editable = limitDb > 0;
  return (
    <div className="bands" role="group" aria-label="Equalizer bands">
      {BAND_LABELS.map((label, i) => {
        const g = show(appliedDb[i]!);
        const enabled = usable[i]! && editable;
        const why = !usable[i] ? `${label}: above this file's range` : 'Raise the amount to edit the curve';
        return (
          <div key={label} className="band">
            <input
              type="range"
              min={-limitDb}
              max={limitDb}
              step={0.1}
              value={g}
              disabled={!enabled}
              aria-label={BAND_ACCESSIBLE_NAMES[i]}
              aria-valuetext={fmt(g)}
              aria-keyshortcuts="Delete Backspace"
              title={enabled ? `${label}: ${fmt(g)} (double-click or Delete to reset)` : why}
              onChange={(e) => onBandChange(i, Number(e.target.value))}
              onDoubleClick={() => onBandReset(i)}
              onKeyDown={(e) => {
                if (!RESET_KEYS.has(e.key) || e.ctrlKey || e.metaKey || e.altKey) return;
                e.preventDefault();
                onBandReset(i);
              }}
            />
            <span className="band-label" aria-hidden="true">
              {label}
            </span>
            <input
              className="band-number"
              type="number"
              min={-limitDb}
              max={limitDb}
              step={0.5}
              value={g}
              disabled={!enabled}
              aria-label={`${BAND_ACCESSIBLE_NAMES[i]} gain in dB`}
              onChange={(e) => {
                const v = e.target.valueAsNumber;
                if (Number.isFinite(v)) onBandChange(i, v);
              }}
            />
          </div>
        );
      })}
    </div>
  );
}
