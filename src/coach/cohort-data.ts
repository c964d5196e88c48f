/**
 * Reads what a cohort summary needs from the stores, and renders it: member
 * snapshots (record and this week's attempts only), the pure summary
 * (src/core/cohort/cohort-summary.ts), then text and a labelled chart
 * (src/pictures/cohort-charts.ts, rasterised to PNG). Shared by
 * the on-demand command and the weekly job.
 */
import { mentionChannel, mentionUser, textParts, type Block, type Mention, type Reply, type TextPart } from '../core/chat/messages.ts';
import { cohortWeek, MIN_GROUP, PROGRESS_BANDS, summarizeWeek, weekBefore, type CohortSummary, type CohortWeek, type MemberSnapshot } from '../core/cohort/cohort-summary.ts';
import type { KnowledgeGraph } from '../core/graph/types.ts';
import type { CohortRecord, CohortStore, MembershipRecord } from '../core/ports/cohort-store.port.ts';
import type { AttemptRecord, LearnerStore } from '../core/ports/learner-store.port.ts';
import { localDate } from '../core/schedule/daily-time.ts';
import { cohortChartsSvg } from '../pictures/cohort-charts.ts';
import { rasterise } from '../pictures/rasterise.ts';
import { nodeTitle } from './flows/goal.ts';
import { pct, reply } from './replies.ts';

const PAGE = 1000;

/**
 * The learner's attempts since `from`: the most recent 32, doubling while
 * the oldest one fetched is still inside the window (so a busy week is read
 * whole and a quiet one costs one small query).
 */
async function attemptsSince(store: LearnerStore, learnerId: string, from: number): Promise<AttemptRecord[]> {
  for (let limit = 32; ; limit *= 2) {
    const got = await store.listAttempts(learnerId, limit);
    if (got.length < limit || Date.parse(got[0]!.at) < from) return got.filter((a) => Date.parse(a.at) >= from);
  }
}

/**
 * Snapshots of every member: memberships paged through the cohort store, one
 * attempts query for the whole week when the store offers it (else a small
 * one per member), then each member's record. Attempts are read from `from`,
 * the start of the summary's first local day.
 */
export async function memberSnapshots(stores: { store: LearnerStore; cohorts: CohortStore }, cohortId: string, from: number): Promise<MemberSnapshot[]> {
  const { store } = stores;
  const members: MembershipRecord[] = [];
  for (let after: string | null = null; ; ) {
    const page = await stores.cohorts.listMembers(cohortId, after, PAGE);
    members.push(...page);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.learnerId;
  }
  const byLearner = new Map<string, AttemptRecord[]>();
  if (store.attemptsSince) {
    for (const a of await store.attemptsSince(new Date(from), members.map((m) => m.learnerId))) {
      const list = byLearner.get(a.learnerId) ?? [];
      list.push(a);
      byLearner.set(a.learnerId, list);
    }
  }
  return Promise.all(
    members.map(async (m): Promise<MemberSnapshot> => {
      const record = await store.getLearner(m.learnerId);
      const weekAttempts = !record ? [] : store.attemptsSince ? (byLearner.get(m.learnerId) ?? []) : await attemptsSince(store, m.learnerId, from);
      return { learnerId: m.learnerId, share: m.shareProgress, record, weekAttempts };
    }),
  );
}

type Stores = { store: LearnerStore; cohorts: CohortStore };

async function summaryOver(stores: Stores, cohort: CohortRecord, week: CohortWeek, now: Date): Promise<CohortSummary> {
  return summarizeWeek(await memberSnapshots(stores, cohort.cohortId, week.from.getTime()), week, now);
}

/** The summary someone asks for: the 7 days up to `now`, its days counted in the cohort's own zone (that of its schedule). */
export async function computeSummary(stores: Stores, cohort: CohortRecord, now: Date): Promise<CohortSummary> {
  return summaryOver(stores, cohort, cohortWeek(now, cohort.schedule.timezone), now);
}

/**
 * The scheduled post's summary: the 7 full local days before `runDay`, the
 * local date the run was scheduled for (not the date it happens to run on, so
 * a retry after midnight still covers its own week). Streaks are as at `now`,
 * the moment it is composed: 0 for a member whose streak has broken by then.
 */
export async function computeWeeklyPost(stores: Stores, cohort: CohortRecord, runDay: string, now: Date): Promise<CohortSummary> {
  return summaryOver(stores, cohort, weekBefore(runDay, cohort.schedule.timezone), now);
}

/** The cohort's channel, as a mention (its name where mentions cannot be rendered). */
export function cohortMention(cohort: CohortRecord): Mention {
  return mentionChannel(cohort.channel.channel, cohort.name);
}

