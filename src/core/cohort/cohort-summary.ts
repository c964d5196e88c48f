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
 * The week is the cohort's: the 7 local calendar days ending today in the
 * cohort's time zone (the zone of its schedule), each from its local
 * midnight, so a day across a daylight-saving change is 23 or 25 hours and
 * the week still has 7 days. A cohort without a valid zone falls back to UTC
 * days, and the summary says so (`zoneFallback`). A member's last active day
 * is their own local date: it counts as this week when it is on or after the
 * date, in their zone, on which the cohort's week began.
 *
 * Formulas, over the members M with a record:
 *   progress(m) = done steps / plan steps (members without a plan are "not started");
 *   failRate(c) = 1 − Σ_m correct_m(c) / Σ_m attempts_m(c);
 *   meanMastery(c) = mean over members who tried c of P(L)_m(c).
 */
import type { AttemptRecord, LearnerRecord } from '../ports/learner-store.port.ts';
import { isValidTimeZone, localDate, previousDate, zonedTimeToInstant } from '../schedule/daily-time.ts';

export const MIN_GROUP = 3;
export const PROGRESS_BANDS = ['0-19%', '20-39%', '40-59%', '60-79%', '80-100%'] as const;

/** The cohort's summary week: 7 local dates (oldest first) and the instant the first one began. */
export interface CohortWeek {
  /** The zone the days are counted in: the cohort's, or 'UTC' when it has none. */
  timeZone: string;
  /** True when the cohort has no valid zone and the days are UTC days. */
  zoneFallback: boolean;
  /** YYYY-MM-DD, oldest first; the last is today's local date. */
  days: string[];
  /** Local midnight at the start of `days[0]`. */
  from: Date;
  /** The start of each of `days` (its local midnight, or the end of a clock gap over midnight), as epoch ms. */
  starts: number[];
}

/** The zone a cohort's days and weekly runs are counted in: its own, or UTC when it has none this runtime knows. */
export function cohortTimeZone(timeZone: string | null | undefined): { timeZone: string; zoneFallback: boolean } {
  const zoneFallback = !timeZone || !isValidTimeZone(timeZone);
  return { timeZone: zoneFallback ? 'UTC' : timeZone, zoneFallback };
}

/** The 7 local days ending on the local date of `now` in `timeZone` (UTC when it is missing or unknown). */
export function cohortWeek(now: Date, timeZone: string | null | undefined): CohortWeek {
  const { timeZone: tz, zoneFallback } = cohortTimeZone(timeZone);
  const days = [localDate(now, tz)];
  while (days.length < 7) days.unshift(previousDate(days[0]!));
  const starts = days.map((day) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return zonedTimeToInstant(y, m, d, 0, 0, tz).getTime();
  });
  return { timeZone: tz, zoneFallback, days, from: new Date(starts[0]!), starts };
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
  streakDays: number;
  activeThisWeek: boolean;
}

export interface CohortSummary {
  members: number;
  /** The zone the days are counted in (the cohort's, or 'UTC' when it has none). */
  timeZone: string;
  /** True when the cohort has no valid zone, so the days are UTC days. */
  zoneFallback: boolean;
  /** The week's 7 local dates (YYYY-MM-DD), oldest first: the days of `activityByDay`. */
  days: string[];
  /** False when fewer than MIN_GROUP members: only counts and opted-in names are shown. */
  aggregates: boolean;
  activeThisWeek: number;
  /** Members per progress band (PROGRESS_BANDS), and those without a plan yet. */
  progress: { bands: number[]; notStarted: number };
  /** Members active on each of `days` (oldest first). */
  activityByDay: number[];
  hardest: HardConcept[];
  streaks: { onStreak3: number; longest: number };
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
  const week = cohortWeek(now, timeZone);
  const from = week.from.getTime();
  const fromDay = week.days[0]!;
  // The last day that began at or before t: 7 comparisons, no time-zone formatting per answer.
  const dayIndex = (t: number) => week.starts.findLastIndex((start) => start <= t);
  // A member's last active day is a date in their own zone: compare it with the date the week began on there (once per
  // zone), so a member west of the cohort active early in the week counts, and one east of it active before does not.
  const fromDays = new Map<string, string>();
  const fromDayOf = (r: LearnerRecord): string => {
    const tz = r.settings.timezone;
    let d = fromDays.get(tz);
    if (d === undefined) {
      d = tz === week.timeZone ? fromDay : localDate(week.from, tz && isValidTimeZone(tz) ? tz : 'UTC');
      fromDays.set(tz, d);
    }
    return d;
  };
  const activityByDay = new Array<number>(7).fill(0);
  const bands = new Array<number>(PROGRESS_BANDS.length).fill(0);
  let notStarted = 0;
  let active = 0;
  let onStreak3 = 0;
  let longest = 0;
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
      if (t < from || t > now.getTime()) continue;
      days.add(dayIndex(t));
    }
    let doneThisWeek = 0;
    let lastDone = 0;
    for (const s of r.plan?.steps ?? []) {
      if (s.status !== 'done' || !s.doneAt) continue;
      const t = Date.parse(s.doneAt);
      lastDone = Math.max(lastDone, t);
      if (t >= from && t <= now.getTime()) {
        doneThisWeek++;
        days.add(dayIndex(t));
      }
    }
    for (const d of days) if (d >= 0 && d < 7) activityByDay[d]!++;
    const isActive = days.size > 0 || (r.stats.lastActiveDay !== null && r.stats.lastActiveDay >= fromDayOf(r));
    if (isActive) active++;
    const streak = isActive ? r.stats.streakDays : 0;
    if (streak >= 3) onStreak3++;
    longest = Math.max(longest, streak);

    const p = progressOf(r);
    if (p === null) notStarted++;
    else bands[Math.min(PROGRESS_BANDS.length - 1, Math.floor(p * PROGRESS_BANDS.length))]!++;
    stepsDone += doneThisWeek;
    const finished = p === 1 && lastDone >= from;
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
    aggregates,
    activeThisWeek: aggregates ? active : 0,
    progress: aggregates ? { bands, notStarted } : { bands: bands.map(() => 0), notStarted: 0 },
    activityByDay: aggregates ? activityByDay : activityByDay.map(() => 0),
    hardest: aggregates ? hardest : [],
    streaks: aggregates ? { onStreak3, longest } : { onStreak3: 0, longest: 0 },
    milestones: { stepsDone: aggregates ? stepsDone : 0, finishedPlan: aggregates ? finishedPlan : 0, named: named.sort((a, b) => a.name.localeCompare(b.name)) },
    optedIn: optedIn.sort((a, b) => a.name.localeCompare(b.name)),
  };
}
