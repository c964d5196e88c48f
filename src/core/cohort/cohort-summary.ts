/**
 * The cohort summary, pure: member snapshots in, aggregates out. Privacy is
 * decided here, once, for every view:
 *
 * - Aggregates (progress distribution, hardest concepts, streaks, activity)
 *   need at least {@link MIN_GROUP} members, and a concept is listed as hard
 *   only when at least {@link MIN_GROUP} members have tried it, so no figure
 *   is one person's.
 * - Names appear only for members who opted in (`share`), in milestones and
 *   in the lead's per-member rows; the others are counted, never named.
 * - Individual quiz answers never leave: attempts are reduced to "active on
 *   day d" and per-concept totals before anything is shown.
 *
 * The window is 7 local calendar days in the cohort's time zone (the zone of
 * its schedule), each from its local midnight, so a day across a
 * daylight-saving change is 23 or 25 hours and the window still has 7 days.
 * Two kinds:
 * - {@link cohortWeek} (`upToNow`): a summary someone asks for, the 7 days
 *   ending today, up to the moment asked (this morning counts);
 * - {@link weekBefore}: the scheduled post, the 7 full days before the local
 *   date it runs for, up to that date's midnight. Consecutive weekly posts
 *   then tile time, whatever the schedule's day and hour: one run's window
 *   ends where the next one's begins.
 * A cohort without a valid zone falls back to UTC days, and the summary says
 * so (`zoneFallback`).
 *
 * Activity is one measure for the count and the chart: a member is active on
 * a day when they answered a question or finished a plan step on it, and
 * "active" in the window when on at least one of its days. A member's streak
 * is the one they would see at the moment the summary is made
 * (src/core/activity/streak.ts): the stored count while their last active day
 * is today or yesterday in their own zone, 0 once it has broken, even when
 * that last day is inside the window.
 *
 * Formulas, over the members M with a record:
 *   progress(m) = done steps / plan steps (members without a plan are "not started");
 *   failRate(c) = 1 − Σ_m correct_m(c) / Σ_m attempts_m(c);
 *   meanMastery(c) = mean over members who tried c of P(L)_m(c).
 */
import type { AttemptRecord, LearnerRecord } from '../ports/learner-store.port.ts';
import { shownStreak } from '../activity/streak.ts';
import { isValidTimeZone, localDate, previousDate, zonedTimeToInstant } from '../schedule/daily-time.ts';

export const MIN_GROUP = 3;
export const PROGRESS_BANDS = ['0-19%', '20-39%', '40-59%', '60-79%', '80-100%'] as const;

/** The cohort's summary window: 7 local dates (oldest first), the instant the first one began and where it ends. */
export interface CohortWeek {
  /** The zone the days are counted in: the cohort's, or 'UTC' when it has none. */
  timeZone: string;
  /** True when the cohort has no valid zone and the days are UTC days. */
  zoneFallback: boolean;
  /** YYYY-MM-DD, oldest first; the last is today's local date (`upToNow`) or the day before the run's. */
  days: string[];
  /** Local midnight at the start of `days[0]`. */
  from: Date;
  /** The end, exclusive: just after the moment asked (`upToNow`), or the local midnight after `days[6]`. */
  until: Date;
  /** True for "the 7 days up to now" (the last day still running), false for 7 full days. */
  upToNow: boolean;
  /** The start of each of `days` (its local midnight, or the end of a clock gap over midnight), as epoch ms. */
  starts: number[];
}

/** The zone a cohort's days and weekly runs are counted in: its own, or UTC when it has none this runtime knows. */
export function cohortTimeZone(timeZone: string | null | undefined): { timeZone: string; zoneFallback: boolean } {
  const zoneFallback = !timeZone || !isValidTimeZone(timeZone);
  return { timeZone: zoneFallback ? 'UTC' : timeZone, zoneFallback };
}

/** The local midnight (or the end of a clock gap over it) at the start of a YYYY-MM-DD date in `tz`. */
function dayStart(day: string, tz: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedTimeToInstant(y, m, d, 0, 0, tz).getTime();
}

function sevenDaysTo(last: string, timeZone: string | null | undefined): Omit<CohortWeek, 'until' | 'upToNow'> {
  const { timeZone: tz, zoneFallback } = cohortTimeZone(timeZone);
  const days = [last];
  while (days.length < 7) days.unshift(previousDate(days[0]!));
  const starts = days.map((day) => dayStart(day, tz));
  return { timeZone: tz, zoneFallback, days, from: new Date(starts[0]!), starts };
}

