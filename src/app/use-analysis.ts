import { useCallback, useEffect, useRef, useState } from 'react';
import { copyChannels } from '../audio/copy-channels.ts';
import type { AnalysisResult } from '../workers/analysis-client.ts';
import { analysisClient } from './analysis-service.ts';

export type AnalysisState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: number }
  | { kind: 'done'; result: AnalysisResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/**
 * Analyses each file as soon as it is opened. Opening another file, or cancel(), stops the running analysis
 * (the worker is replaced); a failure leaves the app working and the next file is analysed normally.
 * State is kept per buffer, so a new file reads as "running" from its first render.
 */
/** `onResult` gets the result and performance.now() at which this file's analysis started. */
export function useAnalysis(
  buffer: AudioBuffer | null,
  silent: boolean,
  onResult: (r: AnalysisResult, startedAt: number) => void,
) {
  const [tracked, setTracked] = useState<{ buffer: AudioBuffer | null; state: AnalysisState }>({
    buffer: null,
    state: { kind: 'idle' },
  });
  const controller = useRef<AbortController | null>(null);
  const resultHandler = useRef(onResult);
  useEffect(() => {
    resultHandler.current = onResult;
  });

  useEffect(() => {
    if (!buffer || silent) return;
    const c = new AbortController();
    controller.current = c;
    const startedAt = performance.now();
    const set = (state: AnalysisState) => setTracked({ buffer, state });
    (async () => {
      return analysisClient.analyze(copyChannels(buffer), buffer.sampleRate, {
        signal: c.signal,
        onProgress: (progress) => !c.signal.aborted && set({ kind: 'running', progress }),
      });
    })().then(
      (result) => {
        if (c.signal.aborted) return;
        set({ kind: 'done', result });
        resultHandler.current(result, startedAt);
      },
      (e: unknown) => {
        if (c.signal.aborted) {
          if (controller.current === c) set({ kind: 'cancelled' });
          return;
        }
        set({ kind: 'failed', message: `The analysis failed: ${(e as Error).message}` });
      },
    );
    return () => {
      if (controller.current === c) controller.current = null;
      c.abort();
    };
  }, [buffer, silent]);

  const cancel = useCallback(() => controller.current?.abort(), []);
  let state: AnalysisState = tracked.state;
  if (!buffer) state = { kind: 'idle' };
  else if (silent) state = { kind: 'failed', message: 'No suggestion for a silent file.' };
  else if (tracked.buffer !== buffer) state = { kind: 'running', progress: 0 };
  return { state, cancel };
}
