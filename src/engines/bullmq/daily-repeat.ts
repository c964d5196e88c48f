/**
 * BullMQ's repeat strategy for Pathwise's daily schedulers. BullMQ computes a
 * scheduler's next run inside the worker's job-fetch loop, one job at a time,
 * with cron-parser and a time-zone library (about 1.5 ms a run on a loaded
 * 2-core machine): at a daily fan-out that, not Redis, caps throughput. The
 * daily pattern Pathwise writes (`m h * * *` + tz) is computed here with
 * cached Intl formatters (src/core/schedule/daily-time.ts) instead, to the
 * same instants, daylight-saving gaps and overlaps included (tested against
 * cron-parser). Any other pattern goes to BullMQ's own strategy.
 *
 * At a fan-out every learner of one zone and hour asks for the same answer
 * within seconds, so the last answer per (zone, hour, minute) is remembered
 * with the instant it was computed from. The memo is exact, not a guess:
 * `next = nextDailyRun(from)` is the first run strictly after `from`, so
 * there is no run in (from, next), and for any `after` in [from, next) the
 * first run strictly after `after` is `next` too.
 */
import { defaultRepeatStrategy, type RepeatOptions } from 'bullmq';
import { nextDailyRun } from '../../core/schedule/daily-time.ts';
import { dailyFromCron } from './job-ids.ts';

/** Distinct (zone, hour, minute) slots remembered at most; the memo starts over past this. */
const MEMO_LIMIT = 10_000;
const memo = new Map<string, { from: number; next: number }>();

export function dailyRepeatStrategy(millis: number, opts: RepeatOptions): number | undefined {
  const daily = dailyFromCron(opts.pattern, opts.tz);
  if (!daily || opts.immediately) return defaultRepeatStrategy(millis, opts);
  const start = opts.startDate ? new Date(opts.startDate).getTime() : 0;
  const after = Math.max(millis, start);
  const slot = `${daily.timezone} ${daily.hour}:${daily.minute ?? 0}`;
  const hit = memo.get(slot);
  if (hit && hit.from <= after && after < hit.next) return hit.next;
  const next = nextDailyRun(new Date(after), daily).getTime();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(slot, { from: after, next });
  return next;
}
