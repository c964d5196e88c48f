/**
 * The benchmark-only variant: learner parameters shaped by BKT parameters
 * fitted on real answers (`pathwise kt fit`). Research data stays where it is;
 * this builds a {@link SimVariant} at run time from a fitted set and nothing
 * of it is shipped or trained on.
 *
 * Each fitted parameter becomes a Beta by the method of moments over the
 * fitted skills: with sample mean m and variance v,
 *   κ = m(1 − m)/v − 1   (clamped to [2, 200])
 * used for every difficulty. Fitted `prior` → prior, `learn` → practice (a
 * quiz item is the opportunity EM saw), `guess`, `slip`, and `forget` per
 * break (never below the standard one: fits without forgetting say 0).
 * Resources, hints, format and gating stay as in {@link STANDARD}: answers
 * alone cannot tell those apart.
 */
import type { BktParams } from '../kt/bkt.ts';
import type { BetaSpec } from './distributions.ts';
import { STANDARD, type SimVariant } from './variants.ts';

export function betaByMoments(xs: readonly number[]): BetaSpec {
  const n = xs.length;
  const m = Math.min(0.99, Math.max(0.01, xs.reduce((a, b) => a + b, 0) / Math.max(1, n)));
  const v = n > 1 ? xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1) : 0;
  const kappa = v > 0 ? m * (1 - m) / v - 1 : 200;
  return { mean: m, kappa: Math.min(200, Math.max(2, kappa)) };
}

export function fittedVariant(fits: readonly BktParams[], name = 'fitted'): SimVariant {
  if (fits.length === 0) throw new Error('fittedVariant: no fitted skills');
  const col = (k: keyof BktParams) => betaByMoments(fits.map((f) => f[k]));
  const five = (b: BetaSpec) => [b, b, b, b, b];
  const forget = col('forget');
  return {
    ...STANDARD,
    name,
    description: `fitted on ${fits.length} real skills (benchmark only; never shipped)`,
    prior: five(col('prior')),
    practice: five(col('learn')),
    guess: col('guess'),
    slip: five(col('slip')),
    forget: forget.mean >= STANDARD.forget.mean ? forget : STANDARD.forget,
  };
}
