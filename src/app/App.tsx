import { useMemo, useRef, useState } from 'react';
import { OfflineReady } from '../pwa/OfflineReady.tsx';
import { UpdatePrompt } from '../pwa/UpdatePrompt.tsx';
import { FLAT_COMMAND } from '../shared/dsp/eq-command.ts';
import { appliedCurve } from '../session/song-session.ts';
import { LIMIT_TEXT } from '../audio/decode/limits.ts';
import { useLiveMonitor } from './analyser/use-live-monitor.ts';
import { batch } from './batch/batch-service.ts';
import { BatchPanel } from './batch/BatchPanel.tsx';
import { useBatchNeighbours } from './batch/use-batch.ts';
import { DEMO_TRACK } from './demo-track.ts';
import { EqualizerPanel } from './EqualizerPanel.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { History } from './feedback/History.tsx';
import { KeyboardHelp, type KeyboardHelpHandle } from './KeyboardHelp.tsx';
import { Messages } from './Messages.tsx';
import { LoudnessPanel } from './meters/LoudnessPanel.tsx';
import { OpenButtons } from './OpenButtons.tsx';
import { openFiles } from './open-files.ts';
import { PlayerPanel } from './PlayerPanel.tsx';
import { PresetsPanel } from './presets/PresetsPanel.tsx';
import { studio } from './studio.ts';
import { TargetPanel } from './targets/TargetPanel.tsx';
import { TonalBalanceView } from './targets/TonalBalanceView.tsx';
import { useFileDrop } from './use-file-drop.ts';
import { useLivePlayer } from './use-live-player.ts';
import { useMediaSession } from './use-media-session.ts';
import { useShortcuts } from './use-shortcuts.ts';
import { useStudio } from './use-studio.ts';

/** The page: header, messages, player, equalizer, export, presets, batch, footer. State lives in the stores. */
export function App() {
  const { song, audio, target } = useStudio();
  const [bypassed, setBypassed] = useState(false);
  const help = useRef<KeyboardHelpHandle>(null);
  const dragOver = useFileDrop(openFiles);
  const present = song?.history.present ?? FLAT_COMMAND;
  const amount = song?.amount ?? 1;
  const applied = useMemo(
    () => (song ? appliedCurve(song) : new Float64Array(FLAT_COMMAND.length)),
    // The applied curve changes only with the curve and the amount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [present, amount],
  );
  const player = useLivePlayer(audio, applied, bypassed);
  const monitor = useLiveMonitor(player.engine);
  const { previous, next } = useBatchNeighbours();
  const toggleBypass = () => setBypassed((b) => !b);
  useShortcuts({
    togglePlay: () => void player.toggle(),
    toggleBypass,
    undo: () => studio.undo(),
    redo: () => studio.redo(),
    help: () => help.current?.open(),
    previous: () => void batch.step(-1),
    next: () => void batch.step(1),
  });
  useMediaSession({
    song,
    tags: audio?.tags ?? null,
    durationS: audio?.durationS ?? 0,
    player,
    previous: previous ? () => void batch.step(-1) : null,
    next: next ? () => void batch.step(1) : null,
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
          <OpenButtons />
          <History />
          <KeyboardHelp ref={help} />
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
              Drop audio files or a folder anywhere on this page, open them, or try the demo song. MP3, WAV,
              FLAC, Ogg, Opus and M4A all work; several files make a batch. {LIMIT_TEXT}
            </p>
          </section>
        )}
        <EqualizerPanel
          song={song}
          appliedDb={applied}
          monitor={monitor}
          playing={player.playing}
          bypassed={bypassed}
        />
        {song?.targeted && <TonalBalanceView song={song} appliedDb={applied} target={target} />}
        <TargetPanel />
        {song && <LoudnessPanel song={song} monitor={monitor} />}
        {song && <ExportPanel song={song} />}
        <PresetsPanel song={song} />
        <BatchPanel />
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
