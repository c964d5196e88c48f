/**
 * What the coach serves of the learned policy (src/core/sim/advice.ts
 * `servedPolicy`, the same functions the coach calls): the rules, the
 * policy's advice from the second miss in a row, its pacing after a right
 * answer once the reading is done, and a review question on a mastered
 * concept at most once a session. Never a question before the reading in
 * place of the rules, and never mastery without the rule's evidence.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config.ts';
import { coachBudgetUsed, pacingAfterRight, reviewNow, servedPolicy } from '../../src/core/sim/advice.ts';
import { Episode, type Action, type Observation } from '../../src/core/sim/episode.ts';
import { evaluatePolicy } from '../../src/core/sim/evaluate.ts';
import { drawLearner } from '../../src/core/sim/learner.ts';
import { learnedPolicy } from '../../src/core/sim/learned-policy.ts';
import { rulesPolicy, type TeachingPolicy } from '../../src/core/sim/policies.ts';
import { seededRng } from '../../src/core/random.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';
import { courseFor, readPolicyFile, variantByName } from '../../src/sim/sim-setup.ts';
import { crispVariant, twoConceptCourse } from './fixture.ts';

/** Wants a question on every decision, or to move on on every decision. */
const alwaysQuiz: TeachingPolicy = { name: 'quiz', revisit: 'all', decide: () => 'quiz' };
const alwaysSkip: TeachingPolicy = { name: 'skip', revisit: 'all', decide: () => 'skip' };

/** One episode on the two-concept fixture with a learner who learns, each decision with what was seen and what the mastery rule said after it. */
function decisions(policy: TeachingPolicy, seed: number, maxDecisions = 600): { o: Observation; a: Action; masteredAfter: boolean; evidenceAfter: boolean }[] {
  const course = twoConceptCourse();
  const ep = new Episode(course, drawLearner(course, crispVariant(), seededRng(seed)), seededRng(seed + 1), { budgetMinutes: 3000, revisit: policy.revisit });
  const seen: { o: Observation; a: Action; masteredAfter: boolean; evidenceAfter: boolean }[] = [];
  for (let d = 0; d < maxDecisions && !ep.done; d++) {
    const o = ep.observation();
    const a = policy.decide(o);
    ep.act(a);
    const v = ep.verdict(o.concept);
    seen.push({ o, a, masteredAfter: v.mastered, evidenceAfter: v.itemsToGo === 0 && !v.needsSitting && ep.belief(o.concept) >= 0.95 });
  }
  return seen;
}

describe('what the coach serves of the learned policy, in the simulator', () => {
  it('before the reading is done it does what the rules do: no question in place of the reading, no skipping it', () => {
    for (const p of [alwaysQuiz, alwaysSkip]) {
      const before = decisions(servedPolicy(p), 5).filter((d) => !d.o.mastered && d.o.plannedLeft > 0 && d.o.pass === 1);
      expect(before.length).toBeGreaterThan(0);
      for (const d of before) expect(d.a).toBe(rulesPolicy.decide(d.o));
    }
  });

  it('after a right answer on a studied concept it takes the policy\'s "one more" or "move on"; after a miss it does not', () => {
    const more = decisions(servedPolicy(alwaysQuiz), 6);
    const moveOn = decisions(servedPolicy(alwaysSkip), 6);
    const afterRight = (ds: typeof more) => ds.filter((d) => !d.o.mastered && d.o.recent[0] === 1 && !(d.o.plannedLeft > 0 && d.o.pass === 1));
    expect(afterRight(moveOn).length).toBeGreaterThan(0);
    for (const d of afterRight(moveOn)) expect(d.a).toBe('skip');
    for (const d of afterRight(more)) expect(d.a).toBe('quiz');
    // A miss (one, so no advice yet) leaves it to the rules, whatever the policy would like.
    const afterMiss = moveOn.filter((d) => !d.o.mastered && d.o.recent[0] === -1 && d.o.wrongStreak === 1);
    for (const d of afterMiss) expect(d.a).toBe(rulesPolicy.decide(d.o));
    expect(pacingAfterRight(alwaysQuiz, { ...afterRight(more)[0]!.o, mastered: true })).toBeNull();
  });

  it('asks at most one review question on a mastered concept per visit, never in the session it was last asked', () => {
    const ds = decisions(servedPolicy(alwaysQuiz), 7);
    const onMastered = ds.filter((d) => d.o.mastered);
    const reviews = onMastered.filter((d) => d.a === 'quiz');
    expect(reviews.length).toBeGreaterThan(0);
    for (const d of reviews) {
      expect(d.o.attempts).toBe(0);
      expect(d.o.sessionsSinceAsked).toBeGreaterThanOrEqual(1);
    }
    for (const d of onMastered) if (d.a !== 'quiz') expect(d.a).toBe('skip');
    expect(reviewNow(alwaysSkip, reviews[0]!.o)).toBe(false);
  });

  it('moving on never credits mastery: the rule says mastered only with its evidence (belief, three right items, sittings)', () => {
    for (const p of [alwaysQuiz, alwaysSkip]) {
      for (const seed of [8, 9, 10]) {
        const ds = decisions(servedPolicy(p), seed);
        for (const d of ds) if (d.masteredAfter) expect(d.evidenceAfter).toBe(true);
        // Skipping after a right answer leaves an unmastered concept unmastered.
        for (const d of ds) if (d.a === 'skip' && !d.o.mastered) expect(d.masteredAfter).toBe(false);
      }
    }
  });

  it('with the shipped policy, on a shipped goal, the served coach, deciding from what the coach can know, needs at least 5% fewer minutes than the rules, with no more false mastery', () => {
    const file = readPolicyFile();
    expect(file).not.toBeNull();
    const { graph } = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps'));
    const course = courseFor(graph, 'backend-developer');
    const v = variantByName('standard');
    const rules = evaluatePolicy(course, v, rulesPolicy, 60, 1);
    const coach = evaluatePolicy(course, v, servedPolicy(learnedPolicy(file!.weights)), 60, 1);
    expect(coach.minutesToMastery.mean).toBeLessThan(0.95 * rules.minutesToMastery.mean);
    expect(coach.falseMastery.mean).toBeLessThanOrEqual(rules.falseMastery.mean);
  });

  it("works out the budget used as the coach can: minutes studied plus 1.5 an answer, against twice the plan's minutes", () => {
    expect(coachBudgetUsed(60, 10, 100)).toBe(0.375);
    expect(coachBudgetUsed(60, 10, 0)).toBe(0);
  });

  it('decides only from what the coach can know: what the record does not keep cannot change a served decision', () => {
    const seen: string[] = [];
    const progress: [number, number][] = [];
    const recorder: TeachingPolicy = {
      name: 'rec',
      revisit: 'all',
      decide: (o) => (seen.push(JSON.stringify([o.pretestRight, o.studiedRight, o.pass, o.sessionLeft])), progress.push([o.courseMastered, o.budgetUsed]), 'quiz'),
    };
    for (const { o } of decisions(servedPolicy(recorder), 3, 200)) void o;
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([JSON.stringify([0.25, 0.5, 1, 1])]));
    // The course's progress the coach works out from the record (policy-advice.ts) is read as it is.
    expect(progress.some(([, b]) => b > 0)).toBe(true);
    expect(progress.every(([c, b]) => c >= 0 && c <= 1 && b >= 0)).toBe(true);
  });
});
