import { useCallback, useEffect, useRef, useState } from 'react';
import { LivePlayer } from '../audio/live-player.ts';
import {
  eqLoudnessChangeDb,
  loudnessProfile,
  type LoudnessProfile,
} from '../shared/loudness/loudness-match.ts';

/**
 * Owns the live preview for the loaded buffer: builds the graph, keeps the EQ command and the loudness
 * match up to date, and reports the play position for the waveform and the clock.
 */
export function useLivePlayer(buffer: AudioBuffer | null, appliedDb: ArrayLike<number>, bypassed: boolean) {
  const [player, setPlayer] = useState<LivePlayer | null>(null);
  const [playing, setPlaying] = useState(false);
  const [currentTime, setCurrentTime] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const profile = useRef<LoudnessProfile | null>(null);
  const applied = useRef(appliedDb);
  useEffect(() => {
    applied.current = appliedDb;
  });

  useEffect(() => {
    if (!buffer) return;
    let disposed = false;
    let created: LivePlayer | null = null;
    const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
    profile.current = loudnessProfile(channels, buffer.sampleRate);
    LivePlayer.create(buffer, applied.current).then(
      (p) => {
        if (disposed) {
          void p.dispose();
          return;
        }
        created = p;
        p.onEnded = () => setPlaying(false);
        setPlayer(p);
        setCurrentTime(0);
        setError(null);
      },
      (e: unknown) => setError(`The audio engine could not start: ${(e as Error).message}`),
    );
    return () => {
      disposed = true;
      setPlayer(null);
      setPlaying(false);
      void created?.dispose();
    };
  }, [buffer]);

  useEffect(() => {
    if (!player || !profile.current) return;
    player.setCommand(appliedDb, -eqLoudnessChangeDb(profile.current, appliedDb));
  }, [player, appliedDb]);

  useEffect(() => {
    player?.setBypass(bypassed);
  }, [player, bypassed]);

  useEffect(() => {
    if (!player || !playing) return;
    let frame = 0;
    const tick = () => {
      setCurrentTime(player.currentTime);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [player, playing]);

  const toggle = useCallback(async () => {
    if (!player) return;
    if (player.playing) {
      player.pause();
      setPlaying(false);
    } else {
      await player.play();
      setPlaying(true);
    }
  }, [player]);

  const seek = useCallback(
    (t: number) => {
      player?.seek(t);
      setCurrentTime(t);
    },
    [player],
  );

  return { ready: player !== null, playing, currentTime, toggle, seek, error, engine: player };
}

/** What the player offers the page: readiness, the play position (seconds), play/pause, seek, an error. */
export type LivePlayback = ReturnType<typeof useLivePlayer>;
