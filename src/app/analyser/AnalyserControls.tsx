import { MUSIC_TILT_DB_PER_OCTAVE } from '../../shared/spectrum/octave-smoothing.ts';
import { setAnalyserSettings, SMOOTHING_CHOICES, type AnalyserSettings } from './analyser-settings.ts';

/** Under the curve: the analyser on or off, its smoothing and its tilt, with a key to its two traces. */
export function AnalyserControls({ settings, bypassed }: { settings: AnalyserSettings; bypassed: boolean }) {
  return (
    <div className="analyser-controls">
      <label>
        <input
          type="checkbox"
          checked={settings.show}
          onChange={(e) => setAnalyserSettings({ show: e.target.checked })}
        />
        Spectrum
      </label>
      <label>
        <input
          type="checkbox"
          checked={settings.tilt}
          disabled={!settings.show}
          onChange={(e) => setAnalyserSettings({ tilt: e.target.checked })}
        />
        Tilt {MUSIC_TILT_DB_PER_OCTAVE} dB/octave
      </label>
      <label>
        Smoothing
        <select
          value={settings.fraction}
          disabled={!settings.show}
          onChange={(e) => setAnalyserSettings({ fraction: Number(e.target.value) as 3 | 6 | 12 })}
        >
          {SMOOTHING_CHOICES.map((n) => (
            <option key={n} value={n}>
              1/{n} octave
            </option>
          ))}
        </select>
      </label>
      {settings.show && (
        <span className="spectrum-key">
          <span className={`key audible`}>{bypassed ? 'original (heard)' : 'equalised (heard)'}</span>
          <span className={`key other`}>{bypassed ? 'equalised' : 'original'}</span>
        </span>
      )}
    </div>
  );
}
