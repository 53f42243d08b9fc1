import { useRef, useState } from 'react';
import { PRESET_FORMATS, type PresetFormat } from '../../shared/presets/index.ts';
import { toCommand } from '../../shared/dsp/eq-command.ts';
import { appliedCurve, type SongSession } from '../../session/song-session.ts';
import { CurveBars } from '../batch/CurveBars.tsx';
import { studio } from '../studio.ts';
import { downloadPreset, PRESET_FORMAT_LABELS, readPresetFile } from './preset-files.ts';
import { presetLibrary } from './preset-service.ts';
import { usePresets } from './use-presets.ts';
import './presets.css';

const stem = (name: string) => name.replace(/\.[^./\\]{1,5}$/, '');

/** Applies a curve to the song on screen as it is heard: the curve at amount 100 %. */
function applyToSong(gainsDb: readonly number[]) {
  studio.setCurve(gainsDb);
  studio.setAmount(1);
}

/**
 * Named curves on this device (save the curve heard as a preset; apply, rename, delete), and curves as files
 * for other equalizers: export the curve heard as GraphicEQ, parametric or our JSON, import any of those.
 */
export function PresetsPanel({ song }: { song: SongSession | null }) {
  const { presets, problem } = usePresets();
  const [name, setName] = useState('');
  const [format, setFormat] = useState<PresetFormat>('graphiceq');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [message, setMessage] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const heard = () => (song ? [...toCommand(appliedCurve(song))] : null);

  const save = async () => {
    const curve = heard();
    if (!curve) return;
    const saved = await presetLibrary.save(name || stem(song!.fileName), curve);
    setName('');
    setMessage(`Saved the curve as “${saved.name}”.`);
  };

  const importFile = async (file: File) => {
    try {
      const { preset, name: presetName, message: read } = await readPresetFile(file);
      const saved = await presetLibrary.save(presetName, preset.gainsDb);
      if (song) applyToSong(saved.gainsDb);
      setMessage(`${read} Saved as “${saved.name}”${song ? ' and applied' : ''}.`);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  return (
    <section className="panel presets" aria-label="Presets">
      <div className="presets-head">
        <h2>Presets</h2>
        <form
          className="preset-save"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input
            type="text"
            value={name}
            maxLength={80}
            placeholder={song ? stem(song.fileName) : 'Name'}
            aria-label="Preset name"
            disabled={!song}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" disabled={!song}>
            Save curve as preset
          </button>
        </form>
      </div>
      {problem && <p className="presets-problem">{problem}</p>}
      {presets.length > 0 && (
        <ul className="preset-list" aria-label="Saved presets">
          {presets.map((p) => (
            <li key={p.id} className="preset-item">
              {renaming?.id === p.id ? (
                <form
                  className="preset-rename"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void presetLibrary.rename(p.id, renaming.name).then(() => setRenaming(null));
                  }}
                >
                  <input
                    type="text"
                    value={renaming.name}
                    maxLength={80}
                    aria-label={`New name for ${p.name}`}
                    autoFocus
                    onChange={(e) => setRenaming({ id: p.id, name: e.target.value })}
                    onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                  />
                  <button type="submit">Save name</button>
                </form>
              ) : (
                <span className="preset-name">{p.name}</span>
              )}
              <CurveBars gainsDb={p.gainsDb} />
              <span className="preset-actions">
                <button
                  type="button"
                  aria-label={`Apply ${p.name}`}
                  disabled={!song}
                  onClick={() => {
                    applyToSong(p.gainsDb);
                    setMessage(`Applied “${p.name}”.`);
                  }}
                >
                  Apply
                </button>
                <button
                  type="button"
                  aria-label={`Rename ${p.name}`}
                  onClick={() => setRenaming({ id: p.id, name: p.name })}
                >
                  Rename
                </button>
                <button
                  type="button"
                  aria-label={`Delete ${p.name}`}
                  onClick={() => {
                    void presetLibrary.remove(p.id);
                    setMessage(`Deleted “${p.name}”.`);
                  }}
                >
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="preset-files">
        <label>
          For other equalizers{' '}
          <select
            aria-label="Preset type"
            value={format}
            onChange={(e) => setFormat(e.target.value as PresetFormat)}
          >
            {PRESET_FORMATS.map((f) => (
              <option key={f} value={f}>
                {PRESET_FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!song}
          onClick={() => {
            const curve = heard();
            if (!curve || !song) return;
            const file = downloadPreset(curve, format, song.fileName, stem(song.fileName));
            setMessage(`Exported the curve as “${file}”.`);
          }}
        >
          Download curve
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import preset
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".txt,.json,text/plain,application/json"
          hidden
          aria-label="Preset file to import"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importFile(f);
          }}
        />
      </div>
      <p className="presets-note">Saved presets travel with your ratings: Rating history → Export JSON.</p>
      <p className="presets-message" role="status">
        {message}
      </p>
    </section>
  );
}
