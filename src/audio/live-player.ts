/**
 * The live preview graph for one decoded file:
 *
 *   source ─► input ─┬─► EQ worklet ─► match gain ─► wet ─┐
 *                    └──────────────────────────────► dry ─┴─► output ─► destination
 *
 * `taps` are where the analyser and the meters listen (src/audio/live-monitor.ts): the original (input), the
 * equalised signal at matched loudness (match gain) and what is heard (output, following bypass).
 *
 * The context runs at the file's own sample rate, so the EQ the listener hears is designed for the rate the
 * curve is drawn for and the export renders at. Bypass cross-fades wet and dry in 10 ms (instant to the ear,
 * no click). The match gain undoes the EQ's predicted loudness change (src/shared/loudness/loudness-match.ts),
 * so A/B compares balance, not level.
 */
import { createEqNode, type EqNode } from './eq-node.ts';

const SWITCH_SECONDS = 0.01;

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

export class LivePlayer {
  readonly ctx: AudioContext;
  private readonly eq: EqNode;
  private readonly match: GainNode;
  private readonly wet: GainNode;
  private readonly dry: GainNode;
  private readonly input: GainNode;
  private readonly output: GainNode;
  private source: AudioBufferSourceNode | null = null;
  /** Where playback is (seconds) when paused; when playing, the context time at which offset 0 would be. */
  private offset = 0;
  private startedAt = 0;
  private bypassed = false;
  onEnded: (() => void) | null = null;

  private constructor(
    readonly buffer: AudioBuffer,
    ctx: AudioContext,
    eq: EqNode,
  ) {
    this.ctx = ctx;
    this.eq = eq;
    this.match = new GainNode(ctx);
    this.wet = new GainNode(ctx, { gain: 1 });
    this.dry = new GainNode(ctx, { gain: 0 });
    this.input = new GainNode(ctx);
    this.output = new GainNode(ctx);
    this.input.connect(eq.node);
    this.input.connect(this.dry);
    eq.node.connect(this.match).connect(this.wet).connect(this.output);
    this.dry.connect(this.output);
    this.output.connect(ctx.destination);
  }

  /** Where monitors listen: nodes to connect an analyser or a meter to (never to change). */
  get taps(): { original: AudioNode; equalised: AudioNode; heard: AudioNode; channelCount: number } {
    return {
      original: this.input,
      equalised: this.match,
      heard: this.output,
      channelCount: this.buffer.numberOfChannels,
    };
  }

  static async create(buffer: AudioBuffer, commandDb: ArrayLike<number>): Promise<LivePlayer> {
    const ctx = new AudioContext({ sampleRate: buffer.sampleRate, latencyHint: 'playback' });
    try {
      const eq = await createEqNode(ctx, buffer.numberOfChannels, commandDb);
      return new LivePlayer(buffer, ctx, eq);
    } catch (e) {
      void ctx.close();
      throw e;
    }
  }

  get playing(): boolean {
    return this.source !== null;
  }

  get currentTime(): number {
    const t = this.playing ? this.ctx.currentTime - this.startedAt : this.offset;
    return Math.min(Math.max(0, t), this.buffer.duration);
  }

  async play(): Promise<void> {
    if (this.playing) return;
    await this.ctx.resume();
    if (this.offset >= this.buffer.duration) this.offset = 0;
    const src = new AudioBufferSourceNode(this.ctx, { buffer: this.buffer });
    src.connect(this.input);
    src.onended = () => {
      if (this.source !== src) return;
      this.source = null;
      this.offset = this.buffer.duration;
      this.onEnded?.();
    };
    this.startedAt = this.ctx.currentTime - this.offset;
    src.start(0, this.offset);
    this.source = src;
  }

  pause(): void {
    if (!this.source) return;
    this.offset = this.currentTime;
    this.stopSource();
  }

  seek(seconds: number): void {
    const wasPlaying = this.playing;
    this.stopSource();
    this.offset = Math.min(Math.max(0, seconds), this.buffer.duration);
    if (wasPlaying) void this.play();
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
    this.stopSource();
    await this.ctx.close();
  }

  private stopSource(): void {
    const src = this.source;
    this.source = null;
    if (src) {
      src.onended = null;
      src.stop();
      src.disconnect();
    }
  }
}
