/**
 * Seeded pseudo-random numbers (mulberry32): the core never calls Math.random,
 * so every plan, fit and test is reproducible from its seed.
 */
export type Rng = () => number;

/** Returns a generator of floats in [0, 1) determined entirely by `seed`. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
