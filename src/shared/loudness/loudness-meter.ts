/**
 * The one loudness meter (ITU-R BS.1770-4, EBU R128, EBU Tech 3341/3342), streaming: push blocks of any
 * length, read the values at any time. Live meters (an AudioWorklet or analyser taps feeding 128-frame
 * blocks), the bypass loudness match, the export and the command line all use it.
 *
 * - momentary: the last 400 ms; short-term: the last 3 s (silence is assumed before the first sample, as a
 *   meter whose buffers start at zero shows it), updated every 100 ms;
 * - integrated: 400 ms blocks every 100 ms (75 % overlap), gated at −70 LUFS and 10 LU below (gating.ts);
 * - loudness range: short-term values every 100 ms, gated at −70 LUFS and 20 LU below, 10th to 95th percentile;
 * - true peak: 4× oversampled (true-peak.ts), optional.
 *
 * K-weighting runs on the EQ kernel (one biquad implementation). After the constructor, push() allocates
 * nothing for blocks up to the kernel's block size (4096 frames), so a worklet can run it.
 */
import { EqKernel } from '../dsp/eq-kernel.ts';
import { GatedHistogram, powerToLufs } from './gating.ts';
import { channelWeights, kWeightingSos } from './k-weighting.ts';
import { toDb, TruePeakMeter } from './true-peak.ts';

const MOMENTARY_HOPS = 4;
const SHORT_TERM_HOPS = 30;
const KERNEL_BLOCK = 4096;

export interface LoudnessMeterOptions {
  /** Measure the true peak as well (4× oversampling; about as costly as the EQ). Default true. */
  truePeak?: boolean;
}

/** What a whole-programme measurement reports; levels in LUFS, range in LU, peak in dBTP. */
export interface LoudnessSummary {
  integratedLufs: number;
  loudnessRangeLu: number;
  /** −Infinity when the true peak was not measured. */
  truePeakDbtp: number;
  maxMomentaryLufs: number;
  maxShortTermLufs: number;
}

export class LoudnessMeter {
  readonly hopFrames: number;
  private readonly weights: number[];
  private readonly kernel: EqKernel;
  private readonly filtered: Float32Array[];
  private readonly peakMeter: TruePeakMeter | undefined;
  /** Mean-square power of the last SHORT_TERM_HOPS hops, a ring. */
  private readonly hops = new Float64Array(SHORT_TERM_HOPS);
  private hopCount = 0;
  private hopSum = 0;
  private hopFill = 0;
  private readonly blocks = new GatedHistogram();
  private readonly shortTerms = new GatedHistogram();
  private momentaryPower = 0;
  private shortTermPower = 0;
  private maxMomentaryPower = 0;
  private maxShortTermPower = 0;

  constructor(
    readonly channelCount: number,
    readonly sampleRate: number,
    opts: LoudnessMeterOptions = {},
  ) {
    this.hopFrames = Math.round(0.1 * sampleRate);
    this.weights = channelWeights(channelCount);
    this.kernel = new EqKernel(channelCount, 2, KERNEL_BLOCK);
    this.kernel.setCoefficients(kWeightingSos(sampleRate), 0);
    this.filtered = Array.from({ length: channelCount }, () => new Float32Array(KERNEL_BLOCK));
    this.peakMeter = opts.truePeak === false ? undefined : new TruePeakMeter(channelCount);
  }

  /** Feeds `frames` frames of every channel (planar float32). */
  push(channels: ArrayLike<Float32Array>, frames: number): void {
    this.peakMeter?.push(channels, frames);
    if (frames <= KERNEL_BLOCK) {
      this.filterAndAccumulate(channels, frames);
      return;
    }
    // Longer blocks (whole files) go through the kernel in pieces; views are cheap outside real time.
    for (let start = 0; start < frames; start += KERNEL_BLOCK) {
      const n = Math.min(KERNEL_BLOCK, frames - start);
      const views = Array.from({ length: this.channelCount }, (_, c) =>
        channels[c]!.subarray(start, start + n),
      );
      this.filterAndAccumulate(views, n);
    }
  }

  private filterAndAccumulate(channels: ArrayLike<Float32Array>, n: number): void {
    this.kernel.process(channels, this.filtered, n);
    let i = 0;
    while (i < n) {
      const take = Math.min(n - i, this.hopFrames - this.hopFill);
      let sum = 0;
      for (let c = 0; c < this.channelCount; c++) {
        const w = this.weights[c]!;
        if (w === 0) continue;
        const y = this.filtered[c]!;
        let s = 0;
        for (let k = i; k < i + take; k++) s += y[k]! * y[k]!;
        sum += w * s;
      }
      this.hopSum += sum;
      this.hopFill += take;
      i += take;
      if (this.hopFill === this.hopFrames) this.completeHop();
    }
  }

  private completeHop(): void {
    this.hops[this.hopCount % SHORT_TERM_HOPS] = this.hopSum / this.hopFrames;
    this.hopCount++;
    this.hopSum = 0;
    this.hopFill = 0;
    this.momentaryPower = this.meanOfLast(MOMENTARY_HOPS);
    this.shortTermPower = this.meanOfLast(SHORT_TERM_HOPS);
    if (this.hopCount >= MOMENTARY_HOPS) {
      this.blocks.add(this.momentaryPower);
      if (this.momentaryPower > this.maxMomentaryPower) this.maxMomentaryPower = this.momentaryPower;
    }
    if (this.hopCount >= SHORT_TERM_HOPS) {
      this.shortTerms.add(this.shortTermPower);
      if (this.shortTermPower > this.maxShortTermPower) this.maxShortTermPower = this.shortTermPower;
    }
  }

