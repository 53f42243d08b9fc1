import { useMemo } from 'react';
import type { LiveMonitor } from '../audio/live-monitor.ts';
import { appliedLimitDb, MAX_AMOUNT, realisableBands, scaleCommand } from '../shared/dsp/eq-command.ts';
import { comparisonCurve, redoable, undoable, type SongSession } from '../session/song-session.ts';
import { AnalyserControls } from './analyser/AnalyserControls.tsx';
import { useAnalyserSettings } from './analyser/analyser-settings.ts';
import { SpectrumAnalyser } from './analyser/SpectrumAnalyser.tsx';
import { AnalysisPanel } from './AnalysisPanel.tsx';
import { BandControls } from './BandControls.tsx';
import { EqCurve } from './EqCurve.tsx';
import { SongFeedback } from './feedback/SongFeedback.tsx';
import { studio } from './studio.ts';

/** Sample rate assumed before any file is open (the curve is drawn for it). */
const DEFAULT_RATE = 48000;

export interface EqualizerPanelProps {
  song: SongSession | null;
  /** The song's curve at its amount: what is heard. */
  appliedDb: Float64Array;
  /** The live analysers (null until a song's player runs). */
  monitor: LiveMonitor | null;
  playing: boolean;
  bypassed: boolean;
}

/** The amount, undo/redo, the suggestion's status and feedback, the curve and the band controls. */
export function EqualizerPanel({ song, appliedDb, monitor, playing, bypassed }: EqualizerPanelProps) {
  const analyser = useAnalyserSettings();
  const sampleRate = song?.facts?.sampleRate ?? DEFAULT_RATE;
  const amount = song?.amount ?? 1;
  const usable = useMemo(() => realisableBands(sampleRate), [sampleRate]);
  const compare = song ? comparisonCurve(song) : null;
  const referenceDb = useMemo(
    () => (compare ? Array.from(scaleCommand(compare, amount)) : undefined),
    [compare, amount],
  );
  const limitDb = appliedLimitDb(amount);
  const applied = Array.from(appliedDb);
  const edit = (band: number, db: number, key?: string | null) => studio.editBand(band, db, key);
  return (
    <section className="panel equalizer" aria-label="Equalizer">
      <div className="eq-toolbar">
        <h2>Equalizer</h2>
        <label className="amount">
          Amount
          <input
            type="range"
            min={0}
            max={MAX_AMOUNT}
            step={0.01}
            value={amount}
            disabled={!song}
            aria-label="Amount"
            aria-valuetext={`${Math.round(amount * 100)} %`}
            onChange={(e) => studio.setAmount(Number(e.target.value))}
          />
          <output>{Math.round(amount * 100)} %</output>
        </label>
        <div className="history">
          <button
            type="button"
            onClick={() => studio.undo()}
            disabled={!song || !undoable(song)}
            title="Undo (Ctrl+Z)"
          >
            Undo
          </button>
          <button
            type="button"
            onClick={() => studio.redo()}
            disabled={!song || !redoable(song)}
            title="Redo (Ctrl+Shift+Z)"
          >
            Redo
          </button>
          <button
            type="button"
            onClick={() => studio.setCurve(new Array<number>(applied.length).fill(0))}
            disabled={applied.every((g) => g === 0)}
          >
            Flat
          </button>
        </div>
      </div>
      {song && <AnalysisPanel song={song} />}
      {song?.phase === 'suggested' && <SongFeedback song={song} />}
      <div className="curve-layers">
        {analyser.show && (
          <SpectrumAnalyser monitor={monitor} settings={analyser} playing={playing} bypassed={bypassed} />
        )}
        <EqCurve
          appliedDb={applied}
          sampleRate={sampleRate}
          usable={usable}
          editable={song !== null && limitDb > 0}
          referenceDb={referenceDb}
          onBandChange={(i, g) => edit(i, g, `drag-${i}`)}
          onBandReset={(i) => edit(i, 0, null)}
        />
      </div>
      <AnalyserControls settings={analyser} bypassed={bypassed} />
      <BandControls
        appliedDb={applied}
        usable={usable}
        limitDb={song ? limitDb : 0}
        onBandChange={(i, g) => edit(i, g)}
        onBandReset={(i) => edit(i, 0, null)}
      />
    </section>
  );
}
