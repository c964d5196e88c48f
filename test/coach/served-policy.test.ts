/**
 * The coach serving the learned policy's pacing and reviews
 * (src/core/sim/advice.ts, flows/policy-advice.ts): after a right answer on
 * a concept whose reading is done, one more question or enough for today;
 * a review question offered on a concept mastered on an earlier day. Each
 * with its one line; none of it marks anything mastered without the mastery
 * rule's evidence. Fixture graph (every concept has 7 questions).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { explainAction, learnedPolicy } from '../../src/core/sim/learned-policy.ts';
import { readPolicyFile } from '../../src/sim/sim-setup.ts';
import type { TeachingPolicy } from '../../src/core/sim/policies.ts';
import { judgeMastery } from '../../src/core/kt/mastery-rule.ts';
import { CoachHarness } from '../support/coach-harness.ts';

const wants = (a: 'quiz' | 'skip'): TeachingPolicy => ({ name: a, revisit: 'all', decide: () => a, explain: explainAction });
const DAY = 24 * 3600 * 1000;

/** The mastery rule's verdict on Programming Basics from the stored record (the default rule, threshold 0.95). */
async function basicsMastered(h: CoachHarness): Promise<boolean> {
  const m = (await h.learner())!.mastery.basics!;
  const c = h.graph.concepts.get('basics')!;
  return judgeMastery({ p: m.p, rightItems: m.rightItems ?? [], sittings: m.sittings ?? 0 }, { difficulty: c.difficulty, quizSize: c.quiz.length }).mastered;
}

/** Today's task, "done", and its quiz answered right (at most `answers` questions). */
async function studyAndAnswerRight(one: CoachHarness, answers = 8): Promise<void> {
  await one.say('today');
  await one.say('done');
  for (let i = 0; i < answers && one.asking; i++) await one.answer(true);
}

