/**
 * Weekly runs on top of the daily ones: the first daily run (hour in an IANA
 * zone, daylight-saving safe) after `after` that falls on `weekday` (0 =
 * Sunday) in that zone. At most 8 daily steps.
 */
import { localFields, nextDailyRun } from './daily-time.ts';

export function nextWeeklyRun(after: Date, at: { weekday: number; hour: number; timezone: string }): Date {
  let t = nextDailyRun(after, at);
  for (let i = 0; i < 8; i++) {
    const f = localFields(t, at.timezone);
    if (new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay() === at.weekday) return t;
    t = nextDailyRun(t, at);
  }
  throw new RangeError('no weekly run found within 8 days');
}
