import { useEffect, useRef } from 'react';

export interface Shortcuts {
  togglePlay(): void;
  toggleBypass(): void;
  undo(): void;
  redo(): void;
  /** "?": the list of shortcuts. */
  help(): void;
  /** Shift+P / Shift+N: the previous and next file of a batch. */
  previous(): void;
  next(): void;
}

/** The page's keyboard shortcuts, as the help dialog lists them (src/app/KeyboardHelp.tsx). */
export const SHORTCUTS: readonly { keys: string[]; action: string }[] = [
  { keys: ['Space'], action: 'Play or pause' },
  { keys: ['B'], action: 'Bypass: compare with the original at the same loudness' },
  { keys: ['Ctrl', 'Z'], action: 'Undo a change to the curve' },
  { keys: ['Ctrl', 'Shift', 'Z'], action: 'Redo (also Ctrl+Y)' },
  { keys: ['Shift', 'P'], action: 'Previous file of the batch' },
  { keys: ['Shift', 'N'], action: 'Next file of the batch' },
  { keys: ['←', '→', '↑', '↓'], action: 'On a band slider: move it by 0.1 dB (Page Up/Down: more)' },
  { keys: ['Double-click'], action: 'On a band or its handle: back to 0 dB' },
  { keys: ['?'], action: 'This list' },
];

/**
 * Space plays/pauses, B bypasses, Ctrl/Cmd+Z undoes and Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes, Shift+P/N
 * move through a batch, ? lists them all. Keys typed into a text field stay there.
 */
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
      const key = e.key.toLowerCase();
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) ref.current.redo();
        else ref.current.undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        ref.current.redo();
      } else if (mod || e.altKey) {
        return;
      } else if (e.key === ' ' && t?.tagName !== 'BUTTON') {
        e.preventDefault();
        ref.current.togglePlay();
      } else if (key === 'b') {
        ref.current.toggleBypass();
      } else if (e.key === '?') {
        e.preventDefault();
        ref.current.help();
      } else if (e.shiftKey && key === 'p') {
        ref.current.previous();
      } else if (e.shiftKey && key === 'n') {
        ref.current.next();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
