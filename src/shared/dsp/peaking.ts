/**
 * A peaking (bell) filter whose digital response follows its analog prototype up to Nyquist.
 *
 * The bilinear transform (RBJ cookbook, BiquadFilterNode) squeezes the whole analog axis into 0…Nyquist, so a
 * 16 kHz band at 44.1 kHz comes out several dB narrow and is forced to 0 dB at Nyquist. Instead we follow
 * Vicanek, "Matched Second Order Digital Filters" (2016): poles by impulse invariance (exact resonance and
 * damping), zeros chosen so that the digital magnitude equals the analog one at DC, at the centre and at
 * Nyquist. The remaining small deviations are absorbed by the graphic-EQ solver, which works on the realised
 * digital response, not on the prototype.
 */
import { polyPower } from './biquad-response.ts';

/** Analog prototype power |H(jΩ)|² of the RBJ-form bell: (s² + s·A·w0/Q + w0²)/(s² + s·w0/(A·Q) + w0²). */
function analogBellPower(w: number, w0: number, q: number, a: number): number {
  const d = w0 * w0 - w * w;
  const num = d * d + ((w * w0 * a) / q) ** 2;
  const den = d * d + ((w * w0) / (a * q)) ** 2;
  return num / den;
}

/**
 * Writes [b0, b1, b2, a1, a2] of a bell at `centerHz` with peak gain `gainDb` and quality `q` into `out` at `offset`.
 * Allocation-free so the design can run on any thread.
 */
export function designBell(
  out: Float64Array,
  offset: number,
  centerHz: number,
  gainDb: number,
  q: number,
  sampleRate: number,
): void {
  const w0 = (2 * Math.PI * centerHz) / sampleRate;
  const a = Math.pow(10, gainDb / 40);
  // Poles: impulse invariance of the analog denominator s² + s·w0/(A·Q) + w0².
  const zeta = 1 / (2 * a * q);
  const r = Math.exp(-zeta * w0);
  const a1 =
    zeta < 1
      ? -2 * r * Math.cos(w0 * Math.sqrt(1 - zeta * zeta))
      : -2 * r * Math.cosh(w0 * Math.sqrt(zeta * zeta - 1));
  const a2 = r * r;
  // Zeros: match the analog power at DC (1), at the centre (A⁴) and at Nyquist.
  const phiC = Math.sin(w0 / 2) ** 2;
  const bigA0 = (1 + a1 + a2) ** 2;
  const bigA1 = (1 - a1 + a2) ** 2;
  const bigB0 = bigA0;
  const bigB1 = bigA1 * analogBellPower(Math.PI, w0, q, a);
  const targetC = a ** 4 * polyPower(1, a1, a2, phiC);
  const bigB2 = (targetC - bigB0 * (1 - phiC) - bigB1 * phiC) / (4 * phiC * (1 - phiC));
  const sqrtB0 = Math.sqrt(bigB0);
  const sqrtB1 = Math.sqrt(bigB1);
  const w = 0.5 * (sqrtB0 + sqrtB1);
  // W² + B2 < 0 would mean no real minimum-phase numerator; clamp (never reached for |gain| ≤ 24 dB, see tests).
  const b0 = 0.5 * (w + Math.sqrt(Math.max(0, w * w + bigB2)));
  out[offset] = b0;
  out[offset + 1] = 0.5 * (sqrtB0 - sqrtB1);
  out[offset + 2] = -bigB2 / (4 * b0);
  out[offset + 3] = a1;
  out[offset + 4] = a2;
}
