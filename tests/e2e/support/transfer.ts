/**
 * Measures what a processor did to a signal: the magnitude of the cross-spectral transfer estimate
 * |Σ Y·X*| / Σ |X|² at chosen frequencies, over Hann-windowed half-overlapping segments (Welch). Works on
 * music as well as noise, and is insensitive to anything in the output not correlated with the input
 * (dither, encoder noise). Evaluated by direct DFT at each frequency, so no bin rounding.
 */

export function transferDb(
  input: Float32Array,
  output: Float32Array,
  sampleRate: number,
  freqsHz: ArrayLike<number>,
): number[] {
  // About 3 Hz resolution: the 31.25 Hz band needs it.
  const n = 2 ** Math.ceil(Math.log2(sampleRate / 3));
  const hop = n / 2;
  const win = new Float64Array(n);
  for (let i = 0; i < n; i++) win[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  const length = Math.min(input.length, output.length);
  const out: number[] = [];
  for (let k = 0; k < freqsHz.length; k++) {
    const w = (2 * Math.PI * freqsHz[k]!) / sampleRate;
    const cos = new Float64Array(n);
    const sin = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      cos[i] = Math.cos(w * i) * win[i]!;
      sin[i] = Math.sin(w * i) * win[i]!;
    }
    let crossRe = 0;
    let crossIm = 0;
    let power = 0;
    for (let start = 0; start + n <= length; start += hop) {
      let xr = 0;
      let xi = 0;
      let yr = 0;
      let yi = 0;
      for (let i = 0; i < n; i++) {
        const x = input[start + i]!;
        const y = output[start + i]!;
        xr += x * cos[i]!;
        xi -= x * sin[i]!;
        yr += y * cos[i]!;
        yi -= y * sin[i]!;
      }
      crossRe += yr * xr + yi * xi;
      crossIm += yi * xr - yr * xi;
      power += xr * xr + xi * xi;
    }
    out.push(10 * Math.log10(Math.hypot(crossRe, crossIm) ** 2 / (power * power)));
  }
  return out;
}

/** Sample rate and channel count from the first MPEG audio layer III frame header of a file. */
export function mp3FrameInfo(bytes: Uint8Array): { sampleRate: number; channels: number } | undefined {
  for (let i = 0; i + 4 <= bytes.length; i++) {
    if (bytes[i] !== 0xff || (bytes[i + 1]! & 0xe0) !== 0xe0) continue;
    const b1 = bytes[i + 1]!;
    const rateIndex = (bytes[i + 2]! >> 2) & 3;
    if (((b1 >> 1) & 3) !== 1 || rateIndex === 3 || ((b1 >> 3) & 3) === 1) continue;
    const version = (b1 >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    const base = [44100, 48000, 32000][rateIndex]!;
    return {
      sampleRate: version === 3 ? base : version === 2 ? base / 2 : base / 4,
      channels: bytes[i + 3]! >> 6 === 3 ? 1 : 2,
    };
  }
  return undefined;
}
