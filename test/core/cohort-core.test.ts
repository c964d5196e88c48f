/**
 * The pure pieces behind cohort summaries, on hand-worked cases: weekly runs
 * across a daylight-saving change, and the summary's arithmetic and privacy
 * floor. (The chart is drawn in src/pictures/, tested in test/pictures/.)
 */
import { describe, expect, it } from 'vitest';
import { summarizeCohort, type MemberSnapshot } from '../../src/core/cohort/cohort-summary.ts';
import { nextWeeklyRun } from '../../src/core/schedule/weekly-time.ts';
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
  });
});