/** The 7 local days ending on the local date of `now` in `timeZone` (UTC when it is missing or unknown), up to `now`. */
export function cohortWeek(now: Date, timeZone: string | null | undefined): CohortWeek {
  const week = sevenDaysTo(localDate(now, cohortTimeZone(timeZone).timeZone), timeZone);
  return { ...week, until: new Date(now.getTime() + 1), upToNow: true };
}

/**
 * The 7 full local days before `runDay` (YYYY-MM-DD, the local date a
 * scheduled post is for): from the midnight 7 days before it to its own
 * midnight, so the next week's post starts exactly where this one ends.
 */
export function weekBefore(runDay: string, timeZone: string | null | undefined): CohortWeek {
  const week = sevenDaysTo(previousDate(runDay), timeZone);
  return { ...week, until: new Date(dayStart(runDay, week.timeZone)), upToNow: false };
}

export interface MemberSnapshot {
  learnerId: string;
  /** Opted in to be named and shown individually to leads. */
  share: boolean;
  /** Null when the member never talked to the coach (or was forgotten meanwhile). */
  record: LearnerRecord | null;
  /** The member's attempts within the summary's week (older ones are not needed). */
  weekAttempts: readonly AttemptRecord[];
}

export interface HardConcept {
  conceptId: string;
  members: number;
  failRate: number;
  meanMastery: number;
}

export interface MemberRow {
  /** The member's platform user id, for a mention. */
  user: string;
  name: string;
  progress: number | null;
  /** The streak as shown at the summary's moment (src/core/activity/streak.ts): 0 once it has broken. */
  streakDays: number;
  activeThisWeek: boolean;
}

export interface CohortSummary {
  members: number;
  /** The zone the days are counted in (the cohort's, or 'UTC' when it has none). */
  timeZone: string;
  /** True when the cohort has no valid zone, so the days are UTC days. */
  zoneFallback: boolean;
  /** The window's 7 local dates (YYYY-MM-DD), oldest first: the days of `activityByDay`. */
  days: string[];
  /** True when the window is "the 7 days up to now" (asked for), false for 7 full days (the scheduled post). */
  upToNow: boolean;
  /** False when fewer than MIN_GROUP members: only counts and opted-in names are shown. */
  aggregates: boolean;
  /** Members who answered a question or finished a plan step in the window: the activity the chart shows. */
  activeThisWeek: number;
  /** Members per progress band (PROGRESS_BANDS), and those without a plan yet. */
  progress: { bands: number[]; notStarted: number };
  /** Members active on each of `days` (oldest first). */
  activityByDay: number[];
  hardest: HardConcept[];
  /** Members on a streak of 3+ days: a count, never one member's number (beside the rows of those who share, a longest streak named the streak of one who does not). */
  streaks: { onStreak3: number };
  /** `named`: opted-in members who reached a milestone (`note`: "finished their plan", "2 steps"). */
  milestones: { stepsDone: number; finishedPlan: number; named: NamedMember[] };
  /** Only for leads: opted-in members, one row each. */
  optedIn: MemberRow[];
}

export interface NamedMember {
  /** The member's platform user id, for a mention. */
  user: string;
  name: string;
  note: string;
}

/** The platform user id inside a learner id (`platform:workspace:user`). */
const userOf = (m: MemberSnapshot) => m.learnerId.split(':').slice(2).join(':');
const nameOf = (m: MemberSnapshot) => m.record?.displayName ?? userOf(m);

function progressOf(r: LearnerRecord): number | null {
  const steps = r.plan?.steps ?? [];
  if (steps.length === 0) return null;
  return steps.filter((s) => s.status === 'done').length / steps.length;
}

/**
 * Summarises the cohort for its week ending at `now`: the 7 local days of
 * {@link cohortWeek} in `timeZone` (the cohort's schedule zone).
 */
export function summarizeCohort(members: readonly MemberSnapshot[], now: Date, timeZone?: string | null): CohortSummary {
  return summarizeWeek(members, cohortWeek(now, timeZone), now);
}

/**
 * Summarises the cohort over `week` ({@link cohortWeek} or {@link weekBefore}),
 * made at `now`: the moment streaks are judged current or broken (for the
 * weekly post, the moment it is composed, not the end of its week).
 */