describe('the coach serving the policy\'s pacing and reviews', () => {
  let h: CoachHarness | undefined;
  afterEach(async () => {
    await h?.cleanup();
    h = undefined;
  });

  it('asks one more question when the evidence is not there yet, and says mastered only when the rule does', async () => {
    const one = (h = await CoachHarness.create({ teachingPolicy: wants('quiz') }));
    await one.onboard();
    await one.say('today');
    await one.say('done');
    expect(one.asking).toBe(true);
    // Right, wrong, right: two right items of the three the rule wants, so the policy's "one more" is taken.
    await one.answer(true);
    await one.answer(false);
    const third = await one.answer(true);
    expect(third).toMatch(/One more question: the evidence is not there yet \(\d+%, 1 more different question\(s\) right\)\./);
    expect(third).toMatch(/\(4\/4\)/);
    expect(await basicsMastered(one)).toBe(false);
    // Right from here on: one more question each time while the rule is not met, never more than ten in one quiz; "mastered" only with the evidence.
    let asked = 4;
    for (let said = ''; one.asking && asked <= 10; asked++) {
      said = await one.answer(true);
      const mastered = await basicsMastered(one);
      expect(/You've mastered Programming Basics/.test(said)).toBe(mastered);
      if (one.asking) expect(said).toMatch(/One more question: the evidence is not there yet/);
      if (one.asking) expect(mastered).toBe(false);
    }
    expect(one.asking).toBe(false);
    expect(asked).toBeLessThanOrEqual(11);
  });

  it('ends the quiz after a right answer when the policy says enough for today, crediting nothing; a miss or an unread concept leaves the quiz as planned', async () => {
    const one = (h = await CoachHarness.create({ teachingPolicy: wants('skip') }));
    await one.onboard();
    // Before the reading: the rules' quiz of three goes on.
    await one.say('quiz me');
    await one.answer(true);
    expect(one.asking).toBe(true);
    await one.answer(false);
    await one.answer(true);
    expect(one.asking).toBe(false);
    await one.say('today');
    await one.say('done');
    // After a miss: no pacing, the next question comes.
    await one.answer(false);
    expect(one.asking).toBe(true);
    const right = await one.answer(true);
    expect(right).toMatch(/Moving on for now; we'll come back to this one in a later session\./);
    expect(right).toMatch(/Quiz done: 1\/2 right/);
    expect(one.asking).toBe(false);
    expect((await basicsMastered(one))).toBe(false);
  });

  it('offers a review question on a concept mastered on an earlier day, with its reason, and not again the same day', async () => {
    const one = (h = await CoachHarness.create({ teachingPolicy: wants('quiz') }));
    await one.onboard();
    await studyAndAnswerRight(one);
    expect((await basicsMastered(one))).toBe(true);
    expect(await one.say('today')).not.toMatch(/review question/i);
    one.clock.advance(DAY);
    const today = await one.say('today');
    expect(today).toMatch(/🔁 Also: one question on Programming Basics\. A review question: you've shown you know this, and I'm checking it stuck\./);
    const asked = await one.press('Review Programming Basics');
    expect(asked).toMatch(/One review question on Programming Basics[\s\S]*\(1\/1\)/);
    await one.answer(true);
    expect(one.asking).toBe(false);
    expect(await one.say('today')).not.toMatch(/review question/i);
  });

  it("reads the budget used from this plan alone: minutes and answers from a learner's earlier goals do not spend it", async () => {
    const seen: number[] = [];
    const policy: TeachingPolicy = { name: 'watch', revisit: 'all', decide: (o) => (seen.push(o.budgetUsed), 'quiz'), explain: explainAction };
    const one = (h = await CoachHarness.create({ teachingPolicy: policy }));
    await one.onboard();
    // A learner who studied for weeks on an earlier goal, with hundreds of answers on concepts this plan does not hold.
    const me = (await one.learner())!;
    await one.store.putLearner({ ...me, stats: { ...me.stats, minutesSpent: 50_000 }, mastery: { ...me.mastery, 'old-topic': { ...me.mastery.basics!, attempts: 400 } } }, me.version);
    await studyAndAnswerRight(one, 3);
    expect(seen.length).toBeGreaterThan(0);
    // One resource done out of the plan and a few answers: far from spent.
    expect(Math.max(...seen)).toBeLessThan(0.6);
  });

  it('offers the review question once a day: a second "today" the same day shows the task alone, and the next day offers it again', async () => {
    const one = (h = await CoachHarness.create({ teachingPolicy: wants('quiz') }));
    await one.onboard();
    await studyAndAnswerRight(one);
    one.clock.advance(DAY);
    expect(await one.say('today')).toMatch(/🔁 Also: one question on Programming Basics/);
    // "done" in between does not bring it back the same day.
    await one.say('done');
    for (let i = 0; i < 8 && one.asking; i++) await one.answer(true);
    const again = await one.say('today');
    expect(again).toMatch(/📌 Today:/);
    expect(again).not.toMatch(/Also: one question/);
    one.clock.advance(DAY);
    expect(await one.say('today')).toMatch(/🔁 Also: one question on Programming Basics/);
  });

  it('with the shipped policy, a learner who answers everything right hears "mastered" only when the rule says so, and every pacing line follows a right answer', async () => {
    const one = (h = await CoachHarness.create({ teachingPolicy: learnedPolicy(readPolicyFile()!.weights) }));
    await one.onboard();
    await one.say('today');
    await one.say('done');
    const said: string[] = [];
    for (let day = 0; day < 4 && !(await basicsMastered(one)); day++) {
      if (!one.asking) await one.say('quiz me on programming basics');
      for (let i = 0; i < 11 && one.asking; i++) {
        const r = await one.answer(true);
        said.push(r);
        expect(/You've mastered Programming Basics/.test(r)).toBe(await basicsMastered(one));
      }
      one.clock.advance(DAY);
    }
    expect(await basicsMastered(one)).toBe(true);
    for (const r of said) if (/One more question|Moving on for now/.test(r)) expect(r).toMatch(/✅ Right!/);
  });

  it('without a policy: no extra question, no early end, no review offer', async () => {
    const one = (h = await CoachHarness.create({}));
    await one.onboard();
    await one.say('today');
    await one.say('done');
    await one.answer(true);
    await one.answer(false);
    const end = await one.answer(true);
    expect(end).toMatch(/Quiz done: 2\/3 right/);
    one.clock.advance(DAY);
    expect(await one.say('today')).not.toMatch(/review question/i);
  });
});
