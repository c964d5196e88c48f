/**
 * Wall-clock arithmetic in IANA time zones, with Intl only (no tz database of
 * our own). Pure: every function takes the instant it reasons about.
 *
 * The offset of zone Z at instant t is
 *   offset(t) = UTC(fields of t as seen in Z) − t
 * and a local wall time w (as if it were UTC) maps to the instant
 *   t = w − offset(w − offset(w))
 * (two rounds settle the offset on both sides of a daylight-saving change).
 * A wall time that does not exist (spring forward gap) lands just after the
 * gap; an ambiguous one (fall back) takes the earlier instant.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `tz` is an IANA zone name this runtime knows (offsets like "+02:00" are refused: they ignore daylight saving). */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64 || !/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock fields of `at` in `timeZone`. */
export function localFields(at: Date, timeZone: string): LocalFields {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** The local calendar date of `at` in `timeZone`, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  const f = localFields(at, timeZone);
  return `${f.year}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
}

function offsetMs(t: number, timeZone: string): number {
  const f = localFields(new Date(t), timeZone);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(t / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local
 * date and time. When that time happens twice (the repeated hour when clocks
 * go back), the earlier instant; when it does not happen at all (the hour
 * skipped when clocks go forward), the instant just after the gap, as if the
 * clock had not jumped.
 */
export function zonedTimeToInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  // The offsets in force half a day either side: around a change, one of
  // them gives the other reading of an ambiguous time, whichever side of
  // UTC the zone lies.
  const before = wall - offsetMs(wall - 43_200_000, timeZone);
  const after = wall - offsetMs(wall + 43_200_000, timeZone);
  const reads = (t: number) => {
    const f = localFields(new Date(t), timeZone);
    return f.hour === hour && f.minute === minute && f.day === day;
  };
  const ok = [first, second, before, after].filter(reads).sort((a, b) => a - b);
  // In a gap no candidate reads the wanted time; the later of the first two lands just after it.
  return new Date(ok[0] ?? Math.max(first, second));
}

/**
 * The first instant strictly after `after` when the wall clock in
 * `at.timezone` shows `at.hour:at.minute`. Daylight-saving safe: the daily
 * hour stays the same local hour across a change.
 */
export function nextDailyRun(after: Date, at: { hour: number; minute?: number; timezone: string }): Date {
  const minute = at.minute ?? 0;
  const today = localFields(after, at.timezone);
  // Walk calendar days in UTC arithmetic on the local date, which has no DST. From the day before: its run, when its
  // time fell in a gap ending at midnight, comes after midnight (America/Nuuk, 23:30 on 2026-03-28: 00:30 on the 29th).
  for (let d = -1; d < 3; d++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + d));
    const t = zonedTimeToInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), at.hour, minute, at.timezone);
    if (t.getTime() > after.getTime()) return t;
  }
  // Unreachable for valid input (the next local day always has the hour); kept as a guard.
  throw new RangeError(`no daily run found after ${after.toISOString()} in ${at.timezone}`);
}

/** The previous local calendar day of a YYYY-MM-DD date. */
export function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * The local calendar date (YYYY-MM-DD) a daily run at `runAt` is for: the
 * date D whose daily time is `runAt` (`zonedTimeToInstant(D, hour, minute)`).
 * That is the local date of `runAt`, except on a day whose daily time falls
 * in a spring-forward gap that ends at midnight: in America/Nuuk the clock
 * goes from 22:59 on 2026-03-28 to 00:00 on the 29th, so that day's 23:00
 * run comes at 00:00 on the 29th and is the 28th's run, not a second one
 * for the 29th. Checking the day before is enough: a gap moves a run
 * forward by at most its length (an hour or less), never past a whole day.
 * An instant that is not one of the schedule's runs gets its own local date.
 */
export function dailyRunDate(runAt: Date, at: { hour: number; minute?: number; timezone: string }): string {
  const date = localDate(runAt, at.timezone);
  const [y, m, d] = previousDate(date).split('-').map(Number) as [number, number, number];
  return zonedTimeToInstant(y, m, d, at.hour, at.minute ?? 0, at.timezone).getTime() === runAt.getTime() ? previousDate(date) : date;
}

/**
 * The latest instant at or before `atOrBefore` when the wall clock in
 * `at.timezone` shows the daily time: the run a catch-up may still owe.
 * Found as the last of the runs after a point two days back, so daylight
 * saving is handled by {@link nextDailyRun}.
 */
export function latestDailyRun(atOrBefore: Date, at: { hour: number; minute?: number; timezone: string }): Date {
  let last = nextDailyRun(new Date(atOrBefore.getTime() - 50 * 3600_000), at);
  for (let t = nextDailyRun(last, at); t.getTime() <= atOrBefore.getTime(); t = nextDailyRun(t, at)) last = t;
  return last;
}
