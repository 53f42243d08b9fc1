/**
 * Harness API for the analyser benchmark (dev server only, never shipped): the app's own live player,
 * monitor and spectrum view on a playing song, timed frame by frame on the page's thread.
 */
import { SpectrumView } from '../../../src/app/analyser/spectrum-view.ts';
import { LiveMonitor } from '../../../src/audio/live-monitor.ts';
import { LivePlayer } from '../../../src/audio/live-player.ts';
import { makeFixture } from '../../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../../src/shared/wav/wav-encode.ts';
import { MUSIC_TILT_DB_PER_OCTAVE } from '../../../src/shared/spectrum/octave-smoothing.ts';
import type { AnalyserRequest, AnalyserTestApi, AnalyserTiming } from './analyser-api.ts';

const RATE = 44100;
const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));

async function measure(req: AnalyserRequest): Promise<AnalyserTiming> {
  const frames = RATE * 60;
  const data = makeFixture(frames, 2, 9, RATE);
  // The app plays a song from its file: a float WAV of the fixture.
  const source = new Blob([encodeWav(data, RATE, 'float32') as Uint8Array<ArrayBuffer>], {
    type: 'audio/wav',
  });
  const song = { source, sampleRate: RATE, channelCount: 2, durationS: frames / RATE };
  const player = await LivePlayer.create(song, [4, -3, 2, 6, -8, 1, 3, -2, 5, -6]);
  const monitor = await LiveMonitor.create(player.ctx, player.taps);
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  canvas.style.width = `${req.width}px`;
  canvas.style.height = `${req.height}px`;
  const view = new SpectrumView(canvas);
  view.resize(req.width, req.height, req.dpr);
  view.setOptions({ fraction: 6, tiltDbPerOctave: MUSIC_TILT_DB_PER_OCTAVE, audible: 'equalised' });
  view.setSources(monitor);
  await player.play();
  const stats = () =>
    (player.ctx as AudioContext & { playbackStats: { underrunEvents: number } }).playbackStats;
  for (let i = 0; i < 30; i++) {
    await nextFrame();
    view.frame();
  }
  const underrunsBefore = stats().underrunEvents;
  const ctx2d = canvas.getContext('2d')!;
  const callbackMs: number[] = [];
  const withRasterMs: number[] = [];
  const start = await nextFrame();
  let last = start;
  for (let i = 0; i < req.frames; i++) {
    last = await nextFrame();
    const t0 = performance.now();
    view.frame();
    const t1 = performance.now();
    // Reading a pixel makes Chromium rasterise the recorded drawing now instead of at paint.
    ctx2d.getImageData(0, 0, 1, 1);
    const t2 = performance.now();
    callbackMs.push(t1 - t0);
    withRasterMs.push(t2 - t0);
  }
  const underruns = stats().underrunEvents - underrunsBefore;
  monitor.dispose();
  await player.dispose();
  canvas.remove();
  return { callbackMs, withRasterMs, fps: (req.frames * 1000) / (last - start), underruns };
}

export const api: AnalyserTestApi = { measure };
