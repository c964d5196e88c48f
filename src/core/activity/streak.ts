/**
 * The activity streak as people are shown it, one rule for every display
 * (`progress`, the cohort summary's streak line and the lead's rows).
 *
 * The stored count (`stats.streakDays`, grown by one on each consecutive
 * local day the learner uses the coach: `touchActivity` in
 * src/coach/learner.ts) changes only when they come back, so read as it is it
 * still says "10" a week after the streak broke. A streak is current while
 * the learner's last active day, a local date in their own zone, is today or
 * yesterday there (they can still extend it today); otherwise it is 0:
 *
 *   shown(stats, now, tz) = streakDays  when lastActiveDay ≥ localDate(now, tz) − 1 day
 *                         = 0           otherwise, or when never active.
 *
 * A last active day after today (recorded in a zone ahead of the one asked
 * about, or by a clock a little ahead) counts as current. A zone this runtime
 * does not know counts UTC days, as the cohort summary does.
 */
import { isValidTimeZone, localDate, previousDate } from '../schedule/daily-time.ts';

/** The part of a learner's stats a streak is read from. */
export interface StreakStats {
  streakDays: number;
  /** The learner's local date (YYYY-MM-DD) of their last activity, or null when never active. */
  lastActiveDay: string | null;
}

/** True while the streak can still grow: last active today or yesterday in `timeZone`. */
function streakIsCurrent(stats: StreakStats, now: Date, timeZone: string): boolean {
  if (stats.lastActiveDay === null) return false;
  const today = localDate(now, isValidTimeZone(timeZone) ? timeZone : 'UTC');
  return stats.lastActiveDay >= previousDate(today);
}

/** The streak to show at `now` for a learner in `timeZone`: the stored count while current, else 0. */
export function shownStreak(stats: StreakStats, now: Date, timeZone: string): number {
  return streakIsCurrent(stats, now, timeZone) ? stats.streakDays : 0;
}
