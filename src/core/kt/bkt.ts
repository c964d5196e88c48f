/**
 * Bayesian Knowledge Tracing (Corbett & Anderson 1995), one concept at a time.
 *
 * A two-state hidden Markov model: the learner either knows the concept (L)
 * or not. Parameters:
 * - prior  P(L₀): knows it before any practice
 * - learn  P(T):  moves from not-known to known after an opportunity
 * - guess  P(G):  answers right without knowing
 * - slip   P(S):  answers wrong despite knowing
 * - forget P(F):  moves from known to not-known (0 in standard BKT)
 *
 * Observation step (Bayes), given the current belief p = P(Lₜ):
 *   correct:   P(Lₜ | ✓) = p(1−S) / ( p(1−S) + (1−p)G )
 *   incorrect: P(Lₜ | ✗) = pS / ( pS + (1−p)(1−G) )
 * Transition step (an opportunity to learn):
 *   P(Lₜ₊₁) = P(Lₜ | obs)(1−F) + (1 − P(Lₜ | obs))T
 * Prediction for the next answer:
 *   P(✓ₜ) = p(1−S) + (1−p)G
 *
 * Shared by the online tracer (the coach) and the EM fitter (src/kt/).
 */

export interface BktParams {
  prior: number;
  learn: number;
  guess: number;
  slip: number;
  /** 0 for standard BKT. */
  forget: number;
}

/** Defaults for a concept with no fitted parameters: moderate learning, modest guess/slip. */
export const DEFAULT_BKT: Readonly<BktParams> = Object.freeze({ prior: 0.1, learn: 0.2, guess: 0.2, slip: 0.1, forget: 0 });

/** Mastery is declared when P(L) reaches this. */
export const DEFAULT_MASTERY_THRESHOLD = 0.95;

/** True when the belief P(L) has reached the mastery threshold (0.95 unless the caller says otherwise). */
export function isMastered(p: number, threshold: number = DEFAULT_MASTERY_THRESHOLD): boolean {
  return p >= threshold;
}

/**
 * Problems with a parameter set, empty when it is usable. Every parameter is a
 * probability, and the model only makes sense when
 * - a right answer is more likely from someone who knows the concept:
 *   P(G) < 1 − P(S); otherwise a correct answer lowers P(L) (the "degenerate"
 *   fits unconstrained EM is known for);
 * - P(T) + P(F) ≤ 1, so the transition p(1−F) + (1−p)T does not fall as p
 *   rises (its slope is 1 − F − T); otherwise a wrong answer could leave a
 *   higher belief than a right one.
 */
export function bktParamProblems(params: BktParams): string[] {
  const out: string[] = [];
  for (const key of ['prior', 'learn', 'guess', 'slip', 'forget'] as const) {
    const v = params[key];
    if (!Number.isFinite(v) || v < 0 || v > 1) out.push(`${key} must be a probability in [0, 1], got ${v}`);
  }
  if (out.length === 0 && !(params.guess < 1 - params.slip)) {
    out.push(`guess (${params.guess}) must be below 1 − slip (${1 - params.slip}), or a correct answer would lower mastery`);
  }
  if (out.length === 0 && params.learn + params.forget > 1) {
    out.push(`learn + forget (${params.learn} + ${params.forget}) must be at most 1, or a wrong answer could raise mastery above a right one`);
  }
  return out;
}

/** P(✓) for the next answer, given belief p = P(L). */
export function predictCorrect(p: number, params: BktParams): number {
  return p * (1 - params.slip) + (1 - p) * params.guess;
}

/** Bayes step only: belief that the concept was known when the answer was given. */
export function posterior(p: number, correct: boolean, params: BktParams): number {
  const { guess: g, slip: s } = params;
  const known = correct ? p * (1 - s) : p * s;
  const unknown = correct ? (1 - p) * g : (1 - p) * (1 - g);
  const total = known + unknown;
  // total is 0 only with degenerate parameters (e.g. p=1, s=1 on a correct answer); keep the belief.
  return total > 0 ? known / total : p;
}

/** Learning (and forgetting) transition after an opportunity. */
export function transition(p: number, params: BktParams): number {
  return p * (1 - params.forget) + (1 - p) * params.learn;
}

/**
 * How close to certainty the online tracer's belief may get: P(L) stays in
 * [BELIEF_MARGIN, 1 − BELIEF_MARGIN]. The coach keeps one number per
 * concept, and after a long run of right answers (about 20 with the
 * defaults) 1 − P(L) would round to exactly 0; with no forgetting "known" is
 * then absorbing and later wrong answers could never lower it. With the
 * margin, each wrong answer multiplies the odds of "not known" by (1−G)/S,
 * less what learning takes back, so a learner who stops getting it right
 * drops below mastery again after any streak (ten wrong answers with the
 * defaults). The EM fitter does not need this: it carries P(not known) as a
 * number of its own (forward-backward.ts).
 */
export const BELIEF_MARGIN = 1e-9;

/** One full update: observe the answer, then allow for learning. Returns the new P(L). */
export function update(p: number, correct: boolean, params: BktParams): number {
  return clampBelief(transition(posterior(p, correct, params), params));
}

/**
 * The belief the coach keeps and shows: P(L) given every answer so far, with
 * learning credited *between* practice opportunities rather than as a reward
 * for the answer just given.
 *
 * Standard BKT updates p ← T(Bayes(p, obs)), so the number shown after an
 * answer already includes the chance of learning from it; after a miss with
 * P(T) = 0.2 that reads 10% → 26%. Here the stored value is the posterior
 * after the last observation, and the transition for the opportunity in
 * between is applied just before the next one is observed:
 *
 *   first answer:  p₁ = Bayes(p₀, obs₁)
 *   later answers: pₙ = Bayes(T(pₙ₋₁), obsₙ)
 *
 * which is the same filter, read one half-step earlier. A miss never raises the
 * shown belief: when the credited learning outweighs the miss's evidence
 * (large T, small S), the belief holds where it was:
 *
 *   after a miss:  pₙ = min(pₙ₋₁, Bayes(T(pₙ₋₁), ✗))
 *
 * A right answer never lowers it (G < 1 − S makes Bayes(q, ✓) ≥ q ≥ pₙ₋₁).
 * `guess` may be set per item (see {@link itemGuess}).
 */
export function observe(p: number, correct: boolean, params: BktParams, firstOpportunity: boolean): number {
  const before = firstOpportunity ? p : transition(p, params);
  const post = posterior(before, correct, params);
  return clampBelief(correct ? post : Math.min(p, post));
}

/**
 * Chance of answering an item right without knowing the concept: at least
 * 1/k for k options (a blind guess), 0.5 for an item whose form gives the
 * answer away (see src/core/graph/cues.ts), and never below the concept's
 * fitted or default guess.
 */
export function itemGuess(base: number, options: number, cued: boolean): number {
  const blind = options > 0 ? 1 / options : base;
  return Math.max(base, blind, cued ? 0.5 : 0);
}

function clampBelief(x: number): number {
  return x < BELIEF_MARGIN ? BELIEF_MARGIN : x > 1 - BELIEF_MARGIN ? 1 - BELIEF_MARGIN : x;
}

/**
 * Prior from a self-assessment at onboarding. The learner's word is weak
 * evidence, so even "I know it well" stays below the mastery threshold: a
 * quiz must confirm it.
 */
export const SELF_ASSESSMENT_PRIOR = { none: 0.05, some: 0.4, solid: 0.8 } as const;
export type SelfAssessment = keyof typeof SELF_ASSESSMENT_PRIOR;
