/**
 * Descriptors of what is playing (timbre, tonality, noisiness), per frame, on every `contentStride`-th
 * frame: an EQ changes each band's level but not these, or only a little (the model card measures how
 * little, descriptor by descriptor). The network pools them over the song (models/train/model.py), so
 * the same pooling serves training and inference.
 *
 * Per content frame, CONTENT_COUNT values in CONTENT_DESCRIPTORS order:
 * - mfcc1..mfcc12: cepstrum of 26 mel bands (30 Hz-16 kHz) in dB, orthonormal DCT-II, c0 (the level)
 *   left out. A static EQ adds the same vector to every frame's cepstrum, so their spread over time is
 *   unchanged by it; their means move with smooth curves in the first coefficients only.
 * - flatness125..flatness16k: spectral flatness (geometric over arithmetic mean of the amplitude spectrum)
 *   inside each octave from 125 Hz up, in dB, by meyda's `spectralFlatness`: noise-like (0 dB) or tonal
 *   (far below). An EQ is nearly constant within an octave, so it hardly moves it.
 * - crest125..crest16k: spectral crest (peak over RMS amplitude) inside the same octaves, in dB, by meyda's
 *   `spectralCrest`: how much a single partial stands out.
 * - chroma0..chroma11: share of the 220 Hz-5 kHz power in each pitch class (C = 0), summing to 1.
 *
 * meyda is used where it is the right tool: its flatness and crest run once over a slice of the amplitude
 * spectrum, a few microseconds per octave. Its `mfcc` and `chroma` are not: they build dense filterbanks
 * of frameSize / 2 bins per band and allocate per call (7.7 and 3.2 ms per 4096-sample frame measured here,
 * against about 0.05 ms for this module's sparse versions, while a whole 4-minute song must take under
 * 0.5 s), and its mel energies go through log(1 + x), which for spectra scaled to full scale (as here) is
 * close to linear, so an EQ would not act on them as a constant shift. docs/FEATURES.md says more.
 */
import spectralCrest from 'meyda/dist/esm/extractors/spectralCrest.js';
import spectralFlatness from 'meyda/dist/esm/extractors/spectralFlatness.js';

export const MFCC_COUNT = 12;
const MEL_BANDS = 26;
const MEL_MIN_HZ = 30;
const MEL_MAX_HZ = 16000;
/** Octave centres of the flatness and crest descriptors (the engine's bands from 125 Hz up). */
export const CONTENT_OCTAVES_HZ = [125, 250, 500, 1000, 2000, 4000, 8000, 16000] as const;
const CHROMA_MIN_HZ = 220;
const CHROMA_MAX_HZ = 5000;
/** Amplitude added before ratios and logarithms (power 1e-12: far below any music's bins). */
const AMPLITUDE_FLOOR = 1e-6;

const octaveLabel = (hz: number) => (hz >= 1000 ? `${hz / 1000}k` : `${hz}`);

export const CONTENT_DESCRIPTORS: readonly string[] = [
  ...Array.from({ length: MFCC_COUNT }, (_, i) => `mfcc${i + 1}`),
  ...CONTENT_OCTAVES_HZ.map((f) => `flatness${octaveLabel(f)}`),
  ...CONTENT_OCTAVES_HZ.map((f) => `crest${octaveLabel(f)}`),
  ...Array.from({ length: 12 }, (_, i) => `chroma${i}`),
];
export const CONTENT_COUNT = CONTENT_DESCRIPTORS.length;

const melOf = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const hzOfMel = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

/** Reusable tables for one frame size and rate. */
export class ContentDescriptors {
  /** Per mel band: first bin and triangular weights over the following bins. */
  private readonly melStart: Int32Array;
  private readonly melWeights: Float32Array[];
  /** DCT-II rows 1..MFCC_COUNT over MEL_BANDS (orthonormal). */
  private readonly dct: Float64Array;
  /** Bins [start, end) of each octave. */
  private readonly octaveBins: [number, number][];
  /** Pitch class of each bin in the chroma range, -1 outside it. */
  private readonly pitchClass: Int8Array;
  private readonly amplitude: Float32Array;
  private readonly melDb = new Float64Array(MEL_BANDS);

