import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { scaleCommand } from '../shared/dsp/apply.ts';
import { BAND_CENTERS_HZ } from '../shared/dsp/bands.ts';
import { UpdatePrompt } from '../pwa/UpdatePrompt.tsx';
import { AnalysisPanel } from './AnalysisPanel.tsx';
import { BandControls } from './BandControls.tsx';
import { DEMO_TRACK } from './demo-track.ts';
import { EqCurve } from './EqCurve.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { feedbackSession, useFeedback } from './feedback/feedback-service.ts';
import { FeedbackPanel } from './feedback/FeedbackPanel.tsx';
import { HistoryDialog } from './feedback/HistoryDialog.tsx';
import { StorageProblem } from './feedback/StorageProblem.tsx';
import { exportFeedback, importFeedback, useSongFeedback } from './feedback/use-song-feedback.ts';
import { formatTime } from './time-format.ts';
import { useAnalysis } from './use-analysis.ts';
import { useAudioFile } from './use-audio-file.ts';
import { FLAT, useEqHistory } from './use-eq-history.ts';
import { useLivePlayer } from './use-live-player.ts';
import { useShortcuts } from './use-shortcuts.ts';
import { Waveform } from './Waveform.tsx';

const DEFAULT_RATE = 48000;

export function App() {
  const files = useAudioFile();
  const eq = useEqHistory();
  const [amount, setAmount] = useState(1);
  const [bypassed, setBypassed] = useState(false);
  const [dragOver, setDragOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const file = files.state.kind === 'ready' ? files.state.file : null;
  const sampleRate = file?.buffer.sampleRate ?? DEFAULT_RATE;
  const applied = useMemo(() => Array.from(scaleCommand(eq.gains, amount)), [eq.gains, amount]);
  const player = useLivePlayer(file?.buffer ?? null, applied, bypassed);
  const usable = useMemo(() => BAND_CENTERS_HZ.map((f) => f <= sampleRate * 0.4), [sampleRate]);
  const feedback = useFeedback();
  const song = useSongFeedback();
  const analysis = useAnalysis(file?.buffer ?? null, file?.peak === 0, (result, startedAt) => {
    if (!file) return;
    // Personalised (when on and there is feedback) from the ratings the device holds now.
    const command = song.begin(file.name, file.buffer.duration, result).shownDb;
    // Edits made while the analysis ran win: the suggestion then waits behind "Reset to suggestion".
    if (eq.lastEditAt < startedAt) eq.setAll(command);
  });
  const suggestion = song.song?.suggestion.shownDb ?? null;
  const atSuggestion = suggestion !== null && suggestion.every((g, i) => g === eq.gains[i]);
  // Drawn dashed beside the user's curve: the suggestion once they have moved away from it, or, while they
  // are at a personalised suggestion, the model's own one.
  const referenceDb =
    atSuggestion && song.song?.suggestion.personalised ? song.song.suggestion.rawDb : suggestion;
  const suggestionCurve = useMemo(
    () =>
      referenceDb && (!atSuggestion || referenceDb !== suggestion)
        ? Array.from(scaleCommand(referenceDb, amount))
        : undefined,
    [referenceDb, suggestion, atSuggestion, amount],
  );
  /** After personalisation is switched or reset: the new suggestion replaces the curve unless it was edited. */
  const refreshSuggestion = () => {
    const next = song.refresh();
    if (next && atSuggestion) eq.setAll(next.shownDb);
  };
  const keepCurve = (rating: 'up' | 'down' | null) => song.keep(rating, eq.gains, amount, applied);

  const openFirst = useCallback(
    (list: FileList | null | undefined) => {
      const f = list?.[0];
      if (f) void files.open(f);
    },
    [files],
  );

  useShortcuts({
    togglePlay: () => void player.toggle(),
    toggleBypass: () => setBypassed((b) => !b),
    undo: eq.undo,
    redo: eq.redo,
  });

  // Drop anywhere on the page.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragOver(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragOver(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragOver(false);
      openFirst(e.dataTransfer?.files);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [openFirst]);

  const loading = files.state.kind === 'loading' ? files.state.name : null;

  return (
    <div className={`app${dragOver ? ' drag-over' : ''}`}>
      <header className="topbar">
        <div className="brand">
          <h1>Sonic AI EQ</h1>
          <p className="tagline">
            Better-balanced sound, equalised on your device. Your audio never leaves it.
          </p>
        </div>
        <div className="open-actions">
          <button type="button" className="primary" onClick={() => fileInput.current?.click()}>
            Open audio file
          </button>
          <button
            type="button"
            onClick={() => void files.openUrl(DEMO_TRACK.url, `${DEMO_TRACK.title}.opus`)}
          >
            Try the demo song
          </button>
          <HistoryDialog
            snapshot={feedback}
            onDelete={(id) => void feedbackSession.remove(id)}
            onDeleteAll={() => void feedbackSession.removeAll()}
            onExport={exportFeedback}
            onImport={importFeedback}
          />
          <input
            ref={fileInput}
            type="file"
            accept="audio/*,.wav,.flac,.mp3,.ogg,.opus,.m4a,.aac,.webm"
            hidden
            aria-label="Audio file"
            onChange={(e) => {
              openFirst(e.target.files);
              e.target.value = '';
            }}
          />
        </div>
      </header>

      <UpdatePrompt />

      <div className="messages">
        {files.error && (
          <div className="message error" role="alert">
            <span>{files.error}</span>
            <button type="button" aria-label="Dismiss" onClick={files.dismissError}>
              ×
            </button>
          </div>
        )}
        {player.error && (
          <div className="message error" role="alert">
            {player.error}
          </div>
        )}
        <StorageProblem
          snapshot={feedback}
          onRetry={() => void feedbackSession.retry()}
          onExport={exportFeedback}
        />
        <p className="message info" role="status" aria-live="polite">
          {loading ? `Loading “${loading}”…` : (files.notice ?? '')}
        </p>
      </div>

      <main>
        {file ? (
          <section className="panel player" aria-label="Player">
            <div className="now-playing">
              <strong className="file-name">{file.name}</strong>
              <span className="file-meta">
                {(file.buffer.sampleRate / 1000).toFixed(1)} kHz ·{' '}
                {file.buffer.numberOfChannels === 1 ? 'mono' : `${file.buffer.numberOfChannels} channels`}
              </span>
            </div>
            <Waveform
              peaks={file.peaks}
              duration={file.buffer.duration}
              currentTime={player.currentTime}
              onSeek={player.seek}
            />
            <div className="transport">
              <button
                type="button"
                className="primary play"
                onClick={() => void player.toggle()}
                disabled={!player.ready}
                aria-label={player.playing ? 'Pause' : 'Play'}
              >
                {player.playing ? '❚❚ Pause' : '▶ Play'}
              </button>
              <span className="clock" aria-label="Position">
                <span className="current-time">{formatTime(player.currentTime)}</span> /{' '}
                <span className="duration">{formatTime(file.buffer.duration)}</span>
              </span>
              <button
                type="button"
                className={`bypass${bypassed ? ' active' : ''}`}
                aria-pressed={bypassed}
                onClick={() => setBypassed((b) => !b)}
                title="Compare with the original at the same loudness (B)"
              >
                Bypass (B)
              </button>
            </div>
          </section>
        ) : (
          <section className="panel empty" aria-label="Start">
            <p>
              Drop an audio file anywhere on this page, open one, or try the demo song. MP3, WAV, FLAC, Ogg,
              Opus and M4A all work.
            </p>
          </section>
        )}

        <section className="panel equalizer" aria-label="Equalizer">
          <div className="eq-toolbar">
            <h2>Equalizer</h2>
            <label className="amount">
              Amount
              <input
                type="range"
                min={0}
                max={1.5}
                step={0.01}
                value={amount}
                aria-label="Amount"
                aria-valuetext={`${Math.round(amount * 100)} %`}
                onChange={(e) => setAmount(Number(e.target.value))}
              />
              <output>{Math.round(amount * 100)} %</output>
            </label>
            <div className="history">
              <button type="button" onClick={eq.undo} disabled={!eq.canUndo} title="Undo (Ctrl+Z)">
                Undo
              </button>
              <button type="button" onClick={eq.redo} disabled={!eq.canRedo} title="Redo (Ctrl+Shift+Z)">
                Redo
              </button>
              <button type="button" onClick={() => eq.setAll(FLAT)} disabled={eq.gains.every((g) => g === 0)}>
                Flat
              </button>
            </div>
          </div>
          {file && (
            <AnalysisPanel
              state={analysis.state}
              canReset={!atSuggestion}
              onCancel={analysis.cancel}
              onReset={() => suggestion && eq.setAll(suggestion)}
            />
          )}
          {file && analysis.state.kind === 'done' && song.song && (
            <FeedbackPanel
              suggestion={song.song.suggestion}
              rating={song.song.rating}
              saved={
                !feedback.unsaved.includes(song.song.id) ? 'saved' : feedback.problem ? 'memory' : 'saving'
              }
              personaliseOn={feedback.settings.personalise}
              learnedFrom={feedbackSession.learningRecords(song.song.id).length}
              onRate={keepCurve}
              onPersonalise={(on) => {
                void feedbackSession.setPersonalise(on);
                refreshSuggestion();
              }}
              onReset={() => {
                void feedbackSession.resetPersonalisation();
                refreshSuggestion();
              }}
            />
          )}
          <EqCurve
            gainsDb={eq.gains}
            appliedDb={applied}
            sampleRate={sampleRate}
            referenceDb={suggestionCurve}
            onBandChange={(i, g) => eq.setBand(i, g, `drag-${i}`)}
            onBandReset={(i) => eq.setBand(i, 0, null)}
          />
          <BandControls
            gainsDb={eq.gains}
            usable={usable}
            onBandChange={(i, g) => eq.setBand(i, g)}
            onBandReset={(i) => eq.setBand(i, 0, null)}
          />
        </section>

        {file && (
          <ExportPanel
            buffer={file.buffer}
            fileName={file.name}
            appliedDb={applied}
            onExported={() => keepCurve(null)}
          />
        )}
      </main>

      <footer>
        <p>
          Demo song: “{DEMO_TRACK.title}” by {DEMO_TRACK.artist}, licensed{' '}
          <a href={DEMO_TRACK.licenceUrl}>{DEMO_TRACK.licence}</a> ({DEMO_TRACK.source}).
        </p>
        <p>Everything runs in this browser tab; nothing you open is uploaded. Works offline once loaded.</p>
      </footer>
    </div>
  );
}
