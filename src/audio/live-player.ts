/**
 * The live preview graph for one song:
 *
 *   <audio> (the song's file) ─► source ─┬─► EQ worklet ─► match gain ─► wet ─┐
 *                                        └──────────────────────────────► dry ─┴─► destination
 *
 * The file plays through a media element, which decodes it a little ahead of the play position, so a
 * two-hour set plays in a few megabytes (an AudioBuffer of it would hold 2.8 GB of float samples). The
 * context runs at the song's own sample rate, so the EQ the listener hears is designed for the rate the
 * curve is drawn for and the export renders at, and the element's audio is not resampled. Bypass
 * cross-fades wet and dry in 10 ms (instant to the ear, no click). The match gain undoes the EQ's
 * predicted loudness change (src/shared/loudness/loudness-match.ts), so A/B compares balance, not level.
 */
import { createEqNode, type EqNode } from './eq-node.ts';

const SWITCH_SECONDS = 0.01;

/** What the player needs of a song. */
export interface PlayableSong {
  /** The file the media element plays (the user's, or a WAV of it). */
  source: Blob;
  sampleRate: number;
  channelCount: number;
  durationS: number;
}

function loaded(media: HTMLAudioElement): Promise<void> {
  return new Promise((resolve, reject) => {
    if (media.readyState >= HTMLMediaElement.HAVE_METADATA) return resolve();
    media.addEventListener('loadedmetadata', () => resolve(), { once: true });
    media.addEventListener(
      'error',
      () => reject(new Error(`this browser cannot play the file (${media.error?.message || 'unsupported'})`)),
      { once: true },
    );
  });
}

export class LivePlayer {
  readonly ctx: AudioContext;
  private readonly eq: EqNode;
  private readonly match: GainNode;
  private readonly wet: GainNode;
  private readonly dry: GainNode;
  private bypassed = false;
  onEnded: (() => void) | null = null;

  private constructor(
    readonly song: PlayableSong,
    private readonly media: HTMLAudioElement,
    private readonly url: string,
    ctx: AudioContext,
    eq: EqNode,
  ) {
    this.ctx = ctx;
    this.eq = eq;
    this.match = new GainNode(ctx);
    this.wet = new GainNode(ctx, { gain: 1 });
    this.dry = new GainNode(ctx, { gain: 0 });
    const source = new MediaElementAudioSourceNode(ctx, { mediaElement: media });
    source.connect(eq.node);
    source.connect(this.dry);
    eq.node.connect(this.match).connect(this.wet).connect(ctx.destination);
    this.dry.connect(ctx.destination);
    media.addEventListener('ended', () => this.onEnded?.());
  }

  static async create(song: PlayableSong, commandDb: ArrayLike<number>): Promise<LivePlayer> {
    const ctx = new AudioContext({ sampleRate: song.sampleRate, latencyHint: 'playback' });
    const url = URL.createObjectURL(song.source);
    const media = new Audio();
    media.preload = 'auto';
    media.src = url;
    try {
      const [eq] = await Promise.all([createEqNode(ctx, song.channelCount, commandDb), loaded(media)]);
      return new LivePlayer(song, media, url, ctx, eq);
    } catch (e) {
      media.removeAttribute('src');
      URL.revokeObjectURL(url);
      void ctx.close();
      throw e;
    }
  }

  get playing(): boolean {
    return !this.media.paused && !this.media.ended;
  }

  get currentTime(): number {
    return Math.min(Math.max(0, this.media.currentTime), this.song.durationS);
  }

  async play(): Promise<void> {
    if (this.playing) return;
    await this.ctx.resume();
    if (this.media.ended || this.media.currentTime >= this.song.durationS) this.media.currentTime = 0;
    this.eq.reset();
    await this.media.play();
  }

  pause(): void {
    this.media.pause();
  }

  seek(seconds: number): void {
    this.media.currentTime = Math.min(Math.max(0, seconds), this.song.durationS);
  }

  /** New EQ command (already scaled by the amount) and the gain (dB) that keeps its loudness matched. */
  setCommand(commandDb: ArrayLike<number>, matchGainDb: number): void {
    this.eq.setCommand(commandDb);
    this.match.gain.setTargetAtTime(10 ** (matchGainDb / 20), this.ctx.currentTime, 0.01);
  }

  setBypass(bypassed: boolean): void {
    this.bypassed = bypassed;
    const t = this.ctx.currentTime;
    this.wet.gain.setTargetAtTime(bypassed ? 0 : 1, t, SWITCH_SECONDS / 3);
    this.dry.gain.setTargetAtTime(bypassed ? 1 : 0, t, SWITCH_SECONDS / 3);
  }

  get isBypassed(): boolean {
    return this.bypassed;
  }

  async dispose(): Promise<void> {
    this.onEnded = null;
    this.media.pause();
    this.media.removeAttribute('src');
    this.media.load();
    URL.revokeObjectURL(this.url);
    await this.ctx.close();
  }
}
