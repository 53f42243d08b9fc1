import { useRef, useState } from 'react';
import { EXPORT_FORMATS, exportAudio, type ExportFormat } from '../audio/export/index.ts';
import { downloadBlob } from './feedback/download.ts';

const LABELS: Record<ExportFormat, string> = {
  wav16: 'WAV 16-bit',
  wav24: 'WAV 24-bit',
  wav32f: 'WAV 32-bit float',
  mp3: 'MP3',
};

export interface ExportPanelProps {
  buffer: AudioBuffer;
  fileName: string;
  appliedDb: readonly number[];
  /** Called with the command that was exported (feedback will record it). */
  onExported?(appliedDb: readonly number[]): void;
}

/** Export through the same EQ, offline, with progress and cancel; says when the level was lowered. */
export function ExportPanel({ buffer, fileName, appliedDb, onExported }: ExportPanelProps) {
  const [format, setFormat] = useState<ExportFormat>('wav24');
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setProgress(0);
    setMessage(null);
    try {
      const result = await exportAudio(buffer, [...appliedDb], format, {
        signal: controller.signal,
        onProgress: setProgress,
      });
      const name = result.fileName(fileName);
      downloadBlob(result.blob, name);
      onExported?.(appliedDb);
      const parts = [`Exported “${name}”.`];
      if (result.gainDb < 0) {
        parts.push(
          `The level was lowered by ${(-result.gainDb).toFixed(1)} dB so it never clips (peaks at −1 dBTP).`,
        );
      }
      if (result.sampleRate !== buffer.sampleRate || result.channelCount !== buffer.numberOfChannels) {
        parts.push(
          `MP3 cannot carry the original layout, so it was saved at ${result.sampleRate / 1000} kHz, ${result.channelCount === 1 ? 'mono' : `${result.channelCount} channels`}.`,
        );
      }
      setMessage(parts.join(' '));
    } catch (e) {
      setMessage(
        (e as Error).name === 'AbortError' ? 'Export cancelled.' : `Export failed: ${(e as Error).message}`,
      );
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  return (
    <section className="panel export" aria-label="Export">
      <label>
        Format{' '}
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
          disabled={progress !== null}
        >
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      {progress === null ? (
        <button type="button" className="primary" onClick={() => void start()}>
          Export
        </button>
      ) : (
        <>
          <progress max={1} value={progress} aria-label="Export progress" />
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel export
          </button>
        </>
      )}
      {message && (
        <p className="export-message" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
