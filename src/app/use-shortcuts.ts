import { useEffect, useRef } from 'react';

export interface Shortcuts {
  togglePlay(): void;
  toggleBypass(): void;
  undo(): void;
  redo(): void;
}

/** Space plays/pauses, B bypasses, Ctrl/Cmd+Z undoes and Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes. */
export function useShortcuts(actions: Shortcuts) {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing =
        t?.tagName === 'INPUT' && !['range', 'button', 'checkbox'].includes((t as HTMLInputElement).type);
      if (typing || t?.tagName === 'SELECT' || t?.tagName === 'TEXTAREA') return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) ref.current.redo();
        else ref.current.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        ref.current.redo();
      } else if (!mod && e.key === ' ' && t?.tagName !== 'BUTTON') {
        e.preventDefault();
        ref.current.togglePlay();
      } else if (!mod && e.key.toLowerCase() === 'b') {
        ref.current.toggleBypass();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
