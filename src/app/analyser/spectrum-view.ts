/**
 * Draws the live spectrum behind the EQ curve on a canvas: reads the two analysers (original and equalised at
 * matched loudness), smooths each to 1/N octave with the shared smoother, tilts it, and draws the audible one
 * filled and the other as a line. Plain DOM, no React: the component only drives it once per display frame,
 * and the benchmark (scripts/bench/analyser-bench.ts) times exactly this code.
 *
 * Per frame it allocates nothing: two getFloatFrequencyData calls (the FFTs, on this thread), two smoothings
 * (O(bins + points)) and two paths of one point per two CSS pixels.
 */
import { OctaveSmoother, logFrequencies } from '../../shared/spectrum/octave-smoothing.ts';
import { axisFraction, F_MAX, F_MIN } from '../frequency-axis.ts';

/** The spectrum's vertical scale (dB as the analysers read them, after the tilt): top and span. */
export const SPECTRUM_TOP_DB = -25;
export const SPECTRUM_SPAN_DB = 75;
/** One display point per this many CSS pixels. */
const PX_PER_POINT = 2;
/**
 * The canvas is drawn at most at one pixel per CSS pixel, whatever the display's density: filling the
 * translucent area is most of a frame's cost where the canvas is rasterised in software, four times as much
 * at a pixel ratio of 2 (measured: 6.7 against 2.6 ms a frame, docs/BENCHMARKS.md), and a 1/6-octave
 * spectrum behind the crisp curve has no detail a denser canvas would show.
 */
const MAX_PIXEL_RATIO = 1;

/** Colours of the audible (filled) and the other (line) spectrum. */
export const AUDIBLE_FILL = 'rgba(90, 209, 196, 0.30)';
const AUDIBLE_LINE = 'rgba(90, 209, 196, 0.75)';
const OTHER_LINE = 'rgba(240, 184, 96, 0.70)';

export interface SpectrumSources {
  original: AnalyserNode;
  equalised: AnalyserNode;
}

export interface SpectrumOptions {
  /** N of the 1/N-octave smoothing. */
  fraction: number;
  /** dB per octave about 1 kHz (0: none). */
  tiltDbPerOctave: number;
  /** Which signal is heard (bypass on: the original). */
  audible: 'original' | 'equalised';
}

export class SpectrumView {
  private readonly ctx: CanvasRenderingContext2D;
  private sources: SpectrumSources | null = null;
  private opts: SpectrumOptions = { fraction: 3, tiltDbPerOctave: 0, audible: 'equalised' };
  private cssWidth = 0;
  private cssHeight = 0;
  private dpr = 1;
  private smoother: OctaveSmoother | null = null;
  private xs = new Float32Array(0);
  private bins = new Float32Array(0);
  private originalDb = new Float32Array(0);
  private equalisedDb = new Float32Array(0);
  private hasData = false;

  constructor(readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d', { alpha: true });
    if (!ctx) throw new Error('no 2D canvas');
    this.ctx = ctx;
  }

  /** The analysers to read (null: nothing plays; the canvas is cleared). */
  setSources(sources: SpectrumSources | null): void {
    if (sources === this.sources) return;
    this.sources = sources;
    this.smoother = null;
    this.hasData = false;
    this.paint();
  }

  setOptions(opts: SpectrumOptions): void {
    const rebuild = opts.fraction !== this.opts.fraction;
    this.opts = opts;
    if (rebuild) this.smoother = null;
    this.paint();
  }

  /** The canvas's CSS size and the display's pixel ratio: the drawing buffer follows them. */
  resize(cssWidth: number, cssHeight: number, displayDpr: number): void {
    const dpr = Math.min(displayDpr, MAX_PIXEL_RATIO);
    if (cssWidth === this.cssWidth && cssHeight === this.cssHeight && dpr === this.dpr) return;
    this.cssWidth = cssWidth;
    this.cssHeight = cssHeight;
    this.dpr = dpr;
    this.canvas.width = Math.max(1, Math.round(cssWidth * dpr));
    this.canvas.height = Math.max(1, Math.round(cssHeight * dpr));
    this.smoother = null;
    this.hasData = false;
    this.paint();
  }

  /** One display frame: read both analysers, smooth, draw. */
  frame(): void {
    const s = this.sources;
    if (!s || this.cssWidth === 0) return;
    const smoother = this.smoother ?? this.build(s.original);
    s.original.getFloatFrequencyData(this.bins);
    smoother.smooth(this.bins, this.originalDb, this.opts.tiltDbPerOctave);
    s.equalised.getFloatFrequencyData(this.bins);
    smoother.smooth(this.bins, this.equalisedDb, this.opts.tiltDbPerOctave);
    this.hasData = true;
    this.paint();
  }

  /** Display points from 20 Hz to the top of the axis or Nyquist, one per PX_PER_POINT CSS pixels. */
  private build(analyser: AnalyserNode): OctaveSmoother {
    const rate = analyser.context.sampleRate;
    const top = Math.min(F_MAX, rate / 2);
    const count = Math.max(2, Math.round((axisFraction(top) * this.cssWidth) / PX_PER_POINT));
    const freqs = logFrequencies(F_MIN, top, count);
    this.smoother = new OctaveSmoother(
      analyser.frequencyBinCount,
      rate / analyser.fftSize,
      freqs,
      this.opts.fraction,
    );
    this.xs = Float32Array.from(freqs, (f) => axisFraction(f) * this.cssWidth * this.dpr);
    this.bins = new Float32Array(analyser.frequencyBinCount);
    this.originalDb = new Float32Array(count);
    this.equalisedDb = new Float32Array(count);
    return this.smoother;
  }

  private yOf(db: number): number {
    const h = this.canvas.height;
    const y = ((SPECTRUM_TOP_DB - db) / SPECTRUM_SPAN_DB) * h;
    // Silence and anything below the scale sit on the bottom edge.
    return y < h ? y : h;
  }

  private paint(): void {
    const { ctx, canvas } = this;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!this.hasData) return;
    const audibleIsEq = this.opts.audible === 'equalised';
    const audible = audibleIsEq ? this.equalisedDb : this.originalDb;
    const other = audibleIsEq ? this.originalDb : this.equalisedDb;
    this.trace(audible);
    ctx.lineTo(this.xs[this.xs.length - 1]!, canvas.height);
    ctx.lineTo(this.xs[0]!, canvas.height);
    ctx.closePath();
    ctx.fillStyle = AUDIBLE_FILL;
    ctx.fill();
    this.trace(audible);
    ctx.lineWidth = 1.5 * this.dpr;
    ctx.strokeStyle = AUDIBLE_LINE;
    ctx.stroke();
    this.trace(other);
    ctx.lineWidth = 1.25 * this.dpr;
    ctx.strokeStyle = OTHER_LINE;
    ctx.stroke();
  }

  private trace(db: Float32Array): void {
    const { ctx, xs } = this;
    ctx.beginPath();
    for (let i = 0; i < xs.length; i++) {
      if (i === 0) ctx.moveTo(xs[i]!, this.yOf(db[i]!));
      else ctx.lineTo(xs[i]!, this.yOf(db[i]!));
    }
  }
}
