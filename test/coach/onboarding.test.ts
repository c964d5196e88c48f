/**
 * First contact: goal (confident match, unsure → candidate buttons, nothing
 * → say so), self-assessment priors, minutes, hour, time zone confirmation,
 * then the plan and the daily job at the learner's local hour.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SELF_ASSESSMENT_PRIOR } from '../../src/core/kt/bkt.ts';
import { localFields } from '../../src/core/schedule/daily-time.ts';
import { buttonsOf, CoachHarness } from '../support/coach-harness.ts';

describe('onboarding', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  it('walks a new learner from a goal in free text to a plan and a daily job', async () => {
    h = await CoachHarness.create({ timezone: 'America/New_York' });
    expect(await h.say('hello')).toMatch(/I'm Pathwise/);
    expect(buttonsOf(h.last).map((b) => b.label)).toEqual(['Data Analyst', 'DevOps Engineer']);
    const goal = await h.say('I want to become a data analyst');
    expect(goal).toMatch(/Goal: Data Analyst/);
    expect(goal).toMatch(/How well do you know Programming Basics\?/);
    // "Well" is checked, not believed: a short placement quiz; three right settle it early.
    expect(await h.press('Well')).toMatch(/a few questions on Programming Basics, so I start you in the right place/);
    expect(h.last.length).toBe(1);
    await h.answer(true);
    await h.answer(true);
    expect(await h.answer(true)).toMatch(/Placement: 3\/3 right\. I'll start you at \d+% on Programming Basics[\s\S]*How well do you know/);
    // "A bit", then two misses: the check stops and starts the learner low.
    await h.press('A bit');
    await h.answer(false);
    expect(await h.answer(false)).toMatch(/Placement: 0\/2 right/);
    await h.press('Not at all');
    expect(await h.learner()).toMatchObject({ onboarding: 'minutes' });
    const l = (await h.learner())!;
    expect(l.mastery.basics!.p).toBeGreaterThan(SELF_ASSESSMENT_PRIOR.solid);
    const [, some, none] = Object.keys(l.mastery);
    expect(l.mastery[some!]!.p).toBeLessThan(SELF_ASSESSMENT_PRIOR.some);
    expect(l.mastery[none!]!.p).toBe(SELF_ASSESSMENT_PRIOR.none);
    expect((await h.store.listAttempts(h.learnerId)).length).toBe(5);

    expect(await h.say('45')).toMatch(/At what hour/);
    expect(await h.say('7pm')).toMatch(/time zone looks like America\/New_York/);
    expect(await h.say('Mars/Base')).toMatch(/don't know that time zone/);
    const done = await h.say('Europe/Berlin');
    expect(done).toMatch(/All set\. I'll check in every day at 19:00 \(Europe\/Berlin\)/);
    expect(done).toMatch(/Your path to Data Analyst/);
    expect(done).toMatch(/Today: /);

    const learner = (await h.learner())!;
    expect(learner).toMatchObject({ onboarding: 'done', goals: ['data-analyst'], settings: { minutesPerDay: 45, dailyHour: 19, timezone: 'Europe/Berlin' } });
    expect(learner.plan!.steps.length).toBeGreaterThan(0);
    const [daily] = await h.scheduler.list(`learner:${h.learnerId}:daily`);
    expect(daily?.payload).toEqual({ type: 'daily-task', learnerId: h.learnerId, to: h.from });
    expect(localFields(daily!.next!, 'Europe/Berlin')).toMatchObject({ hour: 19, minute: 0 });
  });

  it('takes the goal from a first-ever /goal <text> instead of asking again', async () => {
    h = await CoachHarness.create();
    const first = await h.command('goal', 'devops');
    expect(first).toMatch(/I'm Pathwise/);
    expect(first).toMatch(/Goal: DevOps Engineer/);
    expect(await h.learner()).toMatchObject({ goals: ['devops-engineer'] });
  });

  it('an answered quiz question is replaced in place by its result', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    await h.command('quiz');
    expect(h.asking).toBe(true);
    await h.answer(true);
    expect(h.last.every((r) => r.replaceOriginal === true)).toBe(true);
  });

  it('offers candidates as buttons when unsure, and says so when nothing fits', async () => {
    h = await CoachHarness.create();
    await h.say('hi');
    const none = await h.say('underwater basket weaving');
    expect(none).toMatch(/couldn't match that/);
    expect(buttonsOf(h.last).map((b) => b.label)).toContain('DevOps Engineer');
    expect((await h.learner())!.goals).toEqual([]);
    await h.press('DevOps Engineer');
    expect((await h.learner())!.goals).toEqual(['devops-engineer']);
  });

  it('takes a goal from the very first message and lets commands wait until setup is done', async () => {
    h = await CoachHarness.create();
    const first = await h.say('I want to learn docker');
    expect(first).toMatch(/I'm Pathwise/);
    expect(first).toMatch(/Goal: (Docker|DevOps Engineer)/);
    expect(await h.say('plan')).toMatch(/finish setting you up first/);
    expect(await h.say('help')).toMatch(/\/pathwise forget-me/);
  });

  it('changes the goal later and keeps done steps done', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    await h.say('done');
    while (h.asking) await h.answer(true);
    // A goal exists, so a new one is never taken silently: add it, or switch?
    expect(await h.command('goal', 'devops')).toMatch(/Add DevOps Engineer to your goals, or switch from Data Analyst to DevOps Engineer\?/);
    expect((await h.learner())!.goals).toEqual(['data-analyst']);
    const changed = await h.press('Switch to DevOps');
    expect(changed).toMatch(/Switched from Data Analyst to DevOps Engineer/);
    const l = (await h.learner())!;
    expect(l.goals).toEqual(['devops-engineer']);
    expect(l.plan!.steps.find((s) => s.resourceId === 'basics-course')?.status).toBe('done');
    expect(l.plan!.steps.some((s) => s.resourceId === 'docker-course' && s.status === 'todo')).toBe(true);
  });
});

describe('replies in shared channels', () => {
  it('are ephemeral, so only the learner sees their plan', async () => {
    const h = await CoachHarness.create();
    try {
      const replies = await h.coach.handle({ kind: 'text', from: h.from, text: 'hi', inChannel: true });
      expect(replies.every((r) => r.ephemeral === true)).toBe(true);
      expect((await h.coach.handle({ kind: 'text', from: h.from, text: 'hi' }))[0]?.ephemeral).toBeUndefined();
    } finally {
      await h.cleanup();
    }
  });
});
