/**
 * When the learned teaching policy may step in after a miss, and what the
 * coach serves of it: one definition for the simulator's shield
 * (features.ts `validActions`), the coach (src/coach/flows/policy-advice.ts)
 * and the simulated coach ({@link servedPolicy}), so the simulator measures
 * what the coach does.
 *
 * The rule: one miss is not a pattern. The policy may hint, swap the resource
 * or go back to a prerequisite only from {@link MIN_STREAK_FOR_ADVICE} wrong
 * answers in a row on the concept (the adaptation rules wait for three).
 */
import type { Observation } from './observation.ts';
import { rulesPolicy, type TeachingPolicy } from './policies.ts';

/** Wrong answers in a row on a concept before the learned policy may respond to them. */
export const MIN_STREAK_FOR_ADVICE = 2;

/** Whether the learned policy may respond to misses now: hint, substitute or remediate. */
export function mayStepIn(o: Pick<Observation, 'wrongStreak'>): boolean {
  return o.wrongStreak >= MIN_STREAK_FOR_ADVICE;
}

/** The moves the coach takes from the policy after a miss. */
export type AdviceAction = 'remediate' | 'substitute';

/**
 * The policy's advice after a miss, as the coach takes it: null before the
 * second miss in a row, and null unless the policy says go back or swap
 * (everything else stays with the rules).
 */
export function adviceAfterMiss(policy: TeachingPolicy, o: Observation): AdviceAction | null {
  if (!mayStepIn(o)) return null;
  const a = policy.decide(o);
  return a === 'remediate' || a === 'substitute' ? a : null;
}

/**
 * What the coach serves with a learned policy: the adaptation rules
 * (`rules`: the mastery rule in prerequisite order, three misses → go back or
 * swap), with the policy's advice taken right after a miss whenever
 * {@link adviceAfterMiss} gives one (src/coach/flows/adapt.ts).
 */
export function servedPolicy(policy: TeachingPolicy, name = 'coach'): TeachingPolicy {
  return {
    name,
    revisit: rulesPolicy.revisit,
    decide(o) {
      const advice = !o.mastered && o.recent[0] === -1 ? adviceAfterMiss(policy, o) : null;
      return advice ?? rulesPolicy.decide(o);
    },
    explain: policy.explain ?? (() => ''),
  };
}