  constructor(frameSize: number, sampleRateHz: number) {
    const bins = frameSize / 2 + 1;
    const binHz = sampleRateHz / frameSize;
    this.amplitude = new Float32Array(bins);
    const lo = melOf(MEL_MIN_HZ);
    const hi = melOf(MEL_MAX_HZ);
    const edges = Array.from({ length: MEL_BANDS + 2 }, (_, i) =>
      hzOfMel(lo + ((hi - lo) * i) / (MEL_BANDS + 1)),
    );
    this.melStart = new Int32Array(MEL_BANDS);
    this.melWeights = [];
    for (let m = 0; m < MEL_BANDS; m++) {
      const [a, c, b] = [edges[m]!, edges[m + 1]!, edges[m + 2]!];
      const first = Math.ceil(a / binHz);
      const last = Math.min(bins - 1, Math.floor(b / binHz));
      const w: number[] = [];
      for (let k = first; k <= last; k++) {
        const f = k * binHz;
        w.push(f <= c ? (f - a) / (c - a) : (b - f) / (b - c));
      }
      // The lowest bands are narrower than a bin: give them the nearest bin.
      if (w.every((x) => x <= 0)) {
        this.melStart[m] = Math.round(c / binHz);
        this.melWeights.push(Float32Array.of(1));
      } else {
        this.melStart[m] = first;
        this.melWeights.push(Float32Array.from(w, (x) => Math.max(0, x)));
      }
    }
    this.dct = new Float64Array(MFCC_COUNT * MEL_BANDS);
    for (let c = 1; c <= MFCC_COUNT; c++) {
      for (let m = 0; m < MEL_BANDS; m++)
        this.dct[(c - 1) * MEL_BANDS + m] =
          Math.sqrt(2 / MEL_BANDS) * Math.cos((Math.PI * c * (m + 0.5)) / MEL_BANDS);
    }
    this.octaveBins = CONTENT_OCTAVES_HZ.map((fc) => [
      Math.max(1, Math.ceil(fc / Math.SQRT2 / binHz)),
      Math.min(bins, Math.ceil((fc * Math.SQRT2) / binHz)),
    ]);
    this.pitchClass = new Int8Array(bins).fill(-1);
    for (let k = 1; k < bins; k++) {
      const f = k * binHz;
      if (f < CHROMA_MIN_HZ || f > CHROMA_MAX_HZ) continue;
      const semitones = Math.round(12 * Math.log2(f / 261.6256));
      this.pitchClass[k] = ((semitones % 12) + 12) % 12;
    }
  }

  /** The descriptors of one frame's power spectrum (bins 0..frameSize/2) into out[offset, offset + CONTENT_COUNT). */
  compute(power: Float64Array, out: Float32Array, offset: number): void {
    let o = offset;
    for (let m = 0; m < MEL_BANDS; m++) {
      const w = this.melWeights[m]!;
      const start = this.melStart[m]!;
      let e = 0;
      let norm = 0;
      for (let i = 0; i < w.length; i++) {
        e += w[i]! * power[start + i]!;
        norm += w[i]!;
      }
      this.melDb[m] = 10 * Math.log10(e / norm + AMPLITUDE_FLOOR * AMPLITUDE_FLOOR);
    }
    for (let c = 0; c < MFCC_COUNT; c++) {
      let s = 0;
      for (let m = 0; m < MEL_BANDS; m++) s += this.dct[c * MEL_BANDS + m]! * this.melDb[m]!;
      out[o++] = s;
    }
    const amp = this.amplitude;
    for (let k = 0; k < amp.length; k++) amp[k] = Math.sqrt(power[k]!) + AMPLITUDE_FLOOR;
    for (const [a, b] of this.octaveBins)
      out[o++] = 20 * Math.log10(spectralFlatness({ ampSpectrum: amp.subarray(a, b) }));
    for (const [a, b] of this.octaveBins)
      out[o++] = 20 * Math.log10(spectralCrest({ ampSpectrum: amp.subarray(a, b) }));
    const chroma = o;
    out.fill(0, chroma, chroma + 12);
    let total = 0;
    for (let k = 0; k < this.pitchClass.length; k++) {
      const pc = this.pitchClass[k]!;
      if (pc < 0) continue;
      out[chroma + pc] = out[chroma + pc]! + power[k]!;
      total += power[k]!;
    }
    for (let i = 0; i < 12; i++) out[chroma + i] = total > 0 ? out[chroma + i]! / total : 1 / 12;
  }
}
