/**
 * Helpers for specs of the live graph: a stationary test signal (pink noise, whose spectrum and loudness do
 * not depend on when they are read) and a handle on the page's AudioContexts, recorded by an init script, to
 * read Chromium's playback statistics (underruns: the audio the device wanted and did not get in time).
 */
import type { Page } from 'playwright-core';
import { seededRandom } from '../../../src/shared/dsp/test-helpers.ts';

/**
 * Pink noise (Paul Kellet's filter on seeded white noise), uncorrelated channels, scaled to `rmsDb` dBFS RMS
 * per channel.
 */
export function pinkNoise(seconds: number, sampleRate: number, channels: number, rmsDb: number, seed = 1) {
  const frames = Math.round(seconds * sampleRate);
  const rnd = seededRandom(seed);
  return Array.from({ length: channels }, () => {
    const out = new Float32Array(frames);
    let b0 = 0,
      b1 = 0,
      b2 = 0,
      b3 = 0,
      b4 = 0,
      b5 = 0,
      b6 = 0;
    let power = 0;
    for (let i = 0; i < frames; i++) {
      const w = rnd() * 2 - 1;
      b0 = 0.99886 * b0 + w * 0.0555179;
      b1 = 0.99332 * b1 + w * 0.0750759;
      b2 = 0.969 * b2 + w * 0.153852;
      b3 = 0.8665 * b3 + w * 0.3104856;
      b4 = 0.55 * b4 + w * 0.5329522;
      b5 = -0.7616 * b5 - w * 0.016898;
      const v = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
      b6 = w * 0.115926;
      out[i] = v;
      power += v * v;
    }
    const g = 10 ** (rmsDb / 20) / Math.sqrt(power / frames);
    for (let i = 0; i < frames; i++) out[i]! *= g;
    return out;
  });
}

/** Before the app loads: every AudioContext the page creates is kept in window.__contexts. */
export async function recordAudioContexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.AudioContext;
    const list: AudioContext[] = [];
    (window as unknown as { __contexts: AudioContext[] }).__contexts = list;
    window.AudioContext = class extends Native {
      constructor(opts?: AudioContextOptions) {
        super(opts);
        list.push(this);
      }
    };
  });
}

export interface PlaybackStats {
  underrunEvents: number;
  underrunDuration: number;
  totalDuration: number;
}

/** Chromium's playback statistics of the newest AudioContext (AudioContext.playbackStats). */
export function playbackStats(page: Page): Promise<PlaybackStats> {
  return page.evaluate(() => {
    const list = (window as unknown as { __contexts: AudioContext[] }).__contexts;
    const ctx = list[list.length - 1] as AudioContext & { playbackStats: PlaybackStats };
    const s = ctx.playbackStats;
    return {
      underrunEvents: s.underrunEvents,
      underrunDuration: s.underrunDuration,
      totalDuration: s.totalDuration,
    };
  });
}
