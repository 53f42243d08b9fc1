import { useMemo, useRef, useState } from 'react';
import { OfflineReady } from '../pwa/OfflineReady.tsx';
import { UpdatePrompt } from '../pwa/UpdatePrompt.tsx';
import { FLAT_COMMAND } from '../shared/dsp/eq-command.ts';
import { appliedCurve } from '../session/song-session.ts';
import { LIMIT_TEXT } from '../audio/decode/limits.ts';
import { DEMO_TRACK } from './demo-track.ts';
import { EqualizerPanel } from './EqualizerPanel.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { History } from './feedback/History.tsx';
import { Messages } from './Messages.tsx';
import { PlayerPanel } from './PlayerPanel.tsx';
import { openUrl, studio } from './studio.ts';
import { useFileDrop } from './use-file-drop.ts';
import { useLivePlayer } from './use-live-player.ts';
import { useShortcuts } from './use-shortcuts.ts';
import { useStudio } from './use-studio.ts';

const ACCEPT = 'audio/*,.wav,.flac,.mp3,.ogg,.opus,.m4a,.aac,.webm';
const openFirst = (files: FileList | null) => files?.[0] && void studio.open(files[0]);

/** The page: header, messages, player, equalizer, export, footer. State lives in the session store. */
export function App() {
  const { song, audio } = useStudio();
  const [bypassed, setBypassed] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const dragOver = useFileDrop(openFirst);
  const present = song?.history.present ?? FLAT_COMMAND;
  const amount = song?.amount ?? 1;
  const applied = useMemo(
    () => (song ? appliedCurve(song) : new Float64Array(FLAT_COMMAND.length)),
    // The applied curve changes only with the curve and the amount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [present, amount],
  );
  const player = useLivePlayer(audio, applied, bypassed);
  const toggleBypass = () => setBypassed((b) => !b);
  useShortcuts({
    togglePlay: () => void player.toggle(),
    toggleBypass,
    undo: () => studio.undo(),
    redo: () => studio.redo(),
  });

  return (
    <div className={`app${dragOver ? ' drag-over' : ''}`}>
      <header className="topbar">
        <div className="brand">
          <h1>Sonic AI EQ</h1>
          <p className="tagline">
            Better-balanced sound, equalised on your device. Your audio never leaves it.
          </p>
        </div>
        <div className="open-actions">
          <button type="button" className="primary" onClick={() => fileInput.current?.click()}>
            Open audio file
          </button>
          <button type="button" onClick={() => void openUrl(DEMO_TRACK.url, `${DEMO_TRACK.title}.opus`)}>
            Try the demo song
          </button>
          <History />
          <input
            ref={fileInput}
            type="file"
            accept={ACCEPT}
            hidden
            aria-label="Audio file"
            onChange={(e) => {
              openFirst(e.target.files);
              e.target.value = '';
            }}
          />
        </div>
      </header>

      <UpdatePrompt />
      <Messages playerError={player.error} />

      <main>
        {song && audio ? (
          <PlayerPanel
            song={song}
            audio={audio}
            player={player}
            bypassed={bypassed}
            onBypass={toggleBypass}
          />
        ) : (
          <section className="panel empty" aria-label="Start">
            <p>
              Drop an audio file anywhere on this page, open one, or try the demo song. MP3, WAV, FLAC, Ogg,
              Opus and M4A all work. {LIMIT_TEXT}
            </p>
          </section>
        )}
        <EqualizerPanel song={song} appliedDb={applied} />
        {song && <ExportPanel song={song} />}
      </main>

      <footer>
        <p>
          Demo song: “{DEMO_TRACK.title}” by {DEMO_TRACK.artist}, licensed{' '}
          <a href={DEMO_TRACK.licenceUrl}>{DEMO_TRACK.licence}</a> ({DEMO_TRACK.source}).
        </p>
        <p>Everything runs in this browser tab; nothing you open is uploaded. Works offline once loaded.</p>
      </footer>
      {/* Last in the page: a toast, and not the first status a reader meets. */}
      <OfflineReady />
    </div>
  );
}
