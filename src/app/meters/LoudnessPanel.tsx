import type { LiveMonitor } from '../../audio/live-monitor.ts';
import type { SongSession } from '../../session/song-session.ts';
import { LiveMeters } from './LiveMeters.tsx';
import { SongLoudness } from './SongLoudness.tsx';

/** Loudness: the live meters of what is heard, and the whole song's figures, original and equalised. */
export function LoudnessPanel({ song, monitor }: { song: SongSession; monitor: LiveMonitor | null }) {
  return (
    <section className="panel loudness" aria-label="Loudness">
      <h2>Loudness</h2>
      <LiveMeters monitor={monitor} onResetPeak={() => monitor?.resetMeter()} />
      <SongLoudness song={song} />
    </section>
  );
}