  /** Mean power of the last `count` hops, hops before the start counting as silence. */
  private meanOfLast(count: number): number {
    let s = 0;
    const have = Math.min(count, this.hopCount);
    for (let k = 1; k <= have; k++) s += this.hops[(this.hopCount - k) % SHORT_TERM_HOPS]!;
    return s / count;
  }

  /** Loudness of the last 400 ms (LUFS); −Infinity before any 100 ms has been measured or in silence. */
  get momentaryLufs(): number {
    return powerToLufs(this.momentaryPower);
  }

  /** Loudness of the last 3 s (LUFS). */
  get shortTermLufs(): number {
    return powerToLufs(this.shortTermPower);
  }

  get maxMomentaryLufs(): number {
    return powerToLufs(this.maxMomentaryPower);
  }

  get maxShortTermLufs(): number {
    return powerToLufs(this.maxShortTermPower);
  }

  /** Gated loudness of everything pushed so far (LUFS); −Infinity for silence or under 400 ms. */
  get integratedLufs(): number {
    return this.blocks.gatedMeanLufs();
  }

  /** EBU Tech 3342 loudness range so far (LU); 0 under 3 s. */
  get loudnessRangeLu(): number {
    return this.shortTerms.loudnessRange();
  }

  /** The largest true peak so far, dBTP (all channels; −Infinity without a true-peak meter). */
  get truePeakDbtp(): number {
    return this.peakMeter ? toDb(this.peakMeter.peak) : -Infinity;
  }

  /** Per channel, dBTP. */
  channelTruePeaksDbtp(): number[] {
    return this.peakMeter ? Array.from(this.peakMeter.channelPeaks, toDb) : [];
  }

  /** Flushes the true-peak interpolator at the end of a programme. Push nothing afterwards. */
  finish(): LoudnessSummary {
    this.peakMeter?.finish();
    return this.summary();
  }

  summary(): LoudnessSummary {
    return {
      integratedLufs: this.integratedLufs,
      loudnessRangeLu: this.loudnessRangeLu,
      truePeakDbtp: this.truePeakDbtp,
      maxMomentaryLufs: this.maxMomentaryLufs,
      maxShortTermLufs: this.maxShortTermLufs,
    };
  }

  /** Starts over (a new file, a seek). */
  reset(): void {
    this.kernel.reset();
    this.peakMeter?.reset();
    this.hops.fill(0);
    this.hopCount = this.hopSum = this.hopFill = 0;
    this.blocks.clear();
    this.shortTerms.clear();
    this.momentaryPower = this.shortTermPower = this.maxMomentaryPower = this.maxShortTermPower = 0;
  }
}

/** Measures whole channels: integrated loudness, loudness range, true peak and the maxima. */
export function measureLoudness(
  channels: readonly Float32Array[],
  sampleRate: number,
  opts: LoudnessMeterOptions = {},
): LoudnessSummary {
  const meter = new LoudnessMeter(channels.length, sampleRate, opts);
  meter.push(channels, channels[0]?.length ?? 0);
  return meter.finish();
}

/**
 * The K-weighted, channel-weighted power of every frame (Σ_c w_c·y_c²), with the meter's own filter and
 * weights: what a loudness search sums again under different gains without filtering again (delivery.ts).
 */
export function kWeightedPower(channels: readonly Float32Array[], sampleRate: number): Float32Array {
  const frames = channels[0]?.length ?? 0;
  const weights = channelWeights(channels.length);
  const kernel = new EqKernel(channels.length, 2, KERNEL_BLOCK);
  kernel.setCoefficients(kWeightingSos(sampleRate), 0);
  const filtered = channels.map(() => new Float32Array(KERNEL_BLOCK));
  const out = new Float32Array(frames);
  for (let start = 0; start < frames; start += KERNEL_BLOCK) {
    const n = Math.min(KERNEL_BLOCK, frames - start);
    kernel.process(
      channels.map((c) => c.subarray(start, start + n)),
      filtered,
      n,
    );
    filtered.forEach((y, c) => {
      const w = weights[c]!;
      if (w === 0) return;
      for (let i = 0; i < n; i++) out[start + i]! += w * y[i]! * y[i]!;
    });
  }
  return out;
}

/**
 * Integrated loudness of a per-frame power (kWeightedPower) scaled by gain², or by (gain·curve[i])² when a
 * gain curve is given: the meter's 100 ms hops, 400 ms blocks and gating, without the filtering.
 */
export function integratedLufsOfPower(
  power: Float32Array,
  sampleRate: number,
  gain: number,
  curve: Float32Array | null,
): number {
  const hop = Math.round(0.1 * sampleRate);
  const hops = Math.floor(power.length / hop);
  const g2 = gain * gain;
  const hist = new GatedHistogram();
  const last = new Float64Array(MOMENTARY_HOPS);
  for (let h = 0; h < hops; h++) {
    let s = 0;
    const from = h * hop;
    if (curve) {
      for (let i = from; i < from + hop; i++) s += power[i]! * curve[i]! * curve[i]!;
    } else {
      for (let i = from; i < from + hop; i++) s += power[i]!;
    }
    last[h % MOMENTARY_HOPS] = (s * g2) / hop;
    if (h + 1 >= MOMENTARY_HOPS) hist.add((last[0]! + last[1]! + last[2]! + last[3]!) / MOMENTARY_HOPS);
  }
  return hist.gatedMeanLufs();
}
