/**
 * The coach serving a teaching policy (flows/policy-advice.ts): asked after
 * a miss, it may step in before the three-miss rule, its one line first;
 * without one, the rules alone decide (fixture graph, never shipped content).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { teachingPolicyFor } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { coachBudgetUsed, MIN_STREAK_FOR_ADVICE } from '../../src/core/sim/advice.ts';
import { POLICY_VERSION } from '../../src/core/sim/learned-policy.ts';
import { readPolicyFile } from '../../src/sim/sim-setup.ts';
import type { TeachingPolicy } from '../../src/core/sim/policies.ts';
import { rulesPolicy } from '../../src/core/sim/policies.ts';
import { CoachHarness } from '../support/coach-harness.ts';
import { fixtureGraphWithNotes } from '../support/fixture-graph.ts';

const alwaysRemediate: TeachingPolicy = {
  name: 'test',
  revisit: 'all',
  decide: () => 'remediate',
  explain: (o) => `The policy steps in after ${o.wrongStreak} miss(es).`,
};

describe('the coach with a teaching policy', () => {
  let h: CoachHarness | undefined;
  afterEach(async () => {
    await h?.cleanup();
    h = undefined;
  });

  it('follows its advice from the second miss in a row (the simulator\'s rule), sooner than the rules, and says why in one line', async () => {
    const one = (h = await CoachHarness.create({ teachingPolicy: alwaysRemediate }));
    await one.onboard();
    await one.say('quiz me');
    // One miss is not a pattern: the quiz goes on, whatever the policy would like.
    let misses = 0;
    let said = '';
    while (misses < 5 && !/in a row/.test(said)) {
      said = await one.answer(false);
      misses++;
      if (misses < MIN_STREAK_FOR_ADVICE) expect(one.asking).toBe(true);
    }
    expect(misses).toBe(MIN_STREAK_FOR_ADVICE);
    expect(said).toMatch(/You've missed 2 in a row on Programming Basics/);
    // One line says why: the move's own, not the policy's as well.
    expect(said).not.toMatch(/The policy steps in/);
    expect((await one.learner())!.mastery.basics!.wrongStreak).toBe(0);
  });

  it('takes the move the policy advises: another resource when it says swap, the weak prerequisite when it says go back', async () => {
    const said: Record<string, string> = {};
    for (const action of ['substitute', 'remediate'] as const) {
      const one = (h = await CoachHarness.create({ teachingPolicy: { ...alwaysRemediate, decide: () => action } }));
      await one.onboard();
      // Pandas builds on Python (unknown here) and has two resources: both moves are open.
      await one.say('quiz me on pandas');
      let text = '';
      for (let i = 0; i < 5 && !/in a row/.test(text); i++) text = await one.answer(false);
      said[action] = text;
      await one.cleanup();
      h = undefined;
    }
    // Pandas Course is not studied yet: the swap is not taken (misses before it say nothing of it); at three the rules go back to Python.
    expect(said.substitute).not.toMatch(/may not suit you|another way in/);
    expect(said.substitute).toMatch(/missed 3 in a row on Pandas\. That usually means a gap underneath: Python/);
    expect(said.remediate).toMatch(/missed 2 in a row on Pandas\. That usually means a gap underneath: Python/);
  });

  it('takes the swap for a resource the learner has studied: the quiz after "done" on Programming Basics goes badly', async () => {
    const one = (h = await CoachHarness.create({ graph: fixtureGraphWithNotes(), teachingPolicy: { ...alwaysRemediate, decide: () => 'substitute' } }));
    await one.onboard();
    expect(await one.say('done')).toMatch(/Short quiz on Programming Basics/);
    await one.answer(false);
    expect(await one.answer(false)).toMatch(/missed 2 in a row on Programming Basics, so Programming Basics Course may not suit you\. Here's another way in: Basics Notes/);
    expect((await one.learner())!.plan!.excluded).toEqual(['basics-course']);
  });

  it('tells the policy what another way in would cost, read from the graph: the other resource, else the same one again at half', async () => {
    const seen: Record<string, [number, number]> = {};
    for (const [concept, ask] of [['pandas', 'quiz me on pandas'], ['basics', 'quiz me']] as const) {
      const recorder: TeachingPolicy = { ...alwaysRemediate, decide: (o) => ((seen[concept] ??= [o.swapMinutes, o.swapShare]), 'quiz') };
      const one = (h = await CoachHarness.create({ teachingPolicy: recorder }));
      await one.onboard();
      await one.say(ask);
      for (let i = 0; i < MIN_STREAK_FOR_ADVICE; i++) await one.answer(false);
      const planned = (await one.learner())!.plan!.steps.find((s) => s.concepts.includes(concept))!.resourceId;
      if (concept === 'pandas') expect(seen.pandas).toEqual([planned === 'pandas-video' ? 30 : 45, 1]);
      await one.cleanup();
      h = undefined;
    }
    // Basics has one resource, a 30-minute course: going through it again is half of it.
    expect(seen.basics).toEqual([15, 0.5]);
  });

  it("tells the policy the course's progress, worked out from the record: concepts mastered, and minutes studied and answered against twice the plan's", async () => {
    let seen: [number, number] | undefined;
    const recorder: TeachingPolicy = { ...alwaysRemediate, decide: (o) => ((seen ??= [o.courseMastered, o.budgetUsed]), 'quiz') };
    const one = (h = await CoachHarness.create({ teachingPolicy: recorder }));
    await one.onboard();
    await one.say('quiz me');
    for (let i = 0; i < MIN_STREAK_FOR_ADVICE; i++) await one.answer(false);
    const l = (await one.learner())!;
    const answers = Object.values(l.mastery).reduce((n, m) => n + m.attempts, 0);
    expect(answers).toBe(MIN_STREAK_FOR_ADVICE);
    const planMinutes = l.plan!.steps.reduce((n, s) => n + s.minutes, 0);
    expect(seen).toEqual([0, coachBudgetUsed(l.stats.minutesSpent, answers, planMinutes)]);
    expect(seen![1]).toBeGreaterThan(0);
  });

  it('leaves it to the rules when the policy advises anything else, or when there is none', async () => {
    for (const teachingPolicy of [{ ...rulesPolicy, decide: () => 'quiz' as const }, undefined]) {
      const one = await CoachHarness.create(teachingPolicy ? { teachingPolicy } : {});
      await one.onboard();
      await one.say('quiz me');
      expect(await one.answer(false)).not.toMatch(/in a row/);
      await one.cleanup();
    }
  });
});

describe('the shipped policy file', () => {
  it('is of the version this build reads, and the default configuration serves it', () => {
    const config = loadConfig({});
    expect(readPolicyFile(config.teachingPolicyFile!)?.version).toBe(POLICY_VERSION);
    expect(teachingPolicyFor(config)?.name).toBe('learned');
  });
});
