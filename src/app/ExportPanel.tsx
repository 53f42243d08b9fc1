import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../audio/export/index.ts';
import type { SongSession } from '../session/song-session.ts';
import { studio } from './studio.ts';
import { useStudio } from './use-studio.ts';

/** The formats' names in the app's format menus. */
export const FORMAT_LABELS: Record<ExportFormat, string> = {
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
  return (
    <section className="panel export" aria-label="Export">
      <label>
        Format{' '}
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
          disabled={job !== null}
        >
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      {job === null ? (
        <button type="button" className="primary" onClick={() => void studio.export(format)}>
          Export
        </button>
      ) : (
        <>
          {other && <span className="export-other">Exporting “{other}”</span>}
          <progress max={1} value={job.progress} aria-label="Export progress" />
          <button type="button" onClick={() => studio.cancelExport()}>
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
