import { useSyncExternalStore } from 'react';
import { SILENT_READING, type LiveMonitor } from '../../audio/live-monitor.ts';
import type { MeterReading } from '../../shared/protocol.ts';
import { formatLevel } from './loudness-format.ts';

const none = () => () => undefined;
const silent = () => SILENT_READING;

interface BarProps {
  label: string;
  value: number;
  unit: string;
  min: number;
  max: number;
  className: string;
}

/** One meter: a bar with its value written beside it; role meter with the value as text for screen readers. */
function Bar({ label, value, unit, min, max, className }: BarProps) {
  const finite = Number.isFinite(value);
  const clamped = finite ? Math.min(max, Math.max(min, value)) : min;
  const text = formatLevel(value, unit);
  return (
    <div className={`meter ${className}`}>
      <span className="meter-label">{label}</span>
      <div
        className="meter-bar"
        role="meter"
        aria-label={label}
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={Math.round(clamped * 10) / 10}
        aria-valuetext={finite ? text : 'no signal'}
      >
        <div className="meter-fill" style={{ width: `${((clamped - min) / (max - min)) * 100}%` }} />
      </div>
      <output className="meter-value" aria-hidden="true">
        {text}
      </output>
    </div>
  );
}

/**
 * What is heard, while it plays: momentary (400 ms) and short-term (3 s) loudness and the true peak since
 * play was pressed, from the shared meter in the audio graph (ten readings a second). Only this component
 * re-renders for them.
 */
export function LiveMeters({ monitor, onResetPeak }: { monitor: LiveMonitor | null; onResetPeak(): void }) {
  const r: MeterReading = useSyncExternalStore(monitor?.subscribe ?? none, monitor?.getReading ?? silent);
  return (
    <div className="live-meters">
      <Bar label="Momentary" value={r.momentaryLufs} unit="LUFS" min={-60} max={0} className="momentary" />
      <Bar label="Short-term" value={r.shortTermLufs} unit="LUFS" min={-60} max={0} className="short-term" />
      <Bar label="True peak" value={r.truePeakDbtp} unit="dBTP" min={-30} max={3} className="true-peak" />
      <button type="button" className="reset-peak" onClick={onResetPeak} disabled={!monitor}>
        Reset meters
      </button>
    </div>
  );
}
