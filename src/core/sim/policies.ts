/**
 * Teaching policies behind one interface: given what the coach can see
 * ({@link Observation}), the next action. The baselines are the coach as
 * written down elsewhere:
 *
 * - `fixed`: the initial plan in order, then 7 quiz items per concept, then
 *   the next concept; later passes quiz every concept 7 times again
 *   (`fixed24`: the same with the issue anchor's 24 items per concept).
 * - `mastery`: the mastery rule (src/core/kt/mastery-rule.ts) in
 *   prerequisite order: study the plan's resources, then quiz until the rule
 *   is met; when only another sitting (or a fresh item) is missing, or after
 *   {@link SITTING_ITEMS} items in one visit, move on and come back on the
 *   next pass.
 * - `rules`: the mastery policy plus the coach's adaptation rules
 *   (src/coach/flows/adapt.ts): after 3 wrong answers in a row, go back to the
 *   weakest prerequisite below the threshold, or else swap the resource (the
 *   planned one again when there is no other).
 * The learned policy is in learned-policy.ts. For scale, an `oracle` that
 * reads the latent state (no coach can) skips what the learner knows, sends
 * them back while a prerequisite is unknown, studies the plan once and then
 * practises: a bound on what any policy could do in this simulator.
 */
import { DEFAULT_MASTERY_THRESHOLD } from '../kt/bkt.ts';
import type { Action, Observation } from './episode.ts';

export interface TeachingPolicy {
  name: string;
  /** Which concepts later passes revisit: the ones not judged mastered, or all (a fixed curriculum). */
  revisit: 'unmastered' | 'all';
  decide(o: Observation): Action;
  /** One line for the learner: why this action. */
  explain?(o: Observation, a: Action): string;
}

/** Quiz items per concept in the fixed curriculum. */
export const FIXED_ITEMS = 7;
/** Most quiz items the coach asks on one concept in one visit before moving on (it comes back). */
export const SITTING_ITEMS = 10;
/** Wrong answers in a row before the rules adapt (the coach's `remediateAfter`). */
export const REMEDIATE_AFTER = 3;

/**
 * Quiz items per concept in the anchor (a toy 8-skill BKT simulation
 * in which the mastery rule needs about 69% fewer practice steps than a fixed
 * 24-items-per-skill order): the `fixed24` comparison row, beside `fixed`.
 */
export const ANCHOR_FIXED_ITEMS = 24;

/** A fixed curriculum: the plan in order, then `items` quiz items per concept, on every pass. */
export function fixedCurriculum(items: number, name = items === FIXED_ITEMS ? 'fixed' : `fixed${items}`): TeachingPolicy {
  return {
    name,
    revisit: 'all',
    decide(o) {
      if (o.plannedLeft > 0 && o.pass === 1) return 'proceed';
      return o.attempts < items ? 'quiz' : 'skip';
    },
  };
}

export const fixedPolicy: TeachingPolicy = fixedCurriculum(FIXED_ITEMS);
/** The anchor's fixed order: 24 items per concept (a comparison row; `fixed` stays the 7). */
export const fixed24Policy: TeachingPolicy = fixedCurriculum(ANCHOR_FIXED_ITEMS);

function masteryStep(o: Observation): Action {
  if (o.mastered) return 'skip';
  if (o.plannedLeft > 0 && o.pass === 1) return 'proceed';
  if (o.attempts >= SITTING_ITEMS) return 'skip';
  const beliefOk = o.belief >= DEFAULT_MASTERY_THRESHOLD;
  if (beliefOk && o.itemsToGo === 0 && o.needsSitting) return 'skip';
  if (o.freshItems === 0) return 'skip';
  return 'quiz';
}

export const masteryPolicy: TeachingPolicy = {
  name: 'mastery',
  revisit: 'unmastered',
  decide: masteryStep,
};

export const rulesPolicy: TeachingPolicy = {
  name: 'rules',
  revisit: 'unmastered',
  decide(o) {
    if (!o.mastered && o.wrongStreak >= REMEDIATE_AFTER) return o.prereqWeak > 0 ? 'remediate' : 'substitute';
    return masteryStep(o);
  },
};

export const oraclePolicy: TeachingPolicy = {
  name: 'oracle',
  revisit: 'all',
  decide(o) {
    if (o.oracle.known) return 'skip';
    if (!o.oracle.prereqsKnown && o.prereqs > 0 && o.visitRemediations < 1) return 'remediate';
    if (o.plannedLeft > 0) return 'proceed';
    if (o.freshItems > 0 && o.attempts < SITTING_ITEMS) return 'quiz';
    return o.studied < 3 && o.visitSubstitutes < 1 ? 'substitute' : 'skip';
  },
};
