import { useEffect, useState } from 'react';
import { LiveMonitor } from '../../audio/live-monitor.ts';
import type { LivePlayer } from '../../audio/live-player.ts';

/**
 * The analysers and the meter tap on the live player's graph, for as long as that player lives. (The meter
 * starts over by itself when sound follows silence: meter.processor.ts.)
 */
export function useLiveMonitor(engine: LivePlayer | null): LiveMonitor | null {
  const [monitor, setMonitor] = useState<LiveMonitor | null>(null);
  useEffect(() => {
    if (!engine) return;
    let disposed = false;
    let created: LiveMonitor | null = null;
    LiveMonitor.create(engine.ctx, engine.taps).then(
      (m) => {
        if (disposed) return m.dispose();
        created = m;
        setMonitor(m);
      },
      // Without the monitor the song still plays; the meters and the analyser stay empty.
      (e: unknown) => console.warn('live monitor unavailable', e),
    );
    return () => {
      disposed = true;
      created?.dispose();
      setMonitor(null);
    };
  }, [engine]);
  return monitor;
}
