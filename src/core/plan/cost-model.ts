/**
 * What one resource costs this learner: minutes, inflated by everything that
 * makes those minutes harder or less pleasant. The planner minimises the sum
 * over the resources it picks, so the cost is in "effective minutes".
 *
 *   cost(r) = minutes(r) · m(r) · k(r)
 *
 *   m(r) = w_time
 *        + w_difficulty    · max(0, difficulty(r) − level) / 4
 *        + w_quality       · (5 − quality(r)) / 4
 *        + w_interactivity · (5 − interactivity(r)) / 4
 *        + format(r)
 *
 *   format(r) = w_avoided       if the learner avoids r's format
 *             = 0               if they prefer it, or named no preferred formats
 *             = w_notPreferred  otherwise
 *
 * k(r) is the cohort factor: 1, unless the workspace's learners have shown
 * how well r teaches (src/core/bandit, from 20 learners on a concept); then
 * k(r) = p₀(r) / p̃(r), the chance the static model expected r to teach over
 * the one drawn from the evidence's posterior, clamped to [¼, 4]. A resource
 * that teaches half as well as expected costs twice the minutes, since a
 * learner needs about twice the passes. (Fed through the quality term
 * instead, the evidence could move a cost by at most w_quality = 0.4 of its
 * minutes: in bench/bandit.bench.ts that took 1.7–3.5% more mastery per
 * minute where this factor takes 4.1–10.9%.)
 *
 * Every scale is 1…5, so each bracketed term is in [0, 1]: with the default
 * weights a resource costs between 1× its minutes (a top-quality, hands-on,
 * preferred resource at the learner's level) and 3.7× (a poor, passive one in
 * an avoided format four levels too hard). `level` is the learner's level on
 * the same 1…5 scale ({@link learnerLevel}). Costs depend on the learner,
 * never on the search state, so the planner is a shortest-path search with
 * fixed action costs, and w_time > 0 keeps every cost strictly positive.
 */
import { PathwiseError } from '../errors.ts';
import type { KnowledgeGraph, Resource, ResourceType } from '../graph/types.ts';

export interface CostWeights {
  /** Weight of plain minutes; must be > 0. */
  time: number;
  /** Per unit of "harder than the learner's level" (0…1). */
  difficulty: number;
  /** Per unit of "below top quality" (0…1). */
  quality: number;
  /** Per unit of "less hands-on than a fully interactive resource" (0…1). */
  interactivity: number;
  /** Surcharge on formats the learner did not list as preferred (only when they listed some). */
  notPreferred: number;
  /** Surcharge on formats the learner avoids. */
  avoided: number;
}

export const DEFAULT_COST_WEIGHTS: Readonly<CostWeights> = Object.freeze({
  time: 1,
  difficulty: 0.6,
  quality: 0.4,
  interactivity: 0.2,
  notPreferred: 0.3,
  avoided: 1.5,
});

/** Who the costs are for: their level and their format preferences. */
export interface CostContext {
  weights: CostWeights;
  /** 1…5 */
  level: number;
  preferred: ReadonlySet<ResourceType>;
  avoided: ReadonlySet<ResourceType>;
  /** The cohort factor k(r) by resource id where the workspace's evidence is there (1 elsewhere). */
  cohort?: Readonly<Record<string, number>>;
}

/** The terms of m(r) separately, for explanations and tests. */
export interface CostBreakdown {
  time: number;
  difficulty: number;
  quality: number;
  interactivity: number;
  format: number;
  /** m(r): the sum of the terms above. */
  multiplier: number;
  /** k(r): the cohort factor (1 without evidence). */
  cohort: number;
  /** minutes(r) · m(r) · k(r) */
  cost: number;
}

/** Merges partial weights over the defaults and refuses negative, non-finite or zero-time weights. */
export function resolveWeights(partial: Partial<CostWeights> = {}): CostWeights {
  const w = { ...DEFAULT_COST_WEIGHTS, ...partial };
  const bad = Object.entries(w).filter(([, v]) => !Number.isFinite(v) || v < 0);
  if (bad.length > 0) throw new PathwiseError('INVALID_WEIGHTS', `cost weights must be finite and >= 0: ${bad.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  if (!(w.time > 0)) throw new PathwiseError('INVALID_WEIGHTS', 'the time weight must be > 0 so every resource costs something');
  return w;
}

export function costBreakdown(r: Resource, ctx: CostContext): CostBreakdown {
  const w = ctx.weights;
  const time = w.time;
  const difficulty = (w.difficulty * Math.max(0, r.difficulty - ctx.level)) / 4;
  const quality = (w.quality * (5 - r.quality)) / 4;
  const interactivity = (w.interactivity * (5 - r.interactivity)) / 4;
  const format = ctx.avoided.has(r.type) ? w.avoided : ctx.preferred.size === 0 || ctx.preferred.has(r.type) ? 0 : w.notPreferred;
  const multiplier = time + difficulty + quality + interactivity + format;
  const k = ctx.cohort?.[r.id];
  const cohort = k !== undefined && Number.isFinite(k) ? Math.min(4, Math.max(0.25, k)) : 1;
  return { time, difficulty, quality, interactivity, format, multiplier, cohort, cost: r.minutes * multiplier * cohort };
}

export function resourceCost(r: Resource, ctx: CostContext): number {
  return costBreakdown(r, ctx).cost;
}

/**
 * The learner's level on the 1…5 difficulty scale, read from what they know:
 * the hardest concept among those known (1 when they know nothing yet).
 * A resource above this level costs extra; one at or below it does not.
 */
export function learnerLevel(graph: KnowledgeGraph, known: Iterable<string>): number {
  let level = 1;
  for (const id of known) level = Math.max(level, graph.concepts.get(id)?.difficulty ?? 1);
  return Math.min(5, level);
}
