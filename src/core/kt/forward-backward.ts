/**
 * Forward-backward for the two-state BKT hidden Markov model, over every
 * sequence of one skill at once (the E-step of EM), and the forward pass alone
 * for one-step-ahead prediction.
 *
 * Notation for one sequence o₁..o_T (oₜ = 1 correct): L = prior, T = learn,
 * F = forget, G = guess, S = slip; state 1 = knows the skill.
 *
 * The belief is carried as two numbers, P(known) and P(unknown), normalised
 * together, never one as 1 minus the other. After a long run of right answers
 * P(unknown) becomes tiny (1e-40, say) and 1 − P(unknown) rounds to exactly 1;
 * a single number would then stay at 1 for good (with F = 0 nothing leads out
 * of "known"), and later wrong answers could no longer lower it. Kept apart,
 * P(unknown) stays representable and grows back with each wrong answer, as
 * exact Bayes says it should. On real data this matters: on ASSISTments 2009
 * about a fifth of the training answers were predicted from a belief rounded
 * to 1, and fitting and predicting on those cost 0.025 of test AUC.
 *
 * Forward (filtering), starting from (p₁, q₁) = (L, 1 − L):
 *   kₜ = pₜ(1−S)  if oₜ = 1, else pₜS      (joint: known and this answer)
 *   uₜ = qₜG      if oₜ = 1, else qₜ(1−G)  (joint: unknown and this answer)
 *   cₜ = kₜ + uₜ = P(oₜ | o₁..oₜ₋₁)         (log-likelihood = Σ log cₜ)
 *   aₜ = kₜ / cₜ,  bₜ = uₜ / cₜ             (P(Lₜ = 1 | o₁..oₜ) and P(Lₜ = 0 | o₁..oₜ))
 *   pₜ₊₁ = aₜ(1−F) + bₜT,  qₜ₊₁ = bₜ(1−T) + aₜF
 * These are src/core/kt/bkt.ts's `predictCorrect`, `posterior` and
 * `transition` with P(unknown) kept beside P(known); while neither is tiny
 * the two agree to rounding (checked in test/kt/forward-backward.test.ts).
 *
 * Backward (smoothing, Rauch–Tung–Striebel form: needs only the stored aₜ
 * and bₜ, no scaled β), with γₜ = P(Lₜ = 1 | o₁..o_T) and δₜ = P(Lₜ = 0 | o₁..o_T),
 * starting from (γ_T, δ_T) = (a_T, b_T):
 *   ξₜ(0→1) = T bₜ γₜ₊₁ / pₜ₊₁        ξₜ(1→1) = (1−F) aₜ γₜ₊₁ / pₜ₊₁
 *   ξₜ(1→0) = F aₜ δₜ₊₁ / qₜ₊₁        ξₜ(0→0) = (1−T) bₜ δₜ₊₁ / qₜ₊₁
 *   γₜ = ξₜ(1→0) + ξₜ(1→1),  δₜ = ξₜ(0→1) + ξₜ(0→0)
 * (a 0/0 ratio, reached only with degenerate parameters, counts as 0, as
 * pyBKT does).
 *
 * The soft counts the M-step needs are sums of these over all sequences; see
 * {@link EStepStats}. Everything below works on typed arrays with no per-row
 * allocation: it is the inner loop of the fitter.
 */
import type { BktParams } from './bkt.ts';
import type { SkillSequences } from './sequences.ts';

/** Offsets into the Float64Array filled by {@link eStep}. */
export const Stat = {
  /** Σ over all t of γₜ (expected answers given while knowing). */
  Known: 0,
  /** Σ of γₜ over correct answers. */
  KnownCorrect: 1,
  /** Σ of γ₁ over sequences (expected learners knowing it at the start). */
  KnownFirst: 2,
  /** Σ of γ_T over sequences (known at the last answer: no transition follows). */
  KnownLast: 3,
  /** Σₜ ξₜ(0→1): expected learning transitions. */
  Learned: 4,
  /** Σₜ ξₜ(1→0): expected forgetting transitions. */
  Forgot: 5,
} as const;
export const STAT_COUNT = 6;

/** Soft counts of one E-step (indexed by {@link Stat}). */
export type EStepStats = Float64Array;

