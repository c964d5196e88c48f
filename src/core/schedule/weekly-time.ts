/**
 * Weekly runs on top of the daily ones: the first daily run (hour in an IANA
 * zone, daylight-saving safe) after `after` that is the run of a `weekday`
 * (0 = Sunday) in that zone. The weekday is that of the local date the run
 * is for ({@link dailyRunDate}), not of the instant: a Saturday 23:00 that a
 * spring-forward gap ending at midnight pushes to 00:00 Sunday (America/Nuuk,
 * 2026-03-28) is still Saturday's run. At most 8 daily steps.
 */
import { dailyRunDate, nextDailyRun } from './daily-time.ts';

export function nextWeeklyRun(after: Date, at: { weekday: number; hour: number; timezone: string }): Date {
  let t = nextDailyRun(after, at);
  for (let i = 0; i < 8; i++) {
    if (new Date(`${dailyRunDate(t, at)}T00:00:00Z`).getUTCDay() === at.weekday) return t;
    t = nextDailyRun(t, at);
  }
  throw new RangeError('no weekly run found within 8 days');
}

/**
 * The latest weekly run at or before `atOrBefore` (the last of the runs after
 * a point 8 days back; at most two steps of {@link nextWeeklyRun}).
 */
export function latestWeeklyRun(atOrBefore: Date, at: { weekday: number; hour: number; timezone: string }): Date {
  let last = nextWeeklyRun(new Date(atOrBefore.getTime() - 8 * 86_400_000), at);
  for (let t = nextWeeklyRun(last, at); t.getTime() <= atOrBefore.getTime(); t = nextWeeklyRun(t, at)) last = t;
  return last;
}
