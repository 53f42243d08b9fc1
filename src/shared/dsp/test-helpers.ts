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
