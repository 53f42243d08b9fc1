import { atSuggestion, type SongSession } from '../session/song-session.ts';
import { studio } from './studio.ts';

/** Where the model's suggestion shows up: progress and cancel while analysing, then a live status. */
export function AnalysisPanel({ song }: { song: SongSession }) {
  const { phase, noSuggestion } = song;
  const differs = phase === 'suggested' && !atSuggestion(song);
  let text = '';
  if (phase === 'analysing') text = `Analysing the song… ${Math.round(song.progress * 100)} %`;
  else if (phase === 'suggested')
    text = differs
      ? 'Suggestion ready. Your curve differs from it (dashed); “Reset to suggestion” applies it.'
      : 'Suggestion ready: the suggested curve is applied. Edit it freely.';
  else if (noSuggestion) text = noSuggestion.message;
  return (
    <div className="analysis" aria-label="Suggestion">
      {phase === 'analysing' && (
        <>
          <progress max={1} value={song.progress} aria-label="Analysis progress" />
          <button type="button" onClick={() => studio.cancelAnalysis()}>
            Cancel analysis
          </button>
        </>
      )}
      <p className={`analysis-status${phase === 'failed' ? ' failed' : ''}`} role="status" aria-live="polite">
        {text}
      </p>
      {phase === 'suggested' && (
        <button type="button" onClick={() => studio.resetToSuggestion()} disabled={!differs}>
          Reset to suggestion
        </button>
      )}
      {(noSuggestion?.kind === 'cancelled' || noSuggestion?.kind === 'error') && (
        <button type="button" onClick={() => studio.analyse()}>
          Analyse again
        </button>
      )}
    </div>
  );
}