/**
 * Runs forward-backward over every sequence of `data` under `params`, writes
 * the soft counts into `stats` (overwritten) and returns the log-likelihood
 * Σ log cₜ. `scratch` must hold at least 2 × `data.obs.length` numbers (the
 * filtered beliefs aₜ and bₜ). Log-likelihood is accumulated as a running
 * product of cₜ, taking its log only when it nears underflow: one log per few
 * hundred answers instead of one per answer.
 */
export function eStep(data: SkillSequences, params: BktParams, stats: EStepStats, scratch: Float64Array): number {
  const { obs, starts } = data;
  const n = obs.length;
  if (scratch.length < 2 * n) throw new RangeError(`eStep: scratch holds ${scratch.length} numbers, needs ${2 * n}`);
  const L = params.prior;
  const T = params.learn;
  const F = params.forget;
  const G = params.guess;
  const S = params.slip;
  const nSeq = starts.length - 1;
  let logLik = 0;
  let prod = 1;
  let known = 0;
  let knownCorrect = 0;
  let knownFirst = 0;
  let knownLast = 0;
  let learned = 0;
  let forgot = 0;
  for (let k = 0; k < nSeq; k++) {
    const start = starts[k]!;
    const end = starts[k + 1]!;
    // Forward: store aₜ at t and bₜ at n + t.
    let p = L;
    let q = 1 - L;
    for (let t = start; t < end; t++) {
      let kn: number;
      let un: number;
      if (obs[t] === 1) {
        kn = p * (1 - S);
        un = q * G;
      } else {
        kn = p * S;
        un = q * (1 - G);
      }
      const c = kn + un;
      prod *= c;
      if (prod < 1e-280) {
        logLik += Math.log(prod);
        prod = 1;
      }
      const a = c > 0 ? kn / c : p;
      const b = c > 0 ? un / c : q;
      scratch[t] = a;
      scratch[n + t] = b;
      p = a * (1 - F) + b * T;
      q = b * (1 - T) + a * F;
    }
    // Backward: γ and δ from the last answer to the first.
    let g = scratch[end - 1]!;
    let d = scratch[n + end - 1]!;
    knownLast += g;
    known += g;
    if (obs[end - 1] === 1) knownCorrect += g;
    for (let t = end - 2; t >= start; t--) {
      const a = scratch[t]!;
      const b = scratch[n + t]!;
      const pn = a * (1 - F) + b * T;
      const qn = b * (1 - T) + a * F;
      const r1 = pn > 0 ? g / pn : 0;
      const r0 = qn > 0 ? d / qn : 0;
      const x01 = T * b * r1;
      const x10 = F * a * r0;
      learned += x01;
      forgot += x10;
      g = x10 + (1 - F) * a * r1;
      d = x01 + (1 - T) * b * r0;
      known += g;
      if (obs[t] === 1) knownCorrect += g;
    }
    knownFirst += g;
  }
  stats[Stat.Known] = known;
  stats[Stat.KnownCorrect] = knownCorrect;
  stats[Stat.KnownFirst] = knownFirst;
  stats[Stat.KnownLast] = knownLast;
  stats[Stat.Learned] = learned;
  stats[Stat.Forgot] = forgot;
  return logLik + Math.log(prod);
}

/**
 * One-step-ahead prediction: `out[t]` = P(oₜ correct | the learner's earlier
 * answers in the same sequence) = pₜ(1−S) + qₜG, each sequence starting
 * from the prior. This is how BKT is evaluated on held-out learners.
 */
export function predictOneStep(data: SkillSequences, params: BktParams, out: Float64Array): void {
  const { obs, starts } = data;
  const { prior: L, learn: T, forget: F, guess: G, slip: S } = params;
  const nSeq = starts.length - 1;
  for (let k = 0; k < nSeq; k++) {
    let p = L;
    let q = 1 - L;
    for (let t = starts[k]!, end = starts[k + 1]!; t < end; t++) {
      out[t] = p * (1 - S) + q * G;
      let kn: number;
      let un: number;
      if (obs[t] === 1) {
        kn = p * (1 - S);
        un = q * G;
      } else {
        kn = p * S;
        un = q * (1 - G);
      }
      const c = kn + un;
      const a = c > 0 ? kn / c : p;
      const b = c > 0 ? un / c : q;
      p = a * (1 - F) + b * T;
      q = b * (1 - T) + a * F;
    }
  }
}
