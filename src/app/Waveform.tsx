import { useEffect, useRef, type KeyboardEvent } from 'react';
import WaveSurfer from 'wavesurfer.js';
import { formatTime, spokenTime } from './time-format.ts';

export interface WaveformProps {
  /** Precomputed peaks (one array per channel) and duration: wavesurfer never decodes the file again. */
  peaks: Float32Array[];
  duration: number;
  currentTime: number;
  onSeek(seconds: number): void;
}

/** Seconds an arrow key moves; Page Up/Down move ten times as far. */
const STEP_S = 5;

/** Where a key takes the play position, or null for keys the control does not handle. */
export function seekTarget(key: string, current: number, duration: number): number | null {
  const clamp = (t: number) => Math.min(duration, Math.max(0, t));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(current - STEP_S);
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(current + STEP_S);
    case 'PageDown':
      return clamp(current - 10 * STEP_S);
    case 'PageUp':
      return clamp(current + 10 * STEP_S);
    case 'Home':
      return 0;
    case 'End':
      return duration;
    default:
      return null;
  }
}

/**
 * The file's waveform with a progress cursor, and the play position control ("Position", a slider): click or
 * drag to seek, or focus it and use the arrow keys (5 s), Page Up/Down (50 s), Home and End. Playback itself
 * is the Web Audio graph.
 */
export function Waveform({ peaks, duration, currentTime, onSeek }: WaveformProps) {
  const container = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const seek = useRef(onSeek);
  useEffect(() => {
    seek.current = onSeek;
  });

  useEffect(() => {
    const w = WaveSurfer.create({
      container: container.current!,
      peaks,
      duration,
      // Lower on a phone, so the curve fits on the screen with the player (app.css).
      height: window.matchMedia('(max-width: 640px)').matches ? 64 : 96,
      waveColor: '#3d4a66',
      progressColor: '#5ad1c4',
      cursorColor: '#e8ecf4',
      cursorWidth: 2,
      barWidth: 2,
      barGap: 1,
      barRadius: 2,
      normalize: true,
      interact: true,
    });
    w.on('interaction', (t) => seek.current(t));
    ws.current = w;
    return () => {
      ws.current = null;
      w.destroy();
    };
  }, [peaks, duration]);

  useEffect(() => {
    ws.current?.setTime(currentTime);
  }, [currentTime]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = seekTarget(e.key, currentTime, duration);
    if (t === null) return;
    e.preventDefault();
    onSeek(t);
  };

  return (
    <div
      ref={container}
      className="waveform"
      role="slider"
      tabIndex={0}
      aria-label="Position"
      aria-valuemin={0}
      aria-valuemax={Math.round(duration)}
      aria-valuenow={Math.round(currentTime)}
      aria-valuetext={`${spokenTime(currentTime)} of ${spokenTime(duration)}`}
      title={`${formatTime(currentTime)} / ${formatTime(duration)}: click, or use the arrow keys, Home and End`}
      onKeyDown={onKeyDown}
    />
  );
}
