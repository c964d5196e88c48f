/**
 * One miss is not a pattern: the learned policy may respond to misses (hint,
 * another resource, back to a prerequisite) only from the second miss in a
 * row, by one rule (src/core/sim/advice.ts) that the simulator's shield, the
 * simulated coach and the coach (test/sim/coach-policy.test.ts) all use.
 */
import { describe, expect, it } from 'vitest';
import { adviceAfterMiss, mayStepIn, MIN_STREAK_FOR_ADVICE, servedPolicy } from '../../src/core/sim/advice.ts';
import { ACTIONS, Episode, type Action, type Observation } from '../../src/core/sim/episode.ts';
import { FEATURES, validActions } from '../../src/core/sim/features.ts';
import { drawLearner } from '../../src/core/sim/learner.ts';
import { learnedPolicy } from '../../src/core/sim/learned-policy.ts';
import type { TeachingPolicy } from '../../src/core/sim/policies.ts';
import { seededRng } from '../../src/core/random.ts';
import { crispVariant, observation, twoConceptCourse } from './fixture.ts';

const RESPONSES: readonly Action[] = ['hint', 'substitute', 'remediate'];

/** After `streak` misses in a row on a studied concept with a weak prerequisite and an alternative left. */
function afterMisses(streak: number): Observation {
  return observation({
    concept: 1,
    belief: 0.3,
    attempts: streak,
    wrongStreak: streak,
    recent: [-1, streak >= 2 ? -1 : 0, streak >= 3 ? -1 : 0],
    freshItems: 3,
    prereqs: 1,
    prereqMin: 0.2,
    prereqWeak: 1,
    plannedLeft: 0,
    nextMinutes: 0,
    nextShare: 0,
    studied: 1,
    oracle: { known: false, prereqsKnown: false },
  });
}

const allowed = (o: Observation) => ACTIONS.filter((_, k) => validActions(o)[k]);

/** A learned policy that values remediate, then substitute, then hint above anything else. */
const eager = learnedPolicy(ACTIONS.map((a) => FEATURES.map((f) => (f === 'bias' ? ({ remediate: 30, substitute: 20, hint: 10 } as Record<string, number>)[a] ?? 0 : 0))));

/** Ignores the shield: asks to go back on every decision. */
const alwaysRemediate: TeachingPolicy = { name: 'always', revisit: 'all', decide: () => 'remediate' };

/** Runs one episode on a learner who knows nothing and learns nothing, recording each decision with what the policy saw. */
function decisions(policy: TeachingPolicy, maxDecisions = 400): { o: Observation; a: Action }[] {
  const course = twoConceptCourse();
  const zero = [0, 1, 2, 3, 4].map(() => ({ mean: 1e-9, kappa: 1e9 }));
  const L = drawLearner(course, crispVariant({ resource: zero, practice: zero, hint: zero }), seededRng(3));
  const ep = new Episode(course, L, seededRng(4), { budgetMinutes: 2000, revisit: policy.revisit });
  const seen: { o: Observation; a: Action }[] = [];
  for (let d = 0; d < maxDecisions && !ep.done; d++) {
    const o = ep.observation();
    const a = policy.decide(o);
    seen.push({ o, a });
    ep.act(a);
  }
  return seen;
}

describe('the shield: the learned policy responds to misses only from the second in a row', () => {
  it('after one miss it may only ask again (or move on); from the second it may hint, swap or go back', () => {
    expect(MIN_STREAK_FOR_ADVICE).toBe(2);
    expect(mayStepIn(afterMisses(1))).toBe(false);
    expect(allowed(afterMisses(1))).toEqual(['quiz']);
    expect(allowed(afterMisses(MIN_STREAK_FOR_ADVICE))).toEqual(['substitute', 'remediate', 'skip', 'hint', 'quiz']);
    expect(eager.decide(afterMisses(1))).toBe('quiz');
    expect(eager.decide(afterMisses(2))).toBe('remediate');
  });

  it('in the simulator, a policy that wants nothing else never hints, swaps or goes back after a single miss', () => {
    const seen = decisions(eager);
    const responses = seen.filter((d) => RESPONSES.includes(d.a));
    expect(responses.length).toBeGreaterThan(0);
    for (const d of responses) expect(d.o.wrongStreak).toBeGreaterThanOrEqual(MIN_STREAK_FOR_ADVICE);
    // It did meet single misses, and answered them with another question.
    expect(seen.some((d) => d.o.wrongStreak === 1 && d.a === 'quiz')).toBe(true);
  });

  it('the simulated coach takes advice by the same rule, even from a policy that ignores the shield', () => {
    expect(adviceAfterMiss(alwaysRemediate, afterMisses(1))).toBeNull();
    expect(adviceAfterMiss(alwaysRemediate, afterMisses(2))).toBe('remediate');
    expect(adviceAfterMiss({ ...alwaysRemediate, decide: () => 'hint' }, afterMisses(2))).toBeNull();
    const seen = decisions(servedPolicy(alwaysRemediate));
    const stepsIn = seen.filter((d) => d.a === 'remediate');
    expect(stepsIn.length).toBeGreaterThan(0);
    // Misses made while sent back to a prerequisite count on it too, so a streak can be longer when it is next asked.
    for (const d of stepsIn) expect(d.o.wrongStreak).toBeGreaterThanOrEqual(MIN_STREAK_FOR_ADVICE);
    expect(stepsIn.some((d) => d.o.wrongStreak === MIN_STREAK_FOR_ADVICE)).toBe(true);
    expect(seen.some((d) => d.o.wrongStreak === 1 && d.a === 'quiz')).toBe(true);
  });
});
