import { useCallback, useEffect, useRef, useState } from 'react';
import { LivePlayer, type PlayableSong } from '../audio/live-player.ts';
import { eqLoudnessChangeDb, type LoudnessProfile } from '../shared/loudness/loudness-match.ts';

/**
 * Owns the live preview for the song on screen: builds the graph, keeps the EQ command and the loudness
 * match up to date, and reports the play position for the waveform and the clock.
 */
export function useLivePlayer(
  song: (PlayableSong & { loudness: LoudnessProfile }) | null,
  appliedDb: ArrayLike<number>,
  bypassed: boolean,
) {
  const [player, setPlayer] = useState<LivePlayer | null>(null);
  const [playing, setPlaying] = useState(false);
  const [currentTime, setCurrentTime] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const applied = useRef(appliedDb);
  useEffect(() => {
    applied.current = appliedDb;
  });

  useEffect(() => {
    if (!song) return;
    let disposed = false;
    let created: LivePlayer | null = null;
    LivePlayer.create(song, applied.current).then(
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
  }, [song]);

  useEffect(() => {
    if (!player || !song) return;
    player.setCommand(appliedDb, -eqLoudnessChangeDb(song.loudness, appliedDb));
  }, [player, song, appliedDb]);

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
      setPlaying(true);
      try {
        await player.play();
      } catch (e) {
        setPlaying(false);
        setError(`The song could not be played: ${(e as Error).message}`);
      }
    }
  }, [player]);

  const seek = useCallback(
    (t: number) => {
      player?.seek(t);
      setCurrentTime(Math.min(Math.max(0, t), song?.durationS ?? t));
    },
    [player, song],
  );

  return { ready: player !== null, playing, currentTime, toggle, seek, error, engine: player };
}

/** What the player offers the page: readiness, the play position (seconds), play/pause, seek, an error. */
export type LivePlayback = ReturnType<typeof useLivePlayer>;
