/**
 * BullMQ's repeat strategy for Pathwise's daily schedulers. BullMQ computes a
 * scheduler's next run inside the worker's job-fetch loop, one job at a time,
 * with cron-parser and a time-zone library (about 1.5 ms a run on a loaded
 * 2-core machine): at a daily fan-out that, not Redis, caps throughput. The
 * daily pattern Pathwise writes (`m h * * *` + tz) is computed here with
 * cached Intl formatters (src/core/schedule/daily-time.ts) instead, to the
 * same instants, daylight-saving gaps and overlaps included (tested against
 * cron-parser). Any other pattern goes to BullMQ's own strategy.
 */
import { defaultRepeatStrategy, type RepeatOptions } from 'bullmq';
import { nextDailyRun } from '../../core/schedule/daily-time.ts';
import { dailyFromCron } from './job-ids.ts';

export function dailyRepeatStrategy(millis: number, opts: RepeatOptions): number | undefined {
  const daily = dailyFromCron(opts.pattern, opts.tz);
  if (!daily || opts.immediately) return defaultRepeatStrategy(millis, opts);
  const start = opts.startDate ? new Date(opts.startDate).getTime() : 0;
  return nextDailyRun(new Date(Math.max(millis, start)), daily).getTime();
}
