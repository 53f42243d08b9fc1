import { useMemo, useState } from 'react';
import { BAND_COUNT, BAND_LABELS, MAX_BAND_GAIN_DB } from '../shared/dsp/bands.ts';
import { EqCurve } from './EqCurve.tsx';

/** The EQ editor: ten band sliders and the engine's realised response. File handling and playback come next. */
export function App() {
  const [gains, setGains] = useState<number[]>(() => Array(BAND_COUNT).fill(0));
  const sampleRate = 48000;
  const setBand = (i: number, g: number) => setGains((prev) => prev.map((v, k) => (k === i ? g : v)));
  const sliders = useMemo(() => BAND_LABELS.map((label, i) => ({ label, i })), []);
  return (
    <main className="app">
      <header>
        <h1>Sonic AI EQ</h1>
        <p className="tagline">Equalise on your device. Your audio never leaves it.</p>
      </header>
      <EqCurve gainsDb={gains} sampleRate={sampleRate} />
      <section className="bands" aria-label="Equalizer bands">
        {sliders.map(({ label, i }) => (
          <label key={label} className="band">
            <input
              type="range"
              min={-MAX_BAND_GAIN_DB}
              max={MAX_BAND_GAIN_DB}
              step={0.5}
              value={gains[i]}
              aria-label={`${label} gain`}
              aria-valuetext={`${gains[i]!.toFixed(1)} dB`}
              onChange={(e) => setBand(i, Number(e.target.value))}
              onDoubleClick={() => setBand(i, 0)}
            />
            <span className="band-label">{label}</span>
            <span className="band-value">{gains[i]!.toFixed(1)} dB</span>
          </label>
        ))}
      </section>
    </main>
  );
}
