/** The Kaiser window's building block, shared by the resampler and the true-peak interpolator. */

/** Modified Bessel function of the first kind, order 0 (series; exact to double precision for x < 30). */
export function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 30; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

/** Kaiser window value at r ∈ [−1, 1] (0 at the centre) for shape parameter beta. */
export function kaiser(r: number, beta: number): number {
  return besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(beta);
}
