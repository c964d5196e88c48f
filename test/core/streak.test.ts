/**
 * The streak as people are shown it (src/core/activity/streak.ts), on
 * hand-worked dates: the stored count while the learner's last active day,
 * in their own zone, is today or yesterday there; 0 once it has broken.
 */
import { describe, expect, it } from 'vitest';
import { shownStreak } from '../../src/core/activity/streak.ts';

const stats = (streakDays: number, lastActiveDay: string | null) => ({ streakDays, lastActiveDay });

describe('shownStreak', () => {
  // Monday 2026-03-09 10:00 in Berlin.
  const now = new Date('2026-03-09T09:00:00Z');

  it('keeps the count on the day of the last activity and the day after, and shows 0 once a whole day was missed', () => {
    expect(shownStreak(stats(10, '2026-03-09'), now, 'Europe/Berlin')).toBe(10);
    expect(shownStreak(stats(10, '2026-03-08'), now, 'Europe/Berlin')).toBe(10);
    expect(shownStreak(stats(10, '2026-03-07'), now, 'Europe/Berlin')).toBe(0);
    // Last active six days ago (Tuesday 3rd): the stored 10 is history, not a streak.
    expect(shownStreak(stats(10, '2026-03-03'), now, 'Europe/Berlin')).toBe(0);
  });

  it('reads "today" in the learner\'s own zone, not UTC\'s or a cohort\'s', () => {
    // 00:00 UTC on Monday 9th is Sunday 8th 17:00 in Los Angeles (PDT since the 8th): their yesterday is Saturday 7th.
    const mondayInTokyo = new Date('2026-03-09T00:00:00Z');
    expect(shownStreak(stats(4, '2026-03-07'), mondayInTokyo, 'America/Los_Angeles')).toBe(4);
    expect(shownStreak(stats(4, '2026-03-07'), mondayInTokyo, 'Asia/Tokyo')).toBe(0);
    expect(shownStreak(stats(4, '2026-03-06'), mondayInTokyo, 'America/Los_Angeles')).toBe(0);
  });

  it('is 0 for someone never active, counts UTC days for a zone this runtime does not know, and keeps a last day after today', () => {
    expect(shownStreak(stats(0, null), now, 'Europe/Berlin')).toBe(0);
    expect(shownStreak(stats(3, '2026-03-08'), now, 'Not/AZone')).toBe(3);
    expect(shownStreak(stats(3, '2026-03-07'), now, 'Not/AZone')).toBe(0);
    // A day later than today (the last activity in a zone ahead of the one asked about): the streak is alive.
    expect(shownStreak(stats(3, '2026-03-10'), now, 'Europe/Berlin')).toBe(3);
  });
});
