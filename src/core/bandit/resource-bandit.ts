/**
 * Which resource works, learned from the cohort: one Thompson-sampling
 * bandit per (workspace, concept) over the concept's resources. Nothing
 * crosses workspaces: the caller keeps one {@link BanditState} per pair.
 *
 * Each use of resource a yields the learner's mastery gain g ∈ [0, 1] (the
 * rise in P(known) it led to); a 👍/👎 afterwards counts as a further
 * observation of weight {@link FEEDBACK_WEIGHT} with g = 1 or 0 (it moves
 * the posterior, not the learner count). The chance that a resource teaches has a
 * Beta posterior, started from what the static ranking expects:
 *   prior       p_a ~ Beta(κ₀·p₀_a, κ₀·(1 − p₀_a))
 *   after uses  α_a = κ₀·p₀_a + Σ g,  β_a = κ₀·(1 − p₀_a) + Σ (1 − g)
 * and the reward is mastery per hour, p_a / hours_a. A choice draws p̃_a from
 * each posterior and takes the largest p̃_a / hours_a.
 *
 * Below {@link MIN_LEARNERS} learners the static ranking decides alone: a
 * handful of outcomes must not reorder what an editor chose.
 */
import type { Rng } from '../random.ts';
import { beta } from '../sim/distributions.ts';

export const MIN_LEARNERS = 20;
/** Prior strength κ₀: the static expectation counts as this many learners. */
export const PRIOR_STRENGTH = 4;
/** What a 👍/👎 weighs against one measured outcome. */
export const FEEDBACK_WEIGHT = 0.5;

export interface ArmStats {
  n: number;
  gain: number;
}

export interface BanditState {
  /** Learners whose outcome was recorded, over all arms. */
  learners: number;
  arms: Readonly<Record<string, ArmStats>>;
}

export interface Candidate {
  id: string;
  /** What the static model expects: P(a learner learns the concept from it). */
  priorP: number;
  hours: number;
}

export const emptyBandit = (): BanditState => ({ learners: 0, arms: {} });

/** The state after one learner's mastery gain g ∈ [0, 1] on `arm` (pure). */
export function recordOutcome(state: BanditState, arm: string, gain: number): BanditState {
  const g = Math.min(1, Math.max(0, gain));
  const a = state.arms[arm] ?? { n: 0, gain: 0 };
  return { learners: state.learners + 1, arms: { ...state.arms, [arm]: { n: a.n + 1, gain: a.gain + g } } };
}

/** The state after a 👍 (`up`) or 👎 on `arm`: a half-weight observation, the learner count unchanged (pure). */
export function recordFeedback(state: BanditState, arm: string, up: boolean): BanditState {
  const a = state.arms[arm] ?? { n: 0, gain: 0 };
  return { learners: state.learners, arms: { ...state.arms, [arm]: { n: a.n + FEEDBACK_WEIGHT, gain: a.gain + (up ? FEEDBACK_WEIGHT : 0) } } };
}

/** The Beta posterior of P(learns from it). */
export function posterior(state: BanditState, c: Candidate): { alpha: number; beta: number } {
  const a = state.arms[c.id] ?? { n: 0, gain: 0 };
  const p0 = Math.min(0.99, Math.max(0.01, c.priorP));
  return { alpha: PRIOR_STRENGTH * p0 + a.gain, beta: PRIOR_STRENGTH * (1 - p0) + (a.n - a.gain) };
}

/** Expected mastery per hour from the posterior mean. */
export function expectedPerHour(state: BanditState, c: Candidate): number {
  const p = posterior(state, c);
  return p.alpha / (p.alpha + p.beta) / c.hours;
}

function staticBest(candidates: readonly Candidate[]): Candidate {
  return candidates.reduce((b, c) => (c.priorP / c.hours > b.priorP / b.hours ? c : b));
}

function draw(state: BanditState, candidates: readonly Candidate[], rng: Rng): Candidate {
  let best = candidates[0]!;
  let bestDraw = -Infinity;
  for (const c of candidates) {
    const p = posterior(state, c);
    const d = beta(rng, { mean: p.alpha / (p.alpha + p.beta), kappa: p.alpha + p.beta }) / c.hours;
    if (d > bestDraw) {
      bestDraw = d;
      best = c;
    }
  }
  return best;
}

/** The resource to give the next learner, and whether the evidence or the static ranking chose it. */
export function chooseResource(state: BanditState, candidates: readonly Candidate[], rng: Rng): { id: string; by: 'static' | 'bandit' } {
  if (candidates.length === 0) throw new Error('chooseResource: no candidates');
  if (state.learners < MIN_LEARNERS || candidates.length === 1) return { id: staticBest(candidates).id, by: 'static' };
  return { id: draw(state, candidates, rng).id, by: 'bandit' };
}

/**
 * Whether the chat may say "learners like you found this one helpful": at
 * least {@link MIN_LEARNERS} learners, 10 of them on this resource, and a
 * posterior probability of at least 0.9 (by `draws` samples) that it is the
 * best per hour.
 */
export function evidenceIsThere(state: BanditState, candidates: readonly Candidate[], id: string, rng: Rng, draws = 400): boolean {
  if (state.learners < MIN_LEARNERS || (state.arms[id]?.n ?? 0) < 10) return false;
  let wins = 0;
  for (let k = 0; k < draws; k++) if (draw(state, candidates, rng).id === id) wins++;
  return wins / draws >= 0.9;
}

/**
 * The quality the planner should use for a resource: its editorial quality
 * (1…5) scaled by how the cohort's evidence moved P(learns from it),
 * q' = q · posterior mean / prior, clamped to 1…5; unchanged below
 * {@link MIN_LEARNERS}.
 */
export function learnedQuality(state: BanditState, c: Candidate, quality: number): number {
  if (state.learners < MIN_LEARNERS) return quality;
  const p = posterior(state, c);
  return scaledQuality(quality, p.alpha / (p.alpha + p.beta), c.priorP);
}

function scaledQuality(quality: number, p: number, priorP: number): number {
  return Math.min(5, Math.max(1, (quality * p) / Math.min(0.99, Math.max(0.01, priorP))));
}

/**
 * The planner's cohort factor for a resource (src/core/plan/cost-model.ts):
 * k = p₀ / p̃ with p̃ drawn from the posterior (Thompson sampling, so
 * resources the evidence is unsure about still get tried now and then),
 * clamped to [¼, 4]; 1 below {@link MIN_LEARNERS}.
 */
export function sampledCostFactor(state: BanditState, c: Candidate, rng: Rng): number {
  if (state.learners < MIN_LEARNERS) return 1;
  const p = posterior(state, c);
  const drawn = beta(rng, { mean: p.alpha / (p.alpha + p.beta), kappa: p.alpha + p.beta });
  return Math.min(4, Math.max(0.25, Math.min(0.99, Math.max(0.01, c.priorP)) / Math.max(0.01, drawn)));
}

/**
 * The same correction with P(learns from it) drawn from the posterior
 * (Thompson sampling): what the coach hands the planner, so resources the
 * evidence is still unsure about get tried now and then. Unchanged below
 * {@link MIN_LEARNERS}.
 */
export function sampledQuality(state: BanditState, c: Candidate, quality: number, rng: Rng): number {
  if (state.learners < MIN_LEARNERS) return quality;
  const p = posterior(state, c);
  return scaledQuality(quality, beta(rng, { mean: p.alpha / (p.alpha + p.beta), kappa: p.alpha + p.beta }), c.priorP);
}
