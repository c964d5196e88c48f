/**
 * The streak a learner sees in `progress`: the stored count while it is
 * current (last active today or yesterday in their zone), 0 with the day
 * they were last active once it has broken. Driven through the coach.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CoachHarness } from '../support/coach-harness.ts';

let h: CoachHarness | undefined;
afterEach(async () => h?.cleanup());

/** An onboarded learner whose stored streak is `streakDays`, last active on `lastActiveDay` (a date in `timezone`). */
async function learnerWith(streakDays: number, lastActiveDay: string, timezone = 'Europe/Berlin'): Promise<CoachHarness> {
  h = await CoachHarness.create({ timezone });
  await h.onboard();
  const r = (await h.learner())!;
  await h.store.putLearner({ ...r, settings: { ...r.settings, timezone }, stats: { ...r.stats, streakDays, lastActiveDay } }, r.version);
  return h;
}

describe('progress: the streak shown', () => {
  it('a learner last active 6 days ago sees streak 0 and when they were last active, not the stored 10', async () => {
    const c = await learnerWith(10, '2026-03-03');
    c.clock.set('2026-03-09T09:00:00Z'); // Monday 10:00 in Berlin
    const text = await c.command('progress');
    expect(text).toContain('🔥 streak 0 (last active Tue 2026-03-03)');
    expect(text).not.toContain('10-day streak');
    // Asking is not studying: the stored streak is untouched, and studying today starts a new one.
    expect((await c.learner())!.stats).toMatchObject({ streakDays: 10, lastActiveDay: '2026-03-03' });
  });

  it('a learner last active yesterday keeps their streak (they can still extend it today)', async () => {
    const c = await learnerWith(10, '2026-03-08');
    c.clock.set('2026-03-09T09:00:00Z');
    expect(await c.command('progress')).toContain('🔥 10-day streak');
  });

  it('"yesterday" is the learner\'s own: in Los Angeles on Sunday evening, Saturday is yesterday though it is Monday in UTC', async () => {
    const c = await learnerWith(6, '2026-03-07', 'America/Los_Angeles');
    c.clock.set('2026-03-09T03:00:00Z'); // Sunday 8th 20:00 PDT
    expect(await c.command('progress')).toContain('🔥 6-day streak');
    c.clock.set('2026-03-09T08:00:00Z'); // Monday 9th 01:00 PDT: Sunday went by without them
    expect(await c.command('progress')).toContain('🔥 streak 0 (last active Sat 2026-03-07)');
  });

  it('a learner who types their quiz answers (as in the terminal, or "b" in Slack) builds a streak, day after day', async () => {
    const c = await learnerWith(0, '2026-03-01');
    for (const [i, day] of ['2026-03-07', '2026-03-08', '2026-03-09'].entries()) {
      c.clock.set(`${day}T09:00:00Z`);
      await c.say('quiz me');
      expect(c.asking, `a question on day ${i + 1}`).toBe(true);
      await c.say(c.answerLetter(true).toLowerCase()); // typed, not pressed
    }
    expect((await c.learner())!.stats).toMatchObject({ streakDays: 3, lastActiveDay: '2026-03-09' });
    expect(await c.command('progress')).toContain('🔥 3-day streak');
  });

  it('flying west keeps the streak: a Tokyo learner who studied on their Monday and moves to Los Angeles, where it is still Sunday, does not restart at 1', async () => {
    const c = await learnerWith(10, '2026-03-08', 'Asia/Tokyo');
    c.clock.set('2026-03-09T00:30:00Z'); // Monday 9th 09:30 in Tokyo
    await c.say('quiz me');
    await c.say(c.answerLetter(true).toLowerCase());
    expect((await c.learner())!.stats).toMatchObject({ streakDays: 11, lastActiveDay: '2026-03-09' });
    c.clock.set('2026-03-09T03:00:00Z'); // landed: Sunday 8th 20:00 in Los Angeles
    await c.say('settings timezone=America/Los_Angeles');
    await c.say('quiz me');
    expect(c.asking).toBe(true);
    await c.say(c.answerLetter(true).toLowerCase());
    // Their Sunday here is a day they already counted (Monday in Tokyo came after it): nothing lost, nothing added twice.
    expect((await c.learner())!.stats).toMatchObject({ streakDays: 11, lastActiveDay: '2026-03-09' });
    expect(await c.command('progress')).toContain('🔥 11-day streak');
    c.clock.set('2026-03-10T03:00:00Z'); // Monday 9th 20:00 in Los Angeles: studying today goes on from there
    await c.say('quiz me');
    await c.say(c.answerLetter(true).toLowerCase());
    c.clock.set('2026-03-11T03:00:00Z'); // Tuesday 10th
    await c.say('quiz me');
    await c.say(c.answerLetter(true).toLowerCase());
    expect((await c.learner())!.stats).toMatchObject({ streakDays: 12, lastActiveDay: '2026-03-10' });
  });
});
