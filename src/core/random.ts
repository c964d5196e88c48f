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

/** A 32-bit seed from a text (FNV-1a over its UTF-16 code units), mixed with `seed`: a stream per skill, per learner and concept. */
export function textSeed(text: string, seed = 0): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
