import type { SongSession } from '../session/song-session.ts';
import type { LoadedAudio } from './studio.ts';
import { formatTime } from './time-format.ts';
import type { LivePlayback } from './use-live-player.ts';
import { Waveform } from './Waveform.tsx';

export interface PlayerPanelProps {
  song: SongSession;
  audio: LoadedAudio;
  player: LivePlayback;
  bypassed: boolean;
  onBypass(): void;
}

const layout = (rate: number, channels: number) =>
  `${(rate / 1000).toFixed(1)} kHz · ${channels === 1 ? 'mono' : `${channels} channels`}`;

/** The song on screen: its name and format, the waveform to seek in, play/pause, the clock and bypass. */
export function PlayerPanel({ song, audio, player, bypassed, onBypass }: PlayerPanelProps) {
  return (
    <section className="panel player" aria-label="Player">
      <div className="now-playing">
        <strong className="file-name">{song.fileName}</strong>
        <span className="file-meta">{layout(audio.sampleRate, audio.channelCount)}</span>
      </div>
      <Waveform
        peaks={audio.peaks}
        duration={audio.durationS}
        currentTime={player.currentTime}
        onSeek={player.seek}
      />
      <div className="transport">
        <button
          type="button"
          className="primary play"
          onClick={() => void player.toggle()}
          disabled={!player.ready}
          aria-label={player.playing ? 'Pause' : 'Play'}
        >
          {player.playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <span className="clock">
          <span className="current-time">{formatTime(player.currentTime)}</span> /{' '}
          <span className="duration">{formatTime(audio.durationS)}</span>
        </span>
        <button
          type="button"
          className={`bypass${bypassed ? ' active' : ''}`}
          aria-pressed={bypassed}
          onClick={onBypass}
          title="Compare with the original at the same loudness (B)"
        >
          Bypass (B)
        </button>
      </div>
    </section>
  );
}
