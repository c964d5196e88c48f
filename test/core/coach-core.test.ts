/**
 * Hand-worked cases for the pure pieces the coach stands on: local time in
 * IANA zones, FSRS ratings from answers, edit distance, input cleaning, the
 * keyed mutex.
 */
import { describe, expect, it } from 'vitest';
import { dailyRunDate, isValidTimeZone, localDate, nextDailyRun, previousDate, zonedTimeToInstant } from '../../src/core/schedule/daily-time.ts';
import { gradeFor, reviewCard } from '../../src/core/review/review-cards.ts';
import { closestNames, editDistance } from '../../src/core/text/edit-distance.ts';
import { cleanInput } from '../../src/core/text/clean-input.ts';
import { KeyedMutex } from '../../src/coach/keyed-mutex.ts';
import { Rating } from 'ts-fsrs';

describe('daily time in IANA zones', () => {
  it('finds the next local hour, strictly after, across days and zones', () => {
    expect(nextDailyRun(new Date('2026-01-10T06:00:00Z'), { hour: 9, timezone: 'Europe/Berlin' }).toISOString()).toBe('2026-01-10T08:00:00.000Z');
    expect(nextDailyRun(new Date('2026-01-10T08:00:00Z'), { hour: 9, timezone: 'Europe/Berlin' }).toISOString()).toBe('2026-01-11T08:00:00.000Z');
    expect(nextDailyRun(new Date('2026-01-10T23:30:00Z'), { hour: 9, minute: 30, timezone: 'Asia/Kolkata' }).toISOString()).toBe('2026-01-11T04:00:00.000Z');
    expect(nextDailyRun(new Date('2026-12-31T20:00:00Z'), { hour: 8, timezone: 'America/Los_Angeles' }).toISOString()).toBe('2027-01-01T16:00:00.000Z');
  });

  it('handles the New York spring gap and autumn repeat', () => {
    // 2026-03-08 02:00 does not exist in New York: 02:30 lands just after the gap (03:30 EDT).
    expect(zonedTimeToInstant(2026, 3, 8, 2, 30, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 2026-11-01 01:30 happens twice: the earlier (EDT) one.
    expect(zonedTimeToInstant(2026, 11, 1, 1, 30, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(nextDailyRun(new Date('2026-03-07T15:00:00Z'), { hour: 9, timezone: 'America/New_York' }).toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });

  it('resolves a repeated hour to the earlier instant east of UTC too', () => {
    // Berlin 2026-10-25: 03:00 CEST goes back to 02:00 CET, so 02:30 is 00:30Z (CEST) and 01:30Z (CET).
    expect(zonedTimeToInstant(2026, 10, 25, 2, 30, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // Lord Howe moves by half an hour: 2026-04-05 02:00 (+11) back to 01:30 (+10:30); 01:45 is 14:45Z and 15:15Z the day before.
    expect(zonedTimeToInstant(2026, 4, 5, 1, 45, 'Australia/Lord_Howe').toISOString()).toBe('2026-04-04T14:45:00.000Z');
    // Spring gap in Berlin (2026-03-29 02:00 → 03:00): 02:30 lands just after it, 03:30 CEST.
    expect(zonedTimeToInstant(2026, 3, 29, 2, 30, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // And the daily run on the repeated-hour day fires once, at the first 02:30.
    expect(nextDailyRun(new Date('2026-10-24T12:00:00Z'), { hour: 2, minute: 30, timezone: 'Europe/Berlin' }).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it.each([
    // Gaps that end at midnight: the clock goes from 22:59 to 00:00 (tz 2025c, Node 20). A daily time in the gap runs at the
    // first instant after it, on the next local date, and is still the run of the day it was meant for.
    ['America/Nuuk', 23, 0, '2026-03-29T01:00:00.000Z', '2026-03-28'],
    ['America/Nuuk', 23, 30, '2026-03-29T01:30:00.000Z', '2026-03-28'],
    ['America/Nuuk', 23, 0, '2027-03-28T01:00:00.000Z', '2027-03-27'],
    ['America/Scoresbysund', 23, 0, '2026-03-29T01:00:00.000Z', '2026-03-28'],
    // Gaps that start at midnight (00:00 → 01:00): 00:30 runs at 01:30 the same local date.
    ['America/Santiago', 0, 30, '2026-09-06T04:30:00.000Z', '2026-09-06'],
    ['Asia/Beirut', 0, 0, '2026-03-28T22:00:00.000Z', '2026-03-29'],
    ['Africa/Cairo', 0, 0, '2026-04-23T22:00:00.000Z', '2026-04-24'],
    ['America/Havana', 0, 15, '2026-03-08T05:15:00.000Z', '2026-03-08'],
    ['Atlantic/Azores', 0, 0, '2026-03-29T01:00:00.000Z', '2026-03-29'],
    // Ordinary days and the day before and after a gap keep the local date of the run.
    ['America/Nuuk', 23, 0, '2026-03-28T01:00:00.000Z', '2026-03-27'],
    ['America/Nuuk', 23, 0, '2026-03-30T00:00:00.000Z', '2026-03-29'],
    ['Europe/Berlin', 2, 30, '2026-03-29T01:30:00.000Z', '2026-03-29'],
    ['Asia/Tokyo', 9, 0, '2026-03-29T00:00:00.000Z', '2026-03-29'],
  ])('a daily run in %s at %i:%i at %s is the run of %s', (timezone, hour, minute, runAt, day) => {
    const at = { hour, minute, timezone };
    // The instant is the schedule's run (not made up here), then it is named for the day it was meant for.
    expect(nextDailyRun(new Date(Date.parse(runAt) - 1), at).toISOString()).toBe(runAt);
    expect(dailyRunDate(new Date(runAt), at)).toBe(day);
  });

  it('names the run of every local date once, across a year of each zone whose gap skips the hour', () => {
    // One run per local date, none named twice, none missing, in every zone with a gap at or around midnight (and 23:xx slots).
    for (const [timezone, hour, minute] of [['America/Nuuk', 23, 0], ['America/Nuuk', 23, 30], ['America/Scoresbysund', 23, 0], ['America/Santiago', 0, 0], ['Asia/Beirut', 0, 30], ['Africa/Cairo', 0, 0], ['America/Havana', 0, 0], ['Atlantic/Azores', 0, 0], ['Europe/Berlin', 2, 30]] as const) {
      const at = { hour, minute, timezone };
      const days: string[] = [];
      for (let t = new Date('2026-01-01T12:00:00Z'), i = 0; i < 366; i++) days.push(dailyRunDate((t = nextDailyRun(t, at)), at));
      const skipped = days.slice(1).filter((day, i) => previousDate(day) !== days[i]);
      expect(skipped, `${timezone} ${hour}:${minute}`).toEqual([]);
    }
  });

  it('knows local dates, previous dates and valid zones', () => {
    expect(localDate(new Date('2026-03-02T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-03');
    expect(localDate(new Date('2026-03-02T23:30:00Z'), 'UTC')).toBe('2026-03-02');
    expect(previousDate('2026-03-01')).toBe('2026-02-28');
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    for (const bad of ['Mars/Base', '+02:00', '', '{"$gt": ""}', 'x'.repeat(100)]) expect(isValidTimeZone(bad)).toBe(false);
  });
});

describe('FSRS ratings from answers', () => {
  it('maps wrong → Again, right → Good, fast → Easy, slow → Hard', () => {
    expect(gradeFor(false, 1000)).toBe(Rating.Again);
    expect(gradeFor(true)).toBe(Rating.Good);
    expect(gradeFor(true, 3000)).toBe(Rating.Easy);
    expect(gradeFor(true, 30_000)).toBe(Rating.Good);
    expect(gradeFor(true, 120_000)).toBe(Rating.Hard);
  });

  it('schedules a known interval history (FSRS-6 defaults, no fuzz, no short-term steps)', () => {
    const item = { learnerId: 'a', itemId: 'q', conceptId: 'c' };
    const t0 = new Date('2026-01-01T10:00:00Z');
    const first = reviewCard(null, item, Rating.Good, t0);
    expect(first.due).toBe('2026-01-04T10:00:00.000Z');
    const second = reviewCard(first, item, Rating.Good, new Date(first.due));
    expect(second.due).toBe('2026-01-18T10:00:00.000Z');
    const lapse = reviewCard(second, item, Rating.Again, new Date(second.due));
    expect(lapse.due).toBe('2026-01-20T10:00:00.000Z');
    expect(lapse.card).toMatchObject({ reps: 3, lapses: 1 });
    expect(reviewCard(null, item, Rating.Again, t0).due).toBe('2026-01-02T10:00:00.000Z');
  });
});

describe('text helpers', () => {
  it('computes edit distance and close names', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(closestNames('plna', ['plan', 'progress', 'today'])).toEqual(['plan']);
    expect(closestNames('prog', ['plan', 'progress'])).toEqual(['progress']);
    expect(closestNames('zzzzzz', ['plan', 'help'])).toEqual([]);
  });

  it('cleans input and refuses what has no words', () => {
    expect(cleanInput('  learn\n\tdocker ')).toEqual({ ok: true, text: 'learn docker' });
    expect(cleanInput('\u001b[31mred\u001b[0m')).toEqual({ ok: true, text: 'red' });
    expect(cleanInput('')).toEqual({ ok: false, reason: 'empty' });
    expect(cleanInput('🎉🎉')).toEqual({ ok: false, reason: 'no-words' });
    expect(cleanInput('a'.repeat(2001))).toEqual({ ok: false, reason: 'too-long' });
  });
});

describe('keyed mutex', () => {
  it('runs one job per key at a time, in order, and other keys alongside', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const job = (k: string, i: number, ms: number) =>
      m.run(k, async () => {
        log.push(`start ${k}${i}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${k}${i}`);
        if (i === 2) throw new Error('boom');
        return i;
      });
    const results = await Promise.allSettled([job('a', 1, 20), job('a', 2, 5), job('a', 3, 1), job('b', 1, 1)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const a = log.filter((l) => l.endsWith('a1') || l.endsWith('a2') || l.endsWith('a3'));
    expect(a).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
    await m.idle();
  });
});
