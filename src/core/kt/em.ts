/**
 * Expectation-Maximisation (Baum-Welch) for one skill's BKT parameters, with
 * seeded random restarts. Pure: the data and a seed in, parameters out.
 *
 * E-step: forward-backward (./forward-backward.ts) gives, over n answers in
 * m sequences with C correct answers, the soft counts
 *   K  = Σₜ γₜ           Kc = Σ_{oₜ=1} γₜ      K₁ = Σ_seq γ₁     K_T = Σ_seq γ_T
 *   Λ  = Σₜ ξₜ(0→1)      Φ  = Σₜ ξₜ(1→0)
 * M-step (closed form; each is the expected-count ratio of one Bernoulli):
 *   prior  = K₁ / m
 *   learn  = Λ / Σ_{t<T}(1−γₜ) = Λ / ((n − m) − (K − K_T))
 *   forget = Φ / Σ_{t<T} γₜ    = Φ / (K − K_T)          (fixed at 0 unless `forgets`)
 *   guess  = Σ_{oₜ=1}(1−γₜ) / Σₜ(1−γₜ) = (C − Kc) / (n − K)
 *   slip   = Σ_{oₜ=0} γₜ / Σₜ γₜ        = (K − Kc) / K
 * A ratio whose denominator is 0 (e.g. every sequence has one answer, so no
 * transition is ever seen) keeps the previous value.
 *
 * Bounds. Every parameter is kept in [1e-6, 1 − 1e-6] so that every answer
 * has non-zero probability (finite log-likelihood, no 0/0 beliefs), and
 * guess ≤ 0.5, slip ≤ 0.5 (defaults of `maxGuess`/`maxSlip`). Those two are
 * the identifiability bound: with G + S < 1 a correct answer raises P(known)
 * (G + S = 1 only when both sit on the bound); past 0.5 the "known" and
 * "unknown" states can swap meaning and EM happily fits a model where
 * knowing the skill makes you worse at it. Baker,
 * Corbett & Aleven (2008) call guess > 0.5 or slip > 0.5 "model degeneracy".
 * Tighter bounds (the classic 0.3/0.1) bias real fits whose guess rate really
 * is high (multiple-choice items), so they are left as options. Each
 * parameter's expected complete-data log-likelihood is a separate concave
 * Bernoulli term, so clamping the closed-form value to its interval is the
 * exact constrained maximiser and EM still never lowers the likelihood.
 *
 * Restarts. Each restart draws its starting point as pyBKT's default does
 * (random_model_uni: its Dirichlet draws are overwritten by these uniforms):
 *   prior ~ U(0,1), learn ~ U(0,0.4), guess ~ U(0,0.4), slip ~ U(0,0.3),
 *   forget ~ U(0,1) with `forgets`, else 0,
 * then runs EM until the log-likelihood gains less than `tolerance` per answer
 * in one iteration, or `maxIterations` is reached. The restart with the best
 * log-likelihood wins (the earliest on a tie). The random stream is seeded
 * from `seed` and the skill id alone, so a skill's fit does not depend on
 * which other skills are fitted, in which order, or on which thread.
 */
import type { BktParams } from './bkt.ts';
import { eStep, Stat, STAT_COUNT } from './forward-backward.ts';
import { seededRng, textSeed, type Rng } from '../random.ts';
import type { SkillSequences } from './sequences.ts';

export interface EmOptions {
  /** Fit a forgetting probability too (otherwise forget = 0). */
  forgets: boolean;
  /** Random starting points per skill; the best log-likelihood wins. */
  restarts: number;
  /** EM iterations per restart at most. */
  maxIterations: number;
  /** Stop when one iteration gains less than this much log-likelihood per answer. */
  tolerance: number;
  seed: number;
  /** Upper bound on guess (identifiability); default 0.5. */
  maxGuess: number;
  /** Upper bound on slip (identifiability); default 0.5. */
  maxSlip: number;
}

/**
 * Defaults: pyBKT's 5 restarts and 100-iteration cap. The tolerance, 1e-5
 * nats per answer (0.01 nats per thousand answers), is far below any
 * difference that matters when comparing models, and stricter than pyBKT's
 * own stop (an integer-truncated total log-likelihood that no longer moves).
 */
export const DEFAULT_EM_OPTIONS: Readonly<EmOptions> = Object.freeze({
  forgets: false,
  restarts: 5,
  maxIterations: 100,
  tolerance: 1e-5,
  seed: 42,
  maxGuess: 0.5,
  maxSlip: 0.5,
});

/** Smallest and largest value any fitted probability may take. */
export const PROB_FLOOR = 1e-6;
export const PROB_CEIL = 1 - 1e-6;

