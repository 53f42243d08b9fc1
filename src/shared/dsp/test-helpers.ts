/** Deterministic helpers shared by the engine's tests (pure; no test framework inside). */

/** A small, seedable PRNG (mulberry32) so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random commands: uniform in ±12 dB, extreme ±12 dB patterns, and the classic hard cases. */
export function testCommands(count: number, seed: number): number[][] {
  const rnd = seededRandom(seed);
  const out: number[][] = [
    Array(10).fill(12),
    Array(10).fill(-12),
    Array.from({ length: 10 }, (_, i) => (i % 2 ? 12 : -12)),
    Array.from({ length: 10 }, (_, i) => (i % 2 ? -12 : 12)),
    Array(10).fill(0),
  ];
  for (let i = 0; i < count; i++) {
    out.push(Array.from({ length: 10 }, () => (i % 3 === 0 ? (rnd() < 0.5 ? -12 : 12) : rnd() * 24 - 12)));
  }
  return out;
}

/** A deterministic test signal: seeded noise plus a few tones, at about −12 dBFS, identical in every realm. */
export function makeFixture(
  frames: number,
  channels: number,
  seed: number,
  sampleRate = 48000,
): Float32Array<ArrayBuffer>[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: channels }, (_, c) => {
    const x = new Float32Array(frames);
    for (let i = 0; i < frames; i++) {
      const t = i / sampleRate;
      x[i] =
        0.15 * (rnd() * 2 - 1) +
        0.05 * Math.sin(2 * Math.PI * (60 + 40 * c) * t) +
        0.05 * Math.sin(2 * Math.PI * 3000 * t);
    }
    return x;
  });
}
