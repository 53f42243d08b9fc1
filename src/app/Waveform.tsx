import { useEffect, useRef } from 'react';
import WaveSurfer from 'wavesurfer.js';

export interface WaveformProps {
  /** Precomputed peaks (one array per channel) and duration: wavesurfer never decodes the file again. */
  peaks: Float32Array[];
  duration: number;
  currentTime: number;
  onSeek(seconds: number): void;
}

/** The file's waveform with a progress cursor; click or drag to seek. Playback itself is the Web Audio graph. */
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

  return (
    <div ref={container} className="waveform" aria-label="Waveform: click to seek" role="presentation" />
  );
}
