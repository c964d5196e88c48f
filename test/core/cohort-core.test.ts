/**
 * The pure pieces behind cohort summaries, on hand-worked cases: weekly runs
 * across a daylight-saving change, and the summary's arithmetic and privacy
 * floor. (The chart is drawn in src/pictures/, tested in test/pictures/.)
 */
import { describe, expect, it } from 'vitest';
import { summarizeCohort, summarizeWeek, weekBefore, type MemberSnapshot } from '../../src/core/cohort/cohort-summary.ts';
import { latestWeeklyRun, nextWeeklyRun } from '../../src/core/schedule/weekly-time.ts';
import { learnerRecord } from '../contracts/learner-store.contract.ts';

describe('nextWeeklyRun', () => {
  it('finds the next Monday 09:00 in Berlin, across the spring clock change', () => {
    // Sunday 2026-03-29 is the change to summer time (UTC+2).
    expect(nextWeeklyRun(new Date('2026-03-24T12:00:00Z'), { weekday: 1, hour: 9, timezone: 'Europe/Berlin' }).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(nextWeeklyRun(new Date('2026-03-02T08:00:00Z'), { weekday: 1, hour: 9, timezone: 'Europe/Berlin' }).toISOString()).toBe('2026-03-09T08:00:00.000Z');
  });

  it('a Saturday 23:00 in America/Nuuk, which the spring change skips, runs at 00:00 Sunday as Saturday\'s; Sunday\'s runs at 23:00 Sunday, once', () => {
    // 2026-03-28 (a Saturday): the clock goes from 22:59 to 00:00 on the 29th. Saturday's 23:00 comes at that 00:00 and is
    // Saturday's run (dailyRunDate), not a Sunday one: Saturday gets its summary, and Sunday does not get two.
    const sat = { weekday: 6, hour: 23, timezone: 'America/Nuuk' };
    const sun = { weekday: 0, hour: 23, timezone: 'America/Nuuk' };
    expect(nextWeeklyRun(new Date('2026-03-25T12:00:00Z'), sat).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(nextWeeklyRun(new Date('2026-03-29T01:00:00Z'), sat).toISOString()).toBe('2026-04-05T00:00:00.000Z');
    expect(nextWeeklyRun(new Date('2026-03-28T12:00:00Z'), sun).toISOString()).toBe('2026-03-30T00:00:00.000Z');
  });
});

describe('latestWeeklyRun', () => {
  it('is the run at or before the moment: the same instant at a run, the week before just before it, across DST and a gap at midnight', () => {
    const mon = { weekday: 1, hour: 9, timezone: 'Europe/Berlin' };
    expect(latestWeeklyRun(new Date('2026-03-30T07:00:00Z'), mon).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(latestWeeklyRun(new Date('2026-03-30T06:59:59Z'), mon).toISOString()).toBe('2026-03-23T08:00:00.000Z');
    expect(latestWeeklyRun(new Date('2026-04-07T12:00:00Z'), mon).toISOString()).toBe('2026-04-06T07:00:00.000Z');
    const sat = { weekday: 6, hour: 23, timezone: 'America/Nuuk' };
    expect(latestWeeklyRun(new Date('2026-04-01T12:00:00Z'), sat).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
});

describe('summarizeCohort', () => {
  const now = new Date('2026-03-04T12:00:00Z');
  const member = (id: string, share: boolean, done: number, of: number, correct: number, attempts: number): MemberSnapshot => ({
    learnerId: `slack:W1:${id}`,
    share,
    record: learnerRecord(`slack:W1:${id}`, {
      displayName: id,
      mastery: { sql: { p: correct / attempts, attempts, correct, wrongStreak: 0, updatedAt: now.toISOString() } },
      plan: {
        createdAt: now.toISOString(),
        totalCost: of,
        optimal: true,
        steps: Array.from({ length: of }, (_, i) => ({ resourceId: `r${i}`, concepts: ['sql'], minutes: 10, reason: '', status: i < done ? ('done' as const) : ('todo' as const), ...(i < done ? { doneAt: '2026-03-03T10:00:00Z' } : {}) })),
      },
      stats: { minutesSpent: 0, streakDays: 5, lastActiveDay: '2026-03-03' },
    }),
    weekAttempts: [{ learnerId: `slack:W1:${id}`, itemId: 'sql-q1', conceptId: 'sql', correct: true, at: '2026-03-04T09:00:00Z' }],
  });

  it('bands progress, pools failure rates, counts days and names only those who opted in', () => {
    const s = summarizeCohort([member('a', true, 4, 4, 1, 4), member('b', false, 1, 4, 3, 4), member('c', false, 0, 4, 4, 8)], now);
    expect(s.progress.bands).toEqual([1, 1, 0, 0, 1]);
    // Σcorrect = 8, Σattempts = 16: half of the answers wrong.
    expect(s.hardest).toEqual([{ conceptId: 'sql', members: 3, failRate: 0.5, meanMastery: (0.25 + 0.75 + 0.5) / 3 }]);
    expect(s.activityByDay).toEqual([0, 0, 0, 0, 0, 2, 3]);
    expect(s.milestones).toEqual({ stepsDone: 5, finishedPlan: 1, named: [{ user: 'a', name: 'a', note: 'finished their plan' }] });
    expect(s.optedIn.map((m) => m.name)).toEqual(['a']);
  });

  it('shows no aggregate for fewer than three members', () => {
    const s = summarizeCohort([member('a', false, 4, 4, 1, 4), member('b', false, 1, 4, 3, 4)], now);
    expect(s.aggregates).toBe(false);
    expect([s.activeThisWeek, s.hardest, s.progress.bands, s.milestones.stepsDone]).toEqual([0, [], [0, 0, 0, 0, 0], 0]);
    // Every other figure too (both members answered, have 5-day streaks, and a finished a plan): none is one person's.
    expect([s.activityByDay, s.streaks, s.milestones.finishedPlan, s.progress.notStarted, s.milestones.named]).toEqual([[0, 0, 0, 0, 0, 0, 0], { onStreak3: 0 }, 0, 0, []]);
  });
});

describe('summarizeCohort: the cohort\'s own days', () => {
  /** Three members who each answered once at `at` (an instant with its offset). */
  const trio = (at: string): MemberSnapshot[] =>
    ['a', 'b', 'c'].map((id) => ({
      learnerId: `slack:W1:${id}`,
      share: false,
      record: learnerRecord(`slack:W1:${id}`, { stats: { minutesSpent: 0, streakDays: 1, lastActiveDay: null } }),
      weekAttempts: [{ learnerId: `slack:W1:${id}`, itemId: 'sql-q1', conceptId: 'sql', correct: true, at: new Date(at).toISOString() }],
    }));

  it('Los Angeles: an answer at 23:30 on Sunday (Monday 07:30 UTC) counts on Sunday, and the week ends on the local date', () => {
    // Monday 2026-03-02 09:00 in Los Angeles (UTC−8) is 17:00 UTC; the answers came the evening before.
    const s = summarizeCohort(trio('2026-03-01T23:30:00-08:00'), new Date('2026-03-02T17:00:00Z'), 'America/Los_Angeles');
    expect(s.days).toEqual(['2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(s.activityByDay).toEqual([0, 0, 0, 0, 0, 3, 0]);
    expect([s.timeZone, s.zoneFallback]).toEqual(['America/Los_Angeles', false]);
    // Asked on Sunday 20:00 there (Monday 04:00 UTC): the week ends on Sunday, not on the UTC Monday.
    const sunday = summarizeCohort(trio('2026-03-01T19:00:00-08:00'), new Date('2026-03-02T04:00:00Z'), 'America/Los_Angeles');
    expect(sunday.days.at(-1)).toBe('2026-03-01');
    expect(sunday.activityByDay).toEqual([0, 0, 0, 0, 0, 0, 3]);
  });

  it('a week across the spring clock change still has 7 local days, each counted from its local midnight', () => {
    // Los Angeles moves to UTC−7 on Sunday 2026-03-08. Asked on Tuesday 10th at 09:00 local (16:00 UTC).
    const now = new Date('2026-03-10T16:00:00Z');
    const atFirstMidnight = summarizeCohort(trio('2026-03-04T00:00:00-08:00'), now, 'America/Los_Angeles');
    expect(atFirstMidnight.days).toEqual(['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
    expect(atFirstMidnight.activityByDay).toEqual([3, 0, 0, 0, 0, 0, 0]);
    expect(summarizeCohort(trio('2026-03-03T23:59:00-08:00'), now, 'America/Los_Angeles').activityByDay).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(summarizeCohort(trio('2026-03-08T23:30:00-07:00'), now, 'America/Los_Angeles').activityByDay).toEqual([0, 0, 0, 0, 3, 0, 0]);
  });

  it('a week across the autumn clock change (a 25-hour Sunday) has 7 local days too', () => {
    // Los Angeles goes back to UTC−8 on Sunday 2026-11-01 at 02:00. Asked on Tuesday 3rd at 09:00 local (17:00 UTC).
    const now = new Date('2026-11-03T17:00:00Z');
    const second0130 = summarizeCohort(trio('2026-11-01T01:30:00-08:00'), now, 'America/Los_Angeles');
    expect(second0130.days).toEqual(['2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03']);
    expect(second0130.activityByDay).toEqual([0, 0, 0, 0, 3, 0, 0]);
    expect(summarizeCohort(trio('2026-11-01T23:30:00-08:00'), now, 'America/Los_Angeles').activityByDay).toEqual([0, 0, 0, 0, 3, 0, 0]);
    expect(summarizeCohort(trio('2026-10-27T23:30:00-07:00'), now, 'America/Los_Angeles').activityByDay).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('a streak counts only while the member was last active today or yesterday in their own zone, whatever the window', () => {
    // Cohort in Tokyo, asked Monday 2026-03-09 09:00 there (00:00 UTC): Sunday 8th 17:00 in Los Angeles (PDT).
    const now = new Date('2026-03-09T00:00:00Z');
    const inZone = (id: string, timezone: string, lastActiveDay: string, streakDays = 4, share = false): MemberSnapshot => {
      const record = learnerRecord(`slack:W1:${id}`, { displayName: id.toUpperCase(), stats: { minutesSpent: 0, streakDays, lastActiveDay } });
      return { learnerId: `slack:W1:${id}`, share, record: { ...record, settings: { ...record.settings, timezone } }, weekAttempts: [] };
    };
    // a: Los Angeles, last active Saturday 7th, their yesterday (Tokyo's day before yesterday): keeps 4.
    // b: Tokyo, last active Tuesday 3rd, six days ago but inside the window: its stored 10 shows as 0.
    // c: Tokyo, last active yesterday: keeps 4. None answered or finished a step, so none is "active".
    const members = [inZone('a', 'America/Los_Angeles', '2026-03-07'), inZone('b', 'Asia/Tokyo', '2026-03-03', 10, true), inZone('c', 'Asia/Tokyo', '2026-03-08')];
    const asked = summarizeCohort(members, now, 'Asia/Tokyo');
    expect([asked.activeThisWeek, asked.streaks]).toEqual([0, { onStreak3: 2 }]);
    expect(asked.optedIn.map((m) => [m.name, m.streakDays])).toEqual([['B', 0]]);
    // The weekly post for Monday 9th, composed at its 09:00: the same rule, the same figures.
    const post = summarizeWeek(members, weekBefore('2026-03-09', 'Asia/Tokyo'), now);
    expect([post.streaks, post.optedIn.map((m) => m.streakDays)]).toEqual([{ onStreak3: 2 }, [0]]);
    // A Los Angeles member last active on their Friday 6th missed their Saturday: 0, though Friday is in the window.
    expect(summarizeCohort([inZone('a', 'America/Los_Angeles', '2026-03-06'), members[1]!, members[2]!], now, 'Asia/Tokyo').streaks).toEqual({ onStreak3: 1 });
  });

  it('a cohort without a zone counts UTC days and says so', () => {
    for (const zone of [undefined, '', 'Not/AZone']) {
      const s = summarizeCohort(trio('2026-03-01T23:30:00-08:00'), new Date('2026-03-02T17:00:00Z'), zone);
      expect([s.timeZone, s.zoneFallback, s.days.at(-1), s.activityByDay.at(-1)]).toEqual(['UTC', true, '2026-03-02', 3]);
    }
  });
});

describe('weekBefore: the scheduled post\'s 7 full local days', () => {
  const answeredAt = (at: string): MemberSnapshot[] =>
    ['a', 'b', 'c'].map((id) => ({
      learnerId: `slack:W1:${id}`,
      share: false,
      record: learnerRecord(`slack:W1:${id}`, { stats: { minutesSpent: 0, streakDays: 1, lastActiveDay: null } }),
      weekAttempts: [{ learnerId: `slack:W1:${id}`, itemId: 'sql-q1', conceptId: 'sql', correct: true, at }],
    }));
  const HOUR = 3600_000;

  it('consecutive weeks tile: each ends at the midnight where the next begins, and an instant falls in exactly one', () => {
    const runs = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06'];
    const weeks = runs.map((d) => weekBefore(d, 'Europe/Berlin'));
    for (let i = 1; i < weeks.length; i++) expect(weeks[i]!.from.getTime()).toBe(weeks[i - 1]!.until.getTime());
    // Monday 9th 10:00 in Berlin: in the week before the 16th only.
    const t = '2026-03-09T09:00:00.000Z';
    const counted = runs.map((d) => summarizeWeek(answeredAt(t), weekBefore(d, 'Europe/Berlin'), new Date(`${d}T08:00:00Z`)).activeThisWeek);
    expect(counted).toEqual([0, 0, 3, 0, 0, 0]);
  });

  it('a week with a clock change has 7 local days: 167 hours in spring, 169 in autumn', () => {
    const spring = weekBefore('2026-03-30', 'Europe/Berlin');
    expect(spring.days).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
    expect([spring.from.toISOString(), spring.until.toISOString()]).toEqual(['2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(spring.until.getTime() - spring.from.getTime()).toBe(167 * HOUR);
    const autumn = weekBefore('2026-10-26', 'Europe/Berlin');
    expect(autumn.days.at(-1)).toBe('2026-10-25');
    expect(autumn.until.getTime() - autumn.from.getTime()).toBe(169 * HOUR);
    // Sunday 25th 23:30 CET (22:30 UTC) is the week's last day; Monday 26th 00:30 CET is not in it.
    expect(summarizeWeek(answeredAt('2026-10-25T22:30:00.000Z'), autumn, autumn.until).activityByDay).toEqual([0, 0, 0, 0, 0, 0, 3]);
    expect(summarizeWeek(answeredAt('2026-10-25T23:30:00.000Z'), autumn, autumn.until).activityByDay).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('says it is a full week, not "up to now"', () => {
    expect(weekBefore('2026-03-09', 'UTC').upToNow).toBe(false);
    expect(summarizeWeek(answeredAt('2026-03-08T12:00:00.000Z'), weekBefore('2026-03-09', 'UTC'), new Date('2026-03-09T08:00:00Z')).upToNow).toBe(false);
    expect(summarizeCohort(answeredAt('2026-03-08T12:00:00.000Z'), new Date('2026-03-09T08:00:00Z'), 'UTC').upToNow).toBe(true);
  });
});