/** Lists of parts joined with a separator. */
function joinParts(items: TextPart[][], separator: TextPart = ', '): TextPart[] {
  return items.flatMap((item, i) => (i === 0 ? item : [separator, ...item]));
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The weekday (Sun…Sat) of a YYYY-MM-DD calendar date. */
const weekdayOf = (date: string): string => DAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;

/** Which days the summary counts: the cohort's local ones, or UTC ones said as such when it has no zone. */
const daysNote = (s: CohortSummary): string => (s.zoneFallback ? 'UTC days: this cohort has no time zone set' : `${s.timeZone} days`);

/**
 * The window in words, with the zone its days are counted in: "in the week to
 * Sun 2026-03-08 (Mon 2026-03-02 to Sun 2026-03-08, Europe/Berlin days)" for
 * the scheduled post, "in the 7 days up to now (Tue 2026-03-03 to today, Mon
 * 2026-03-09; Europe/Berlin days)" for a summary someone asks for.
 */
function windowWords(s: CohortSummary, startedOn?: string | null): string {
  const first = `${weekdayOf(s.days[0]!)} ${s.days[0]!}`;
  const last = `${weekdayOf(s.days[s.days.length - 1]!)} ${s.days[s.days.length - 1]!}`;
  // A cohort younger than the window: say so, or its first post reads as a week of the cohort it never had.
  const young = startedOn && startedOn > s.days[0]! ? `; the cohort started on ${weekdayOf(startedOn)} ${startedOn}, its members' earlier days count too` : '';
  return s.upToNow ? `in the 7 days up to now (${first} to today, ${last}; ${daysNote(s)}${young})` : `in the week to ${last} (${first} to ${last}, ${daysNote(s)}${young})`;
}

/** The local date (in the summary's zone) the cohort was created on; null when its record has no valid date. */
function startedOn(cohort: CohortRecord, s: CohortSummary): string | null {
  const t = Date.parse(cohort.createdAt);
  return Number.isNaN(t) ? null : localDate(new Date(t), s.timeZone);
}

/**
 * The summary as a reply. `forLead` adds the opted-in members' rows; the
 * channel post and members' view never have them. Dates and weekdays are the
 * summary's local days (`s.days`), never the UTC date of the moment it runs.
 */
export async function summaryReply(graph: KnowledgeGraph, cohort: CohortRecord, s: CohortSummary, forLead: boolean): Promise<Reply> {
  const goal = cohort.goal ? (nodeTitle(graph, cohort.goal) ?? cohort.goal) : null;
  const today = s.days[s.days.length - 1]!;
  const lines: TextPart[][] = [
    [`📊 `, cohortMention(cohort), ` ${windowWords(s, startedOn(cohort, s))}${goal ? ` — working toward ${goal}` : ''}: ${s.members} member${s.members === 1 ? '' : 's'}.`],
  ];
  const span = s.upToNow ? 'in these 7 days' : 'that week';
  const blocks: Block[] = [];
  if (!s.aggregates) {
    lines.push([`Team figures show once the cohort has ${MIN_GROUP} members, so none of them is one person's.`]);
  } else {
    lines.push([`Active ${span} (answered a question or finished a plan step): ${s.activeThisWeek} of ${s.members}.`]);
    lines.push([`Progress through plans: ${PROGRESS_BANDS.map((b, i) => `${b}: ${s.progress.bands[i]}`).join(', ')}${s.progress.notStarted ? `; not started: ${s.progress.notStarted}` : ''}.`]);
    if (s.hardest.length > 0) {
      lines.push(['Hardest concepts: ' + s.hardest.map((h) => `${nodeTitle(graph, h.conceptId) ?? h.conceptId} (${pct(h.failRate)} of answers wrong, mean mastery ${pct(h.meanMastery)}, ${h.members} tried)`).join('; ') + '.']);
    }
    lines.push([`Streaks (any use of the coach counts): ${s.streaks.onStreak3} on a streak of 3+ days.`]);
    lines.push([`Milestones ${span}: ${s.milestones.stepsDone} plan step${s.milestones.stepsDone === 1 ? '' : 's'} done, ${s.milestones.finishedPlan} finished their plan.`]);
  }
  if (s.milestones.named.length > 0) {
    lines.push(['🎉 Well done: ', ...joinParts(s.milestones.named.map((m) => [mentionUser(m.user, m.name), ` (${m.note})`])), '.']);
  }
  if (forLead) {
    lines.push(
      s.optedIn.length > 0
        ? [
            'Members who share their progress with you:\n',
            ...joinParts(
              s.optedIn.map((m) => ['• ', mentionUser(m.user, m.name), `: ${m.progress === null ? 'no plan yet' : pct(m.progress)}, streak ${m.streakDays}, ${m.activeThisWeek ? 'active' : 'no answer or finished step'} ${span}`]),
              '\n',
            ),
          ]
        : ['No member shares individual progress yet (members opt in with "cohort share on").'],
    );
  }
  blocks.push(textParts(joinParts(lines, '\n')));
  if (s.aggregates) {
    const days = s.activityByDay.map((n, i) => ({ label: weekdayOf(s.days[i]!), value: n }));
    const hardest = s.hardest.map((h) => ({ label: nodeTitle(graph, h.conceptId) ?? h.conceptId, value: h.failRate }));
    const { svg } = cohortChartsSvg({
      title: `The cohort in ${s.upToNow ? 'the 7 days up to now, to' : 'the week to'} ${weekdayOf(today)} ${today} (${daysNote(s)}): ${s.members} members`,
      progress: PROGRESS_BANDS.map((b, i) => ({ label: b, value: s.progress.bands[i] ?? 0 })),
      activity: days,
      hardest,
    });
    const chart = await rasterise(svg);
    blocks.push({
      kind: 'image',
      png: chart.png,
      alt:
        `Members per progress band (${PROGRESS_BANDS.map((b, i) => `${b} ${s.progress.bands[i]}`).join(', ')}); ` +
        `members active per day (${days.map((d) => `${d.label} ${d.value}`).join(', ')})` +
        (hardest.length > 0 ? `; hardest concepts (${hardest.map((h) => `${h.label} ${pct(h.value)} wrong`).join(', ')})` : '') +
        '.',
      // The post's full week and a summary asked for on its last day show different figures: different names.
      filename: `cohort-${cohort.cohortId}-${s.upToNow ? '' : 'week-to-'}${today}.png`,
    });
  }
  return reply(...blocks);
}
