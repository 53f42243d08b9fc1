import { useRef } from 'react';
import { AUDIO_ACCEPT, looksLikeAudio } from '../shared/audio-file-types.ts';
import { DEMO_TRACK } from './demo-track.ts';
import { openFiles } from './open-files.ts';
import { openUrl } from './studio.ts';

/**
 * Folder picking (webkitdirectory) works in desktop browsers; phones' pickers choose files only (several at
 * once still make a batch), so the button is offered with a fine pointer.
 */
const canPickFolder =
  typeof document !== 'undefined' &&
  'webkitdirectory' in document.createElement('input') &&
  window.matchMedia('(pointer: fine)').matches;

const ACCEPT = AUDIO_ACCEPT.join(',');

/** Open one file or many (many become a batch), a folder where the browser can, or the demo song. */
export function OpenButtons() {
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const take = (input: HTMLInputElement, folder: boolean) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    // A folder holds covers and playlists too: only its audio files, in path order; files picked one by one
    // are all tried (a bad one says why).
    openFiles(folder ? files.filter(looksLikeAudio).sort(byPath) : files);
  };
  return (
    <>
      <button type="button" className="primary" onClick={() => fileInput.current?.click()}>
        Open audio file
      </button>
      {canPickFolder && (
        <button type="button" onClick={() => folderInput.current?.click()}>
          Open folder
        </button>
      )}
      <button type="button" onClick={() => void openUrl(DEMO_TRACK.url, `${DEMO_TRACK.title}.opus`)}>
        Try the demo song
      </button>
      <input
        ref={fileInput}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        aria-label="Audio file"
        onChange={(e) => take(e.target, false)}
      />
      {canPickFolder && (
        <input
          ref={folderInput}
          type="file"
          hidden
          aria-label="Audio folder"
          {...{ webkitdirectory: '' }}
          onChange={(e) => take(e.target, true)}
        />
      )}
    </>
  );
}

const byPath = (a: File, b: File) =>
  a.webkitRelativePath.localeCompare(b.webkitRelativePath, undefined, { numeric: true });