export function summarizeWeek(members: readonly MemberSnapshot[], week: CohortWeek, now: Date): CohortSummary {
  const from = week.from.getTime();
  const until = week.until.getTime();
  // The last day that began at or before t: 7 comparisons, no time-zone formatting per answer.
  const dayIndex = (t: number) => week.starts.findLastIndex((start) => start <= t);
  const activityByDay = new Array<number>(7).fill(0);
  const bands = new Array<number>(PROGRESS_BANDS.length).fill(0);
  let notStarted = 0;
  let active = 0;
  let onStreak3 = 0;
  let stepsDone = 0;
  let finishedPlan = 0;
  const named: NamedMember[] = [];
  const optedIn: MemberRow[] = [];
  const concepts = new Map<string, { members: number; attempts: number; correct: number; p: number }>();

  for (const m of members) {
    const r = m.record;
    if (!r) continue;
    const days = new Set<number>();
    for (const a of m.weekAttempts) {
      const t = Date.parse(a.at);
      if (t < from || t >= until) continue;
      days.add(dayIndex(t));
    }
    let doneThisWeek = 0;
    let lastDone = 0;
    for (const s of r.plan?.steps ?? []) {
      if (s.status !== 'done' || !s.doneAt) continue;
      const t = Date.parse(s.doneAt);
      lastDone = Math.max(lastDone, t);
      if (t >= from && t < until) {
        doneThisWeek++;
        days.add(dayIndex(t));
      }
    }
    for (const d of days) if (d >= 0 && d < 7) activityByDay[d]!++;
    // Active = what the chart shows (an answer or a finished step in the window), so the count never outruns the chart.
    const isActive = days.size > 0;
    if (isActive) active++;
    // Activity in the window does not keep a streak: one that broke since shows 0, as the member's own progress does.
    const streak = shownStreak(r.stats, now, r.settings.timezone);
    if (streak >= 3) onStreak3++;

    const p = progressOf(r);
    if (p === null) notStarted++;
    else bands[Math.min(PROGRESS_BANDS.length - 1, Math.floor(p * PROGRESS_BANDS.length))]!++;
    stepsDone += doneThisWeek;
    const finished = p === 1 && lastDone >= from && lastDone < until;
    if (finished) finishedPlan++;
    if (m.share && (doneThisWeek > 0 || finished)) {
      named.push({ user: userOf(m), name: nameOf(m), note: finished ? 'finished their plan' : `${doneThisWeek} step${doneThisWeek === 1 ? '' : 's'}` });
    }
    if (m.share) optedIn.push({ user: userOf(m), name: nameOf(m), progress: p, streakDays: streak, activeThisWeek: isActive });

    for (const [id, c] of Object.entries(r.mastery)) {
      if (c.attempts <= 0) continue;
      const agg = concepts.get(id) ?? { members: 0, attempts: 0, correct: 0, p: 0 };
      agg.members++;
      agg.attempts += c.attempts;
      agg.correct += c.correct;
      agg.p += c.p;
      concepts.set(id, agg);
    }
  }

  const hardest = [...concepts.entries()]
    .filter(([, a]) => a.members >= MIN_GROUP)
    .map(([conceptId, a]) => ({ conceptId, members: a.members, failRate: 1 - a.correct / a.attempts, meanMastery: a.p / a.members }))
    .sort((a, b) => b.failRate - a.failRate || a.meanMastery - b.meanMastery || a.conceptId.localeCompare(b.conceptId))
    .slice(0, 3);

  const counted = members.filter((m) => m.record).length;
  const aggregates = counted >= MIN_GROUP;
  return {
    members: members.length,
    timeZone: week.timeZone,
    zoneFallback: week.zoneFallback,
    days: week.days,
    upToNow: week.upToNow,
    aggregates,
    activeThisWeek: aggregates ? active : 0,
    progress: aggregates ? { bands, notStarted } : { bands: bands.map(() => 0), notStarted: 0 },
    activityByDay: aggregates ? activityByDay : activityByDay.map(() => 0),
    hardest: aggregates ? hardest : [],
    streaks: { onStreak3: aggregates ? onStreak3 : 0 },
    milestones: { stepsDone: aggregates ? stepsDone : 0, finishedPlan: aggregates ? finishedPlan : 0, named: named.sort((a, b) => a.name.localeCompare(b.name)) },
    optedIn: optedIn.sort((a, b) => a.name.localeCompare(b.name)),
  };
}
