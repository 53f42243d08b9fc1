import { useEffect, useRef } from 'react';
import type { LiveMonitor } from '../../audio/live-monitor.ts';
import { SpectrumView } from './spectrum-view.ts';
import { tiltOf, type AnalyserSettings } from './analyser-settings.ts';

export interface SpectrumAnalyserProps {
  monitor: LiveMonitor | null;
  settings: AnalyserSettings;
  playing: boolean;
  bypassed: boolean;
}

/**
 * The live spectrum, a canvas stacked behind the EQ curve (the parent positions it), redrawn once per display
 * frame while the song plays; when it stops the last picture stays, and a bypass or a setting changed then
 * redraws it. Decorative for assistive technology: the meters carry the numbers.
 */
export function SpectrumAnalyser({ monitor, settings, playing, bypassed }: SpectrumAnalyserProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const view = useRef<SpectrumView | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const v = new SpectrumView(canvas);
    view.current = v;
    const fit = () => {
      const r = canvas.getBoundingClientRect();
      v.resize(r.width, r.height, window.devicePixelRatio || 1);
    };
    fit();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.setSources(monitor);
  }, [monitor]);

  useEffect(() => {
    view.current?.setOptions({
      fraction: settings.fraction,
      tiltDbPerOctave: tiltOf(settings),
      audible: bypassed ? 'original' : 'equalised',
    });
  }, [settings, bypassed]);

  useEffect(() => {
    const v = view.current;
    if (!v || !monitor || !playing) return;
    let frame = 0;
    const tick = () => {
      v.frame();
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [monitor, playing]);

  return (
    <canvas
      ref={canvasRef}
      className="spectrum"
      aria-hidden="true"
      data-audible={bypassed ? 'original' : 'equalised'}
    />
  );
}
