import { useCallback, useRef, useState } from 'react';
import { AudioFileError, decodeFile, waveformPeaks, type DecodedFile } from '../audio/decode-file.ts';

export interface LoadedFile extends DecodedFile {
  peaks: Float32Array[];
}

export type FileState =
  { kind: 'empty' } | { kind: 'loading'; name: string } | { kind: 'ready'; file: LoadedFile };

/**
 * Opening files: one at a time, the newest wins. A file opened while another is still loading cancels the
 * first (its result is dropped), and whatever goes wrong becomes a message while the current song stays.
 */
export function useAudioFile() {
  const [state, setState] = useState<FileState>({ kind: 'empty' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef<{ controller: AbortController; name: string } | null>(null);
  const loaded = useRef<LoadedFile | null>(null);

  const open = useCallback(async (file: File) => {
    const previous = current.current;
    previous?.controller.abort();
    const controller = new AbortController();
    current.current = { controller, name: file.name };
    const replaced = previous ? `“${file.name}” instead of “${previous.name}”` : null;
    setError(null);
    setNotice(replaced ? `Opening ${replaced}, which was still loading.` : null);
    setState({ kind: 'loading', name: file.name });
    try {
      const decoded = await decodeFile(file, controller.signal);
      if (controller.signal.aborted) return;
      const ready: LoadedFile = { ...decoded, peaks: waveformPeaks(decoded.buffer) };
      loaded.current = ready;
      setState({ kind: 'ready', file: ready });
      setNotice(decoded.warning ?? (replaced ? `Opened ${replaced}, which was still loading.` : null));
    } catch (e) {
      if (controller.signal.aborted) return;
      setError(
        e instanceof AudioFileError
          ? e.message
          : `“${file.name}” could not be opened: ${(e as Error).message}`,
      );
      // Keep the song that was there before, if any.
      setState(loaded.current ? { kind: 'ready', file: loaded.current } : { kind: 'empty' });
    } finally {
      if (current.current?.controller === controller) current.current = null;
    }
  }, []);

  const openUrl = useCallback(
    async (url: string, name: string) => {
      try {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        await open(new File([await res.blob()], name));
      } catch (e) {
        setError(`The demo song could not be loaded: ${(e as Error).message}`);
      }
    },
    [open],
  );

  return { state, error, notice, open, openUrl, dismissError: () => setError(null) };
}
