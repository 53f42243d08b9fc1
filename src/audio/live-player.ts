/**
 * The live preview graph for one decoded file:
 *
 *   source ─┬─► EQ worklet ─► match gain ─► wet ─┐
 *           └──────────────────────────────► dry ─┴─► destination
 *
 * The context runs at the file's own sample rate, so the EQ the listener hears is designed for the rate the
 * curve is drawn for and the export renders at. Bypass cross-fades wet and dry in 10 ms (instant to the ear,
 * no click). The match gain undoes the EQ's predicted loudness change (src/shared/loudness/loudness-match.ts),
 * so A/B compares balance, not level.
 */
import { createEqNode, type EqNode } from './eq-node.ts';

const SWITCH_SECONDS = 0.01;

export class LivePlayer {
  readonly ctx: AudioContext;
  private readonly eq: EqNode;
  private readonly match: GainNode;
  private readonly wet: GainNode;
  private readonly dry: GainNode;
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
    eq.node.connect(this.match).connect(this.wet).connect(ctx.destination);
    this.dry.connect(ctx.destination);
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
    src.connect(this.eq.node);
    src.connect(this.dry);
    src.onended = () => {
      if (this.source !== src) return;
      this.source = null;
      this.offset = this.buffer.duration;
      this.onEnded?.();
    };
    this.eq.reset();
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
