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
 *
 * Beside that, the coach takes two more of the policy's decisions, the ones
 * the simulator shows carry its gain (README, "What the coach serves"):
 * - pacing after a right answer, once the concept's planned resources are
 *   studied and the rule does not yet say mastered: one more question, or
 *   move on for today and come back ({@link pacingAfterRight});
 * - a review question on a concept the rule says is mastered, at most one a
 *   session and not in the session it was last asked ({@link reviewNow}).
 * Neither credits anything: mastery still needs the mastery rule's evidence.
 * Asking before the reading (a pre-test, then skipping it) is not served:
 * in the simulator it gained nothing over the rules.
 */
import { QUIZ_MINUTES } from './episode.ts';
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

/** The pacing the coach takes from the policy after a right answer: ask one more question now, or move on and come back. */
export type PacingAction = 'quiz' | 'skip';

/**
 * The policy's pacing after a right answer, as the coach takes it: only on a
 * concept the rule does not yet call mastered, once its planned resources
 * are studied (or on a later pass); null to leave it to the rules, and null
 * unless the policy says quiz or skip.
 */
export function pacingAfterRight(policy: TeachingPolicy, o: Observation): PacingAction | null {
  if (o.mastered || o.recent[0] !== 1 || (o.plannedLeft > 0 && o.pass === 1)) return null;
  const a = policy.decide(o);
  return a === 'quiz' || a === 'skip' ? a : null;
}

/**
 * Whether the coach asks a review question on a concept the rule calls
 * mastered: none asked on it yet this visit, not asked this session, and the
 * policy says quiz. A right answer credits nothing new; a wrong one can take
 * the verdict back (the rule reads the belief).
 */
export function reviewNow(policy: TeachingPolicy, o: Observation): boolean {
  return o.mastered && o.attempts === 0 && o.sessionsSinceAsked >= 1 && policy.decide(o) === 'quiz';
}

/**
 * What the coach serves with a learned policy: the adaptation rules
 * (`rules`: the mastery rule in prerequisite order, three misses → go back or
 * swap), with the policy's advice taken right after a miss whenever
 * {@link adviceAfterMiss} gives one (src/coach/flows/adapt.ts), its pacing
 * after a right answer ({@link pacingAfterRight}, src/coach/flows/quiz.ts),
 * and its review questions on mastered concepts ({@link reviewNow},
 * src/coach/flows/today.ts). Mastered concepts are visited again on later
 * passes (`revisit: 'all'`) so that a review can be asked; the rules alone
 * would skip them.
 */
export function servedPolicy(policy: TeachingPolicy, name = 'coach'): TeachingPolicy {
  return {
    name,
    revisit: 'all',
    decide(full) {
      // The policy decides from what the coach can know, not from the simulator's fuller reading.
      const o = asTheCoachSees(full);
      if (o.mastered) return reviewNow(policy, o) ? 'quiz' : 'skip';
      const advice = o.recent[0] === -1 ? adviceAfterMiss(policy, o) : null;
      return advice ?? pacingAfterRight(policy, o) ?? rulesPolicy.decide(full);
    },
    explain: policy.explain ?? (() => ''),
  };
}

/**
 * An observation as the coach can make it from a learner's record
 * (src/coach/flows/policy-advice.ts): what the record does not keep is read
 * at the values the coach gives it (no evidence before or after study, a
 * first pass, nothing done this visit, the session as if just begun), so the
 * simulator's `coach` row measures the decisions the coach would take, not
 * ones it could not. Two it works out from the record: the share of the
 * course the rule calls mastered, and the minutes studied and answered
 * against twice the plan's (the simulator's budget; {@link coachBudgetUsed}).
 */
export function asTheCoachSees(o: Observation): Observation {
  return {
    ...o,
    concept: 0,
    concepts: 1,
    visitHints: 0,
    visitSubstitutes: 0,
    visitRemediations: 0,
    pass: 1,
    pretestRight: COACH_PRETEST_RIGHT,
    studiedRight: COACH_STUDIED_RIGHT,
    sessionLeft: 1,
  };
}

/**
 * The share of the budget used, as the coach works it out from a record:
 *   (minutes studied + QUIZ_MINUTES · answers) / (2 · the plan's minutes),
 * the simulator's budget being twice the plan's minutes (evaluate.ts
 * `defaultBudget`); 0 without a plan.
 */
export function coachBudgetUsed(minutesStudied: number, answers: number, planMinutes: number): number {
  return planMinutes > 0 ? (minutesStudied + QUIZ_MINUTES * answers) / (2 * planMinutes) : 0;
}

/** The rate of right answers before study the coach assumes: not kept in the record, so read as no evidence (1 in 4). */
export const COACH_PRETEST_RIGHT = 0.25;
/** The rate of right answers after study the coach assumes: not kept in the record, so read as no evidence (½). */
export const COACH_STUDIED_RIGHT = 0.5;
