import { useRef, useState, type DragEvent } from 'react';
import './targets.css';
import { STYLES } from '../../shared/targets/index.ts';
import type { ReferenceRecord } from '../../shared/targets/index.ts';
import { referenceLibrary } from '../reference-service.ts';
import { useStudio } from '../use-studio.ts';
import { addReferences, deleteReference, setBase, matchReference } from './target-actions.ts';
import { useReferences } from './use-references.ts';

const ACCEPT = 'audio/*,.wav,.flac,.mp3,.ogg,.opus,.m4a,.aac,.webm';

/**
 * What the suggestion aims at: "Automatic" (the default), a style learned from the corpus, and reference
 * tracks (dropped or picked here, measured on the device, kept as balance profiles only) blended with it.
 */
export function TargetPanel() {
  const { target } = useStudio();
  const lib = useReferences();
  const picker = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const add = (files: FileList | null) => {
    if (files?.length) void addReferences([...files]);
  };
  const onDrop = (e: DragEvent) => {
    // Dropped here, the files are references, not the song to open.
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    add(e.dataTransfer.files);
  };
  const used = new Set(target.referenceIds);
  const anyUsed = lib.records.some((r) => used.has(r.id));
  return (
    <section className="panel targets" aria-label="Target">
      <h2>Target</h2>
      <label className="style-picker">
        Aim at
        <select value={target.base} onChange={(e) => setBase(e.target.value)} aria-label="Style">
          <option value="automatic">Automatic (the model’s balance for this music)</option>
          {STYLES.styles.map((s) => (
            <option key={s.name} value={s.name}>
              {s.label}
            </option>
          ))}
          <option value="none" disabled={!anyUsed}>
            References only
          </option>
        </select>
      </label>
      <p className="target-help">
        {!anyUsed
          ? 'Add a reference track you love and the suggestion matches its balance.'
          : target.base === 'none'
            ? 'The suggestion matches the references you tick.'
            : 'The references you tick are blended with it.'}
      </p>

      <button
        type="button"
        className={`reference-drop${over ? ' over' : ''}`}
        onClick={() => picker.current?.click()}
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.stopPropagation();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        Reference: drop tracks here or choose them
      </button>
      <input
        ref={picker}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        aria-label="Reference tracks"
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
      <p className="reference-status" role="status" aria-live="polite">
        {lib.measuring.length > 0 ? `Measuring “${lib.measuring[0]}”…` : (lib.message ?? '')}
      </p>
      {lib.problem && <p className="reference-problem">{lib.problem}</p>}

      {lib.records.length > 0 && (
        <ul className="reference-list" aria-label="Stored references">
          {lib.records.map((r) => (
            <ReferenceItem key={r.id} record={r} used={used.has(r.id)} />
          ))}
        </ul>
      )}
      <p className="target-privacy">Only each reference’s balance is kept on this device, never its audio.</p>
    </section>
  );
}

function ReferenceItem({ record, used }: { record: ReferenceRecord; used: boolean }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(record.name);
  if (editing) {
    return (
      <li className="reference-item">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setEditing(false);
            void referenceLibrary.rename(record.id, name);
          }}
        >
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-label={`New name for reference ${record.name}`}
            autoFocus
          />
          <button type="submit">Save name</button>
          <button type="button" onClick={() => setEditing(false)}>
            Keep the name
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className="reference-item">
      <label>
        <input
          type="checkbox"
          checked={used}
          onChange={(e) => matchReference(record.id, e.target.checked)}
          aria-label={`Match ${record.name}`}
        />
        <span className="reference-name">{record.name}</span>
      </label>
      <span className="reference-actions">
        <button
          type="button"
          onClick={() => {
            setName(record.name);
            setEditing(true);
          }}
          aria-label={`Rename reference ${record.name}`}
        >
          Rename
        </button>
        <button
          type="button"
          onClick={() => void deleteReference(record.id)}
          aria-label={`Delete reference ${record.name}`}
        >
          Delete
        </button>
      </span>
    </li>
  );
}
