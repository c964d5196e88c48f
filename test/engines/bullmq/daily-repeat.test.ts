/**
 * The daily repeat strategy against BullMQ's own (cron-parser): the same next
 * run for every zone, hour and instant tried, except inside a fall-back hour
 * that happens twice, where both fire once that day (see the DST cases in
 * bullmq.scheduler.test.ts).
 */
import fc from 'fast-check';
import { defaultRepeatStrategy } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { localFields, nextDailyRun } from '../../../src/core/schedule/daily-time.ts';
import { dailyRepeatStrategy } from '../../../src/engines/bullmq/daily-repeat.ts';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Sao_Paulo', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Tokyo'];
const START = Date.parse('2026-01-01T00:00:00Z');
const END = Date.parse('2030-12-31T00:00:00Z');

/** True when local hh:mm happens twice on that local day (a fall-back overlap). */
function ambiguous(t: number, tz: string): boolean {
  const f = localFields(new Date(t), tz);
  for (const d of [-3600_000, 3600_000, -1800_000, 1800_000]) {
    const g = localFields(new Date(t + d), tz);
    if (g.hour === f.hour && g.minute === f.minute && g.day === f.day) return true;
  }
  return false;
}

describe('dailyRepeatStrategy', () => {
  it('computes the same next daily run as cron-parser', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: START, max: END }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        (millis, tz, hour, minute) => {
          const opts = { pattern: `${minute} ${hour} * * *`, tz };
          const ours = dailyRepeatStrategy(millis, opts)!;
          const theirs = defaultRepeatStrategy(millis, opts)!;
          if (ours !== theirs && ambiguous(theirs, tz)) return;
          expect(new Date(ours).toISOString()).toBe(new Date(theirs).toISOString());
        },
      ),
      { numRuns: 400, seed: 6 },
    );
  });

  it('remembers the last answer per zone and slot without ever giving a stale one', () => {
    // Instants a few minutes to days apart, in any order, around a DST change:
    // the memo must answer exactly what a fresh computation does.
    const around = Date.parse('2027-03-28T00:30:00Z'); // Europe's spring-forward night
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Kolkata'),
        fc.constantFrom(0, 1, 2, 9),
        (offsets, tz, hour) => {
          for (const o of offsets) {
            const millis = around + o;
            const fresh = nextDailyRun(new Date(millis), { hour, timezone: tz }).getTime();
            expect(dailyRepeatStrategy(millis, { pattern: `0 ${hour} * * *`, tz })).toBe(fresh);
          }
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('honours the start date, and hands other patterns to BullMQ', () => {
    const opts = { pattern: '0 9 * * *', tz: 'Europe/Berlin', startDate: '2027-03-27T12:00:00Z' };
    expect(new Date(dailyRepeatStrategy(Date.parse('2026-12-01T00:00:00Z'), opts)!).toISOString()).toBe('2027-03-28T07:00:00.000Z');
    const weekly = { pattern: '0 9 * * 1', tz: 'UTC' };
    const at = Date.parse('2027-01-06T00:00:00Z'); // a Wednesday
    expect(dailyRepeatStrategy(at, weekly)).toBe(defaultRepeatStrategy(at, weekly));
  });

  it('is cheap: a fan-out computes it once per job in the worker fetch loop', () => {
    const opts = { pattern: '30 9 * * *', tz: 'Asia/Kolkata' };
    const t0 = performance.now();
    for (let i = 0; i < 300; i++) dailyRepeatStrategy(START + i * 997_000, opts);
    const ours = performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < 300; i++) defaultRepeatStrategy(START + i * 997_000, opts);
    const theirs = performance.now() - t1;
    // Loose on purpose (shared machine): at least twice as fast as cron-parser.
    expect(ours * 2).toBeLessThan(theirs);
  });
});
