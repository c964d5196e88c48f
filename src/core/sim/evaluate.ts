/**
 * Runs a policy over a population of simulated learners and summarises it,
 * each figure with a 95% percentile bootstrap interval over learners.
 *
 * Learner k of seed S is drawn from seed mix(S, k) and taught with its own
 * stream mix(S, k, 1), so every policy meets the same learners (common random
 * numbers: differences between policies are not differences in luck).
 */
import { seededRng, type Rng } from '../random.ts';
import type { Course } from './course.ts';
import { Episode, type EpisodeResult } from './episode.ts';
import { drawLearner } from './learner.ts';
import type { TeachingPolicy } from './policies.ts';
import type { SimVariant } from './variants.ts';

/** A seed for stream (s, k, j): a small integer hash (splitmix-style), so nearby seeds give unrelated streams. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Default budget for a course: twice the minutes of its initial plan. */
export function defaultBudget(course: Course): number {
  return 2 * course.planMinutes;
}

/** One learner through one episode; `onStep` sees each decision (for training data). */
export function runEpisode(
  course: Course,
  variant: SimVariant,
  policy: TeachingPolicy,
  seed: number,
  learnerIndex: number,
  budgetMinutes: number,
  maxDecisions = 100_000,
): EpisodeResult {
  const learner = drawLearner(course, variant, seededRng(mixSeed(seed, learnerIndex)));
  const ep = new Episode(course, learner, seededRng(mixSeed(seed, learnerIndex, 1)), { budgetMinutes, revisit: policy.revisit });
  for (let d = 0; d < maxDecisions && !ep.done; d++) ep.act(policy.decide(ep.observation()));
  return ep.result();
}

export interface Interval {
  mean: number;
  lo: number;
  hi: number;
}

export interface PolicySummary {
  policy: string;
  learners: number;
  /**
   * Minutes and steps to true mastery of every concept. A learner who never
   * gets there within the budget counts as the whole budget (minutes) and
   * their steps at the end, whether the coach stopped early or not: stopping
   * short of mastery must not look fast.
   */
  minutesToMastery: Interval;
  stepsToMastery: Interval;
  /** Share of learners who reached true mastery of every concept within the budget. */
  reachedMastery: Interval;
  /** Share of concepts truly known at the end. */
  finalMastery: Interval;
  /** Of the concepts the coach judges mastered at the end, the share the learner does not know. */
  falseMastery: Interval;
  /** Minutes actually spent (the policy may finish before the budget). */
  minutesSpent: Interval;
}

export function evaluatePolicy(course: Course, variant: SimVariant, policy: TeachingPolicy, learners: number, seed: number, budgetMinutes = defaultBudget(course)): PolicySummary {
  const results: EpisodeResult[] = [];
  for (let k = 0; k < learners; k++) results.push(runEpisode(course, variant, policy, seed, k, budgetMinutes));
  return summarise(policy.name, results, seededRng(mixSeed(seed, 0x5eed)));
}

/** Per-learner figures into means with bootstrap intervals (1,000 resamples). */
export function summarise(name: string, results: readonly EpisodeResult[], rng: Rng, resamples = 1000): PolicySummary {
  const col = (f: (r: EpisodeResult) => number) => results.map(f);
  const minutes = col((r) => r.masteryMinutes ?? Math.max(r.budget, r.minutes));
  const steps = col((r) => r.masterySteps ?? r.steps);
  const reached = col((r) => (r.masteryMinutes === null ? 0 : 1));
  const final = col((r) => r.finalMastery);
  const spent = col((r) => r.minutes);
  const claimed = col((r) => r.claimed);
  const falses = col((r) => r.falseClaims);
  const idx = new Int32Array(results.length);
  const draws = Array.from({ length: resamples }, () => {
    for (let k = 0; k < idx.length; k++) idx[k] = Math.floor(rng() * idx.length);
    return idx.slice();
  });
  const ratioMean = (num: number[], den: number[]) => (ix: ArrayLike<number>) => {
    let a = 0;
    let b = 0;
    for (let k = 0; k < ix.length; k++) {
      a += num[ix[k]!]!;
      b += den[ix[k]!]!;
    }
    return b === 0 ? 0 : a / b;
  };
  const mean = (xs: number[]) => ratioMean(xs, xs.map(() => 1));
  const all = Int32Array.from(results.map((_, k) => k));
  const interval = (stat: (ix: ArrayLike<number>) => number): Interval => {
    const boot = draws.map(stat).sort((a, b) => a - b);
    return { mean: stat(all), lo: boot[Math.floor(0.025 * (boot.length - 1))] ?? NaN, hi: boot[Math.ceil(0.975 * (boot.length - 1))] ?? NaN };
  };
  return {
    policy: name,
    learners: results.length,
    minutesToMastery: interval(mean(minutes)),
    stepsToMastery: interval(mean(steps)),
    reachedMastery: interval(mean(reached)),
    finalMastery: interval(mean(final)),
    falseMastery: interval(ratioMean(falses, claimed)),
    minutesSpent: interval(mean(spent)),
  };
}