export interface SkillFit {
  skill: string;
  params: BktParams;
  /** Log-likelihood of the data under `params`. */
  logLikelihood: number;
  /** EM iterations of the winning restart. */
  iterations: number;
  responses: number;
  sequences: number;
}

/** Fits one skill: `restarts` EM runs from seeded random starts; returns the best. */
export function fitSkill(data: SkillSequences, options: EmOptions): SkillFit {
  const rng = seededRng(skillSeed(options.seed, data.skill));
  const stats = new Float64Array(STAT_COUNT);
  const scratch = new Float64Array(2 * data.obs.length);
  let best: { params: BktParams; logLikelihood: number; iterations: number } | null = null;
  for (let r = 0; r < Math.max(1, options.restarts); r++) {
    const run = runEm(data, randomStart(rng, options), options, stats, scratch);
    if (!best || run.logLikelihood > best.logLikelihood) best = run;
  }
  // best is set: the loop runs at least once.
  const b = best!;
  return { skill: data.skill, ...b, responses: data.obs.length, sequences: data.starts.length - 1 };
}

/**
 * EM from one starting point. Each iteration: E-step (log-likelihood of the
 * current parameters and soft counts), stop if converged, else M-step. The
 * returned log-likelihood is that of the returned parameters.
 */
export function runEm(
  data: SkillSequences,
  start: BktParams,
  options: EmOptions,
  stats: Float64Array = new Float64Array(STAT_COUNT),
  scratch: Float64Array = new Float64Array(2 * data.obs.length),
): { params: BktParams; logLikelihood: number; iterations: number } {
  const n = data.obs.length;
  const minGain = options.tolerance * n;
  const correct = countCorrect(data.obs);
  let params = start;
  let prev = -Infinity;
  for (let it = 0; ; it++) {
    const ll = eStep(data, params, stats, scratch);
    if (it >= options.maxIterations || ll - prev < minGain) return { params, logLikelihood: ll, iterations: it };
    prev = ll;
    params = mStep(data, params, stats, options, correct);
  }
}

/** Closed-form M-step (formulas in the file comment), clamped to the bounds. */
export function mStep(
  data: SkillSequences,
  old: BktParams,
  stats: Float64Array,
  options: EmOptions,
  correct: number = countCorrect(data.obs),
): BktParams {
  const n = data.obs.length;
  const m = data.starts.length - 1;
  const K = stats[Stat.Known]!;
  const Kc = stats[Stat.KnownCorrect]!;
  const K1 = stats[Stat.KnownFirst]!;
  const KT = stats[Stat.KnownLast]!;
  const knownBeforeTransition = K - KT;
  const unknownBeforeTransition = n - m - knownBeforeTransition;
  return {
    prior: clamp(ratio(K1, m, old.prior), PROB_FLOOR, PROB_CEIL),
    learn: clamp(ratio(stats[Stat.Learned]!, unknownBeforeTransition, old.learn), PROB_FLOOR, PROB_CEIL),
    forget: options.forgets ? clamp(ratio(stats[Stat.Forgot]!, knownBeforeTransition, old.forget), PROB_FLOOR, PROB_CEIL) : 0,
    guess: clamp(ratio(correct - Kc, n - K, old.guess), PROB_FLOOR, options.maxGuess),
    slip: clamp(ratio(K - Kc, K, old.slip), PROB_FLOOR, options.maxSlip),
  };
}

/** pyBKT's default random start (see the file comment), clamped to the bounds. */
export function randomStart(rng: Rng, options: Pick<EmOptions, 'forgets' | 'maxGuess' | 'maxSlip'>): BktParams {
  const prior = rng();
  const learn = rng() * 0.4;
  const guess = rng() * 0.4;
  const slip = rng() * 0.3;
  const forget = options.forgets ? rng() : 0;
  return {
    prior: clamp(prior, PROB_FLOOR, PROB_CEIL),
    learn: clamp(learn, PROB_FLOOR, PROB_CEIL),
    guess: clamp(guess, PROB_FLOOR, options.maxGuess),
    slip: clamp(slip, PROB_FLOOR, options.maxSlip),
    forget: options.forgets ? clamp(forget, PROB_FLOOR, PROB_CEIL) : 0,
  };
}

/**
 * Seed of a skill's random stream: FNV-1a of the skill id (UTF-16 code
 * units), mixed with the run's seed.
 */
export function skillSeed(seed: number, skill: string): number {
  return textSeed(skill, seed);
}

/** Number of correct answers (C in the file comment). */
export function countCorrect(obs: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < obs.length; i++) c += obs[i]!;
  return c;
}

function ratio(num: number, den: number, fallback: number): number {
  return den > 0 ? num / den : fallback;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
