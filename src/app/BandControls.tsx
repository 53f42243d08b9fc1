import { BAND_ACCESSIBLE_NAMES, BAND_LABELS, MAX_BAND_GAIN_DB } from '../shared/dsp/bands.ts';

export interface BandControlsProps {
  gainsDb: readonly number[];
  /** Bands the file's sample rate cannot carry (centre above 0.4 × the rate) are shown disabled. */
  usable: readonly boolean[];
  onBandChange(band: number, gainDb: number): void;
  onBandReset(band: number): void;
}

const fmt = (g: number) => `${g > 0 ? '+' : ''}${g.toFixed(1)} dB`;

/** One slider (role slider, named by its frequency) and one numeric field per band. Double-click resets. */
export function BandControls({ gainsDb, usable, onBandChange, onBandReset }: BandControlsProps) {
  return (
    <div className="bands" role="group" aria-label="Equalizer bands">
      {BAND_LABELS.map((label, i) => {
        const g = gainsDb[i]!;
        return (
          <div key={label} className="band">
            <input
              type="range"
              min={-MAX_BAND_GAIN_DB}
              max={MAX_BAND_GAIN_DB}
              step={0.1}
              value={g}
              disabled={!usable[i]}
              aria-label={BAND_ACCESSIBLE_NAMES[i]}
              aria-valuetext={fmt(g)}
              title={
                usable[i]
                  ? `${label}: ${fmt(g)} (double-click to reset)`
                  : `${label}: above this file's range`
              }
              onChange={(e) => onBandChange(i, Number(e.target.value))}
              onDoubleClick={() => onBandReset(i)}
            />
            <span className="band-label" aria-hidden="true">
              {label}
            </span>
            <input
              className="band-number"
              type="number"
              min={-MAX_BAND_GAIN_DB}
              max={MAX_BAND_GAIN_DB}
              step={0.5}
              value={g}
              disabled={!usable[i]}
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
