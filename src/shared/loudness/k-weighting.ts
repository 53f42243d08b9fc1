/**
 * ITU-R BS.1770 K-weighting for any sample rate: a high shelf (+4 dB above about 1.7 kHz) and a high-pass
 * (about 38 Hz), derived from their analog prototypes, which reproduces the standard's 48 kHz coefficients.
 * Each filter is [b0, b1, b2, a1, a2] with a0 = 1, the layout the EQ kernel runs.
 */
export function kWeightingSos(sampleRate: number): Float64Array {
  const shelfHz = 1681.974450955533;
  const shelfGainDb = 3.999843853973347;
  const shelfQ = 0.7071752369554196;
  let k = Math.tan((Math.PI * shelfHz) / sampleRate);
  const vh = 10 ** (shelfGainDb / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / shelfQ + k * k;
  const shelf = [
    (vh + (vb * k) / shelfQ + k * k) / a0,
    (2 * (k * k - vh)) / a0,
    (vh - (vb * k) / shelfQ + k * k) / a0,
    (2 * (k * k - 1)) / a0,
    (1 - k / shelfQ + k * k) / a0,
  ];
  const hpHz = 38.13547087602444;
  const hpQ = 0.5003270373238773;
  k = Math.tan((Math.PI * hpHz) / sampleRate);
  a0 = 1 + k / hpQ + k * k;
  const highPass = [1, -2, 1, (2 * (k * k - 1)) / a0, (1 - k / hpQ + k * k) / a0];
  return Float64Array.from([...shelf, ...highPass]);
}

/** BS.1770 channel weights: 1 for front channels, 1.41 for surrounds and 0 for LFE in 5.1 order (L R C LFE Ls Rs). */
export function channelWeights(count: number): number[] {
  if (count === 6) return [1, 1, 1, 0, 1.41, 1.41];
  return Array<number>(count).fill(1);
}
