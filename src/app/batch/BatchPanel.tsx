import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../audio/export/index.ts';
import { overallProgress, type BatchItem } from '../../batch/batch-state.ts';
import { toCommand } from '../../shared/dsp/eq-command.ts';
import { appliedCurve } from '../../session/song-session.ts';
import { FORMAT_LABELS } from '../ExportPanel.tsx';
import { usePresets } from '../presets/use-presets.ts';
import { useStudio } from '../use-studio.ts';
import { batch, batchZipName } from './batch-service.ts';
import { CurveBars } from './CurveBars.tsx';
import { useBatch } from './use-batch.ts';
import './batch.css';

/** How the batch picks each file's curve: its own, the one on screen for all, or a saved preset for all. */
type Mode = 'own' | 'screen' | 'preset';

function statusText(item: BatchItem): string {
  switch (item.status) {
    case 'waiting':
      return 'Waiting';
    case 'analysing':
      return `Analysing… ${Math.round(item.progress * 100)} %`;
    case 'suggested':
      return item.editedDb ? 'Your curve' : 'Suggestion ready';
    case 'silent':
      return 'Silent: nothing to equalise';
    case 'failed':
      return item.message ?? 'Failed';
    case 'cancelled':
      return 'Not analysed (cancelled)';
  }
}

function exportText(item: BatchItem): string | null {
  switch (item.exportStatus) {
    case null:
      return null;
    case 'waiting':
      return 'To export';
    case 'exporting':
      return 'Exporting…';
    case 'exported':
      return item.exportNote ? `Exported. ${item.exportNote}` : 'Exported';
    case 'skipped':
      return `Skipped: ${item.exportNote}`;
    case 'failed':
      return `Export failed: ${item.exportNote}`;
  }
}

/**
 * The batch: its files with their status and suggestion, worked through one at a time with overall progress
 * and cancel; each file opens on screen to listen and adjust; all export into one zip, each with its own
 * curve or one curve for all.
 */
export function BatchPanel() {
  const state = useBatch();
  const { song } = useStudio();
  const [format, setFormat] = useState<ExportFormat>('wav24');
  const [mode, setMode] = useState<Mode>('own');
  const { presets } = usePresets();
  const [presetId, setPresetId] = useState<string | null>(null);
  const preset = presets.find((p) => p.id === presetId) ?? presets[0] ?? null;
  const { items, task, currentId, message } = state;
  if (items.length === 0) return null;
  const progress = overallProgress(state);
  const analysed = items.filter((i) => i.status === 'suggested').length;
  const cancelled = items.some((i) => i.status === 'cancelled');

  const exportAll = () => {
    if (mode === 'screen' && song) {
      batch.choose({
        kind: 'one',
        label: `the curve of “${song.fileName}”`,
        curveDb: toCommand(appliedCurve(song)),
      });
    } else {
      batch.choose({ kind: 'own' });
    }
    void batch.exportAll(format, batchZipName(items.length));
  };

  return (
    <section className="panel batch" aria-label="Batch">
      <div className="batch-head">
        <h2>Batch</h2>
        <span className="batch-summary">
          {items.length} files · {analysed} with a suggestion
        </span>
        {task ? (
          <>
            <progress max={1} value={progress ?? 0} aria-label="Batch progress" />
            <span className="batch-task">
              {task.kind === 'analyse' ? 'Analysing' : 'Exporting'} {Math.min(task.done + 1, task.total)} of{' '}
              {task.total}
            </span>
            <button type="button" onClick={() => batch.cancel()}>
              Cancel batch
            </button>
          </>
        ) : (
          <>
            {cancelled && (
              <button type="button" onClick={() => batch.analyseAgain()}>
                Analyse the rest
              </button>
            )}
            <button type="button" onClick={() => batch.clear()}>
              Clear list
            </button>
          </>
        )}
      </div>
      <ol className="batch-list" aria-label="Batch files">
        {items.map((item) => {
          const curve = item.editedDb ?? item.suggestion?.shownDb ?? null;
          const exported = exportText(item);
          return (
            <li
              key={item.id}
              className={`batch-item status-${item.status}${item.id === currentId ? ' current' : ''}`}
              aria-current={item.id === currentId ? 'true' : undefined}
            >
              <button
                type="button"
                className="batch-open"
                onClick={() => void batch.show(item.id)}
                title="Open on screen to listen and adjust its curve"
              >
                {item.fileName}
              </button>
              <span className="batch-status">{statusText(item)}</span>
              {curve && <CurveBars gainsDb={Array.from(curve)} />}
              {exported && <span className="batch-export-status">{exported}</span>}
              <button
                type="button"
                className="batch-remove"
                aria-label={`Remove ${item.fileName} from the batch`}
                disabled={task?.currentId === item.id}
                onClick={() => batch.remove(item.id)}
              >
                ×
              </button>
            </li>
          );
        })}
      </ol>
      <div className="batch-export">
        <fieldset className="batch-curve" disabled={task?.kind === 'export'}>
          <legend>Curve</legend>
          <label>
            <input type="radio" name="batch-curve" checked={mode === 'own'} onChange={() => setMode('own')} />
            Each file’s own suggestion
          </label>
          <label>
            <input
              type="radio"
              name="batch-curve"
              checked={mode === 'screen'}
              disabled={!song}
              onChange={() => setMode('screen')}
            />
            The curve on screen, for every file
          </label>
          <label>
            <input
              type="radio"
              name="batch-curve"
              checked={mode === 'preset'}
              disabled={!preset}
              onChange={() => setMode('preset')}
            />
            A preset, for every file
          </label>
          {presets.length > 0 && (
            <select
              aria-label="Batch preset"
              value={preset?.id ?? ''}
              onChange={(e) => {
                setPresetId(e.target.value);
                setMode('preset');
              }}
            >
              {presets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </fieldset>
        <label>
          Format{' '}
          <select
            aria-label="Batch file type"
            value={format}
            onChange={(e) => setFormat(e.target.value as ExportFormat)}
            disabled={task !== null}
          >
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          onClick={exportAll}
          disabled={task !== null}
          title={task?.kind === 'analyse' ? 'Wait for the analysis, or cancel it' : undefined}
        >
          Download all as zip
        </button>
      </div>
      <p className="batch-message" role="status">
        {message ?? ''}
      </p>
    </section>
  );
}
