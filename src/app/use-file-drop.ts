import { useEffect, useRef, useState } from 'react';
import { droppedFiles } from './dropped-files.ts';

/**
 * Files dropped anywhere on the page (and the audio files of dropped folders) go to `onFiles`; returns
 * whether a drag with files is over the page.
 */
export function useFileDrop(onFiles: (files: File[]) => void): boolean {
  const [over, setOver] = useState(false);
  const handler = useRef(onFiles);
  useEffect(() => {
    handler.current = onFiles;
  });
  useEffect(() => {
    const dragover = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setOver(true);
    };
    const dragleave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setOver(false);
      if (!e.dataTransfer) return;
      const files = droppedFiles(e.dataTransfer);
      if (Array.isArray(files)) {
        if (files.length) handler.current(files);
      } else {
        void files.then((f) => f.length && handler.current(f));
      }
    };
    window.addEventListener('dragover', dragover);
    window.addEventListener('dragleave', dragleave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', dragover);
      window.removeEventListener('dragleave', dragleave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return over;
}
