import { useEffect, useState } from 'react';
import {
  ALL_EXPORT_FORMATS,
  availableExportFormats,
  DELIVERY_PRESETS,
  EXPORT_CEILING_DBTP,
  EXPORT_FORMAT_INFO,
  type DeliveryTarget,
  type ExportChoice,
  type ExportFormatId,
} from '../audio/export/index.ts';

/** The level choices of the export menus (custom: any loudness and ceiling within the bounds below). */
export type LevelChoice = 'keep' | 'streaming' | 'broadcast' | 'custom';

export const LEVEL_LABELS: Record<LevelChoice, string> = {
  keep: 'Keep level (peaks under −1 dBTP)',
  streaming: 'Streaming: −14 LUFS, −1 dBTP',
  broadcast: 'EBU R128 broadcast: −23 LUFS, −1 dBTP',
  custom: 'Custom loudness and ceiling',
};

/** Bounds of the custom target: quieter than −40 LUFS or a ceiling under −9 dBTP is no delivery anyone asks for. */
export const CUSTOM_LUFS = { min: -40, max: -5 };
export const CUSTOM_CEILING = { min: -9, max: 0 };

export interface ExportChoiceState {
  format: ExportFormatId;
  level: LevelChoice;
  customLufs: number;
  customCeilingDbtp: number;
}

export const DEFAULT_EXPORT_CHOICE: ExportChoiceState = {
  format: 'wav24',
  level: 'keep',
  customLufs: -16,
  customCeilingDbtp: EXPORT_CEILING_DBTP,
};

const clamp = (v: number, b: { min: number; max: number }, fallback: number) =>
  Number.isFinite(v) ? Math.min(b.max, Math.max(b.min, v)) : fallback;

/** What an export is asked for: the format and the delivery target. */
export function toExportChoice(s: ExportChoiceState): ExportChoice {
  let delivery: DeliveryTarget;
  if (s.level === 'custom') {
    delivery = {
      kind: 'loudness',
      lufs: clamp(s.customLufs, CUSTOM_LUFS, DEFAULT_EXPORT_CHOICE.customLufs),
      ceilingDbtp: clamp(s.customCeilingDbtp, CUSTOM_CEILING, EXPORT_CEILING_DBTP),
    };
  } else {
    delivery = DELIVERY_PRESETS[s.level];
  }
  return { format: s.format, delivery };
}

/** Formats this browser writes for a song of this layout; the ones our own code encodes until it is known. */
function useFormats(sampleRate: number, channelCount: number): readonly ExportFormatId[] {
  const [formats, setFormats] = useState<readonly ExportFormatId[]>(() =>
    ALL_EXPORT_FORMATS.filter((f) => !EXPORT_FORMAT_INFO[f].webCodecs),
  );
  useEffect(() => {
    let live = true;
    void availableExportFormats(sampleRate, channelCount).then((f) => live && setFormats(f));
    return () => {
      live = false;
    };
  }, [sampleRate, channelCount]);
  return formats;
}

/**
 * The format menu (every format availableExportFormats() gives: Opus and AAC only where WebCodecs encodes
 * them) and the level menu (keep, streaming, broadcast, custom LUFS and ceiling) of an export.
 */
export function ExportChoiceFields({
  value,
  onChange,
  disabled,
  sampleRate,
  channelCount,
  names = { format: 'Format', level: 'Level' },
}: {
  value: ExportChoiceState;
  onChange(next: ExportChoiceState): void;
  disabled: boolean;
  sampleRate: number;
  channelCount: number;
  /** Accessible names of the two menus (the batch panel has its own). */
  names?: { format: string; level: string };
}) {
  const formats = useFormats(sampleRate, channelCount);
  const format = formats.includes(value.format) ? value.format : DEFAULT_EXPORT_CHOICE.format;
  const set = (patch: Partial<ExportChoiceState>) => onChange({ ...value, format, ...patch });
  return (
    <>
      <label>
        Format{' '}
        <select
          aria-label={names.format}
          value={format}
          onChange={(e) => set({ format: e.target.value as ExportFormatId })}
          disabled={disabled}
        >
          {formats.map((f) => (
            <option key={f} value={f}>
              {EXPORT_FORMAT_INFO[f].label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Level{' '}
        <select
          aria-label={names.level}
          value={value.level}
          onChange={(e) => set({ level: e.target.value as LevelChoice })}
          disabled={disabled}
        >
          {(Object.keys(LEVEL_LABELS) as LevelChoice[]).map((l) => (
            <option key={l} value={l}>
              {LEVEL_LABELS[l]}
            </option>
          ))}
        </select>
      </label>
      {value.level === 'custom' && (
        <span className="custom-level">
          <label>
            Loudness{' '}
            <input
              type="number"
              aria-label={`${names.level}: loudness, LUFS`}
              min={CUSTOM_LUFS.min}
              max={CUSTOM_LUFS.max}
              step={0.5}
              value={value.customLufs}
              onChange={(e) => set({ customLufs: e.target.valueAsNumber })}
              disabled={disabled}
            />{' '}
            LUFS
          </label>
          <label>
            Ceiling{' '}
            <input
              type="number"
              aria-label={`${names.level}: ceiling, dBTP`}
              min={CUSTOM_CEILING.min}
              max={CUSTOM_CEILING.max}
              step={0.1}
              value={value.customCeilingDbtp}
              onChange={(e) => set({ customCeilingDbtp: e.target.valueAsNumber })}
              disabled={disabled}
            />{' '}
            dBTP
          </label>
        </span>
      )}
    </>
  );
}
