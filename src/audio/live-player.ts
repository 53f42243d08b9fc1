/**
 * The live preview graph for one song:
 *
 *   <audio> (the song's file) ─► input ─┬─► EQ worklet ─► match gain ─► wet ─┐
 *                                       └──────────────────────────────► dry ─┴─► output ─► destination
 *
 * `taps` are where the analyser and the meters listen (src/audio/live-monitor.ts): the original (input), the
 * equalised signal at matched loudness (match gain) and what is heard (output, following bypass).
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

/**
 * Moves a gain to `value` over SWITCH_SECONDS from now, as a linear ramp. Not setTargetAtTime: Chromium
 * advances that one sample by sample only while the node is rendered, so a switch made while nothing
 * plays (the graph idle) was still to happen when playback started, and both paths were heard together
 * for the first ~10 ms (found by the meters spec: +1.2 dB of true peak). A ramp is a function of time.
 */
function glide(param: AudioParam, value: number, ctx: BaseAudioContext): void {
  const t = ctx.currentTime;
  param.cancelScheduledValues(t);
  param.setValueAtTime(param.value, t);
  param.linearRampToValueAtTime(value, t + SWITCH_SECONDS);
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
  private readonly input: MediaElementAudioSourceNode;
  private readonly output: GainNode;
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
    this.input = new MediaElementAudioSourceNode(ctx, { mediaElement: media });
    this.output = new GainNode(ctx);
    this.input.connect(eq.node);
    this.input.connect(this.dry);
    eq.node.connect(this.match).connect(this.wet).connect(this.output);
    this.dry.connect(this.output);
    this.output.connect(ctx.destination);
    media.addEventListener('ended', () => this.onEnded?.());
  }

  /** Where monitors listen: nodes to connect an analyser or a meter to (never to change). */
  get taps(): { original: AudioNode; equalised: AudioNode; heard: AudioNode; channelCount: number } {
    return {
      original: this.input,
      equalised: this.match,
      heard: this.output,
      channelCount: this.song.channelCount,
    };
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
    // The EQ's filter memories are cleared by the worklet itself when audio comes back, at its first sample
    // (eq.processor.ts); a message from here would land a render quantum or two into the music.
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
    glide(this.match.gain, 10 ** (matchGainDb / 20), this.ctx);
  }

  setBypass(bypassed: boolean): void {
    this.bypassed = bypassed;
    glide(this.wet.gain, bypassed ? 0 : 1, this.ctx);
    glide(this.dry.gain, bypassed ? 1 : 0, this.ctx);
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
