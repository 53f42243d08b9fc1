import { useEffect, useRef, useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../audio/export/index.ts';
import type { SongSession } from '../session/song-session.ts';
import { studio } from './studio.ts';
import { useStudio } from './use-studio.ts';

const LABELS: Record<ExportFormat, string> = {
  wav16: 'WAV 16-bit',
  wav24: 'WAV 24-bit',
  wav32f: 'WAV 32-bit float',
  mp3: 'MP3',
};

/**
 * Export through the same EQ, offline, with progress and cancel; says what was done to the file. A running
 * export stays here, named, when another file is opened.
 */
export function ExportPanel({ song }: { song: SongSession }) {
  const { exportJob: job, exportMessage } = useStudio();
  const [format, setFormat] = useState<ExportFormat>('wav24');
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
      <label>
        Format{' '}
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
          disabled={job !== null}
        >
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      {job === null ? (
        <button
          ref={exportButton}
          type="button"
          className="primary"
          onClick={() => void studio.export(format)}
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
