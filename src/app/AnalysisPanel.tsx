import type { AnalysisState } from './use-analysis.ts';

export interface AnalysisPanelProps {
  state: AnalysisState;
  /** The suggestion differs from the current curve: offer to go back to it. */
  canReset: boolean;
  onCancel(): void;
  onReset(): void;
}

/** Where the model's suggestion shows up: progress and cancel while analysing, then a live status. */
export function AnalysisPanel({ state, canReset, onCancel, onReset }: AnalysisPanelProps) {
  let text = '';
  if (state.kind === 'running') text = `Analysing the song… ${Math.round(state.progress * 100)} %`;
  else if (state.kind === 'done')
    text = canReset
      ? 'Suggestion ready. Your curve differs from it (dashed); “Reset to suggestion” applies it.'
      : 'Suggestion ready: the suggested curve is applied. Edit it freely.';
  else if (state.kind === 'cancelled') text = 'Analysis cancelled.';
  else if (state.kind === 'failed') text = state.message;
  return (
    <div className="analysis" aria-label="Suggestion">
      {state.kind === 'running' && (
        <>
          <progress max={1} value={state.progress} aria-label="Analysis progress" />
          <button type="button" onClick={onCancel}>
            Cancel analysis
          </button>
        </>
      )}
      <p
        className={`analysis-status${state.kind === 'failed' ? ' failed' : ''}`}
        role="status"
        aria-live="polite"
      >
        {text}
      </p>
      {state.kind === 'done' && (
        <button type="button" onClick={onReset} disabled={!canReset}>
          Reset to suggestion
        </button>
      )}
    </div>
  );
}
