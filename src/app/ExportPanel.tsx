import { useEffect, useRef, useState } from 'react';
import type { SongSession } from '../session/song-session.ts';
import {
  DEFAULT_EXPORT_CHOICE,
  ExportChoiceFields,
  toExportChoice,
  type ExportChoiceState,
} from './ExportChoiceFields.tsx';
import { studio } from './studio.ts';
import { useStudio } from './use-studio.ts';

/**
 * Export through the same EQ in any format the browser writes, at a delivery level, with progress and
 * cancel; says what was done to the file (the level report's sentence). A running export stays here,
 * named, when another file is opened.
 */
export function ExportPanel({ song }: { song: SongSession }) {
  const { exportJob: job, exportMessage } = useStudio();
  const [choice, setChoice] = useState<ExportChoiceState>(DEFAULT_EXPORT_CHOICE);
  const other = job && job.songId !== song.id ? job.fileName : null;
  const running = job !== null;
  // The Export button and Cancel take each other's place: focus follows, so keyboard users keep their place.
  const panel = useRef<HTMLElement>(null);
  const exportButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current === running) return;
    wasRunning.current = running;
    const active = document.activeElement;
    const lost = !active || active === document.body || panel.current?.contains(active);
    if (lost) (running ? cancelButton : exportButton).current?.focus();
  }, [running]);
  return (
    <section ref={panel} className="panel export" aria-label="Export">
      <ExportChoiceFields
        value={choice}
        onChange={setChoice}
        disabled={running}
        sampleRate={song.facts?.sampleRate ?? 48000}
        channelCount={song.facts?.channelCount ?? 2}
      />
      {job === null ? (
        <button
          ref={exportButton}
          type="button"
          className="primary"
          onClick={() => void studio.export(toExportChoice(choice))}
        >
          Export
        </button>
      ) : (
        <>
          {other && <span className="export-other">Exporting “{other}”</span>}
          <progress max={1} value={job.progress} aria-label="Export progress" />
          <button ref={cancelButton} type="button" onClick={() => studio.cancelExport()}>
            Cancel export
          </button>
        </>
      )}
      {exportMessage && (
        <p className="export-message" role="status">
          {exportMessage}
        </p>
      )}
    </section>
  );
}
