/**
 * Seeded draws the simulator needs beyond uniform floats: Beta (by mean and
 * concentration), Gamma and the standard normal. Pure; every draw comes from
 * the caller's {@link Rng}.
 */
import type { Rng } from '../random.ts';

/**
 * A Beta distribution written the way it is read: its mean m and its
 * concentration κ = α + β (larger κ, narrower spread), so α = mκ, β = (1 − m)κ
 * and the variance is m(1 − m) / (κ + 1).
 */
export interface BetaSpec {
  mean: number;
  kappa: number;
}

/** Standard normal by Box–Muller (one of the pair; the other is dropped to keep draws stateless). */
export function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: log(0) never happens
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Gamma(shape a, scale 1) by Marsaglia & Tsang (2000): for a ≥ 1, with
 * d = a − 1/3 and c = 1/√(9d), accept v = (1 + cZ)³ when
 * log U < Z²/2 + d − dv + d·log v, returning dv; for a < 1 draw Gamma(a + 1)
 * and multiply by U^{1/a}.
 */
export function gamma(rng: Rng, a: number): number {
  if (a < 1) return gamma(rng, a + 1) * Math.pow(1 - rng(), 1 / a);
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(rng);
    const t = 1 + c * z;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** One draw from Beta(mκ, (1 − m)κ) = X / (X + Y), X ~ Gamma(mκ), Y ~ Gamma((1 − m)κ); mean exactly m. */
export function beta(rng: Rng, spec: BetaSpec): number {
  const m = Math.min(1 - 1e-6, Math.max(1e-6, spec.mean));
  const x = gamma(rng, m * spec.kappa);
  const y = gamma(rng, (1 - m) * spec.kappa);
  return x + y > 0 ? x / (x + y) : m;
}

/** A uniformly chosen index in [0, n). */
export function pick(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}
