/**
 * How the user likes the analyser (a view preference of this device, not a property of the song): shown or
 * not, its smoothing and its tilt. Kept in localStorage; a browser that refuses it keeps them for the session.
 */
import { useSyncExternalStore } from 'react';
import { MUSIC_TILT_DB_PER_OCTAVE } from '../../shared/spectrum/octave-smoothing.ts';

export interface AnalyserSettings {
  show: boolean;
  /** N of 1/N-octave smoothing. */
  fraction: 3 | 6 | 12;
  /** Tilt by MUSIC_TILT_DB_PER_OCTAVE, so that music with a typical balance looks flat. */
  tilt: boolean;
}

export const SMOOTHING_CHOICES = [3, 6, 12] as const;
const KEY = 'sonic-eq.analyser';
const DEFAULTS: AnalyserSettings = { show: true, fraction: 6, tilt: true };

function load(): AnalyserSettings {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<AnalyserSettings> | null;
    if (!raw) return DEFAULTS;
    return {
      show: typeof raw.show === 'boolean' ? raw.show : DEFAULTS.show,
      fraction: SMOOTHING_CHOICES.includes(raw.fraction as 3) ? raw.fraction! : DEFAULTS.fraction,
      tilt: typeof raw.tilt === 'boolean' ? raw.tilt : DEFAULTS.tilt,
    };
  } catch {
    return DEFAULTS;
  }
}

let current: AnalyserSettings | null = null;
const listeners = new Set<() => void>();

const get = (): AnalyserSettings => (current ??= load());

export function setAnalyserSettings(patch: Partial<AnalyserSettings>): void {
  current = { ...get(), ...patch };
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    /* storage refused: the choice lasts for this session */
  }
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const useAnalyserSettings = (): AnalyserSettings => useSyncExternalStore(subscribe, get);

export const tiltOf = (s: AnalyserSettings): number => (s.tilt ? MUSIC_TILT_DB_PER_OCTAVE : 0);
