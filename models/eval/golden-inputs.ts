/** The same formula as models/train/golden_inputs.py: fixed model inputs without a committed tensor. */
export function goldenInputs(bands: number, temporal: number, frames: number, batch = 2) {
  const b = new Float32Array(batch * bands * frames);
  const t = new Float32Array(batch * frames * temporal);
  for (let n = 0; n < batch; n++) {
    for (let i = 0; i < bands; i++) {
      for (let j = 0; j < frames; j++) {
        b[(n * bands + i) * frames + j] =
          0.5 * Math.sin(0.37 * i + 0.11 * j + n) - (0.02 * i * (n + 1)) / bands;
      }
    }
    for (let j = 0; j < frames; j++) {
      for (let k = 0; k < temporal; k++)
        t[(n * frames + j) * temporal + k] = 0.3 * Math.cos(0.23 * j + k + 0.5 * n);
    }
  }
  return { bands: b, temporal: t, batch };
}
