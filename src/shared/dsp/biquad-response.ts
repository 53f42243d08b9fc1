/**
 * Magnitude response of biquad sections, written in terms of phi = sin²(ω/2) (Vicanek 2016), which stays
 * accurate for bands far below Nyquist (31 Hz at 192 kHz) where the textbook |B(e^jω)|/|A(e^jω)| cancels badly.
 *
 * A section is five numbers [b0, b1, b2, a1, a2] (a0 = 1); a cascade stores sections back to back.
 */

export const SECTION_STRIDE = 5;

/** |b0 + b1 z⁻¹ + b2 z⁻²|² on the unit circle as a function of phi = sin²(ω/2). */
export function polyPower(c0: number, c1: number, c2: number, phi: number): number {
  const s0 = c0 + c1 + c2;
  const s1 = c0 - c1 + c2;
  return s0 * s0 * (1 - phi) + s1 * s1 * phi - 16 * c0 * c2 * phi * (1 - phi);
}

export function phiAt(freqHz: number, sampleRate: number): number {
  const s = Math.sin((Math.PI * freqHz) / sampleRate);
  return s * s;
}

/** Power gain of one section at phi. */
export function sectionPower(sos: ArrayLike<number>, offset: number, phi: number): number {
  const num = polyPower(sos[offset]!, sos[offset + 1]!, sos[offset + 2]!, phi);
  const den = polyPower(1, sos[offset + 3]!, sos[offset + 4]!, phi);
  return num / den;
}

/** Response in dB of a cascade of sections at each frequency. */
export function cascadeResponseDb(
  sos: ArrayLike<number>,
  freqsHz: ArrayLike<number>,
  sampleRate: number,
): Float64Array {
  const out = new Float64Array(freqsHz.length);
  const sections = Math.floor(sos.length / SECTION_STRIDE);
  for (let i = 0; i < freqsHz.length; i++) {
    const phi = phiAt(freqsHz[i]!, sampleRate);
    let power = 1;
    for (let k = 0; k < sections; k++) power *= sectionPower(sos, k * SECTION_STRIDE, phi);
    out[i] = 10 * Math.log10(power);
  }
  return out;
}
