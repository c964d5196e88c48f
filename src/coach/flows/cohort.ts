/**
 * `/cohort <create|join|leave|share|summary|schedule|grant-lead|assess>`:
 * cohorts bound to the channel the command is said in.
 *
 * Roles: a lead of a cohort is a platform admin of its workspace (the flag
 * adapters set on the event) or someone a lead granted it to. Leads create
 * cohorts, set the schedule, grant the role, and see opted-in members'
 * rows, and assess the skills of members who share (cohort-assess.ts);
 * members see the cohort's aggregates; anyone else learns only
 * whether the channel has a cohort and how to join it.
 *
 * The weekly summary is a one-off job under `cohort:<id>:summary`, re-armed
 * for the next week after each run (src/coach/jobs.ts), so the Scheduler
 * port needed no weekly method.
 */
import { clockTime, weekdayName } from '../../core/text/wording.ts';
import { mentioning, mentionUser, type ConversationRef, type Reply } from '../../core/chat/messages.ts';
import { PathwiseError, UserError } from '../../core/errors.ts';
import { COHORT_EXISTS, type CohortRecord, type CohortSchedule, type CohortStore } from '../../core/ports/cohort-store.port.ts';
import type { JobPayload, Scheduler } from '../../core/ports/scheduler.port.ts';
import { latestWeeklyRun, nextWeeklyRun } from '../../core/schedule/weekly-time.ts';
import { dailyRunDate } from '../../core/schedule/daily-time.ts';
import { cohortTimeZone } from '../../core/cohort/cohort-summary.ts';
import { cohortMention, computeSummary, summaryReply } from '../cohort-data.ts';
import { learnerIdOf } from '../learner.ts';
import { buttons, commandButton, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { nodeTitle } from './goal.ts';
import { mentionedUser } from '../mentions.ts';
import { assess } from './cohort-assess.ts';

export const channelKeyOf = (ref: ConversationRef): string => `${ref.platform}:${ref.workspace}:${ref.channel}`;
export const cohortJobKey = (cohortId: string): string => `cohort:${cohortId}:summary`;
/**
 * The delivery key of one weekly post: the job's key and the local date the
 * run is for, which fixes the week it covers. One post per week, whichever
 * run sends it: a lead moving the post to later the same day, or a run
 * re-armed at the same day, finds it already sent.
 */
export const weeklyPostKey = (cohortId: string, runDay: string): string => `${cohortJobKey(cohortId)}:${runDay}`;

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const USAGE =
  'Cohort commands, said in the team\'s channel: "cohort create [goal]" (leads), "cohort join", "cohort leave", ' +
  '"cohort share on|off" (let leads see your progress and name you in milestones), "cohort summary", ' +
  '"cohort schedule <mon..sun> <hour>" (leads), "cohort grant-lead <user id>" (leads), ' +
  '"cohort assess <member> <skill> <none|overview|core|complete>" (leads, for members who share).';

function cohortsOf(ctx: TurnContext): CohortStore {
  const c = ctx.services.cohorts;
  if (!c) throw new UserError('NO_COHORTS', 'Cohorts are not available on this deployment yet.');
  return c;
}

export function isLead(ctx: TurnContext, cohort: CohortRecord): boolean {
  const adminHere = ctx.roles.admin === true && ctx.from.platform === cohort.channel.platform && ctx.from.workspace === cohort.channel.workspace;
  return adminHere || cohort.leads.includes(ctx.learnerId);
}

async function here(ctx: TurnContext): Promise<CohortRecord> {
  const cohort = await cohortsOf(ctx).cohortByChannel(channelKeyOf(ctx.from));
  if (!cohort) throw new UserError('NO_COHORT_HERE', 'This channel has no cohort. A team lead can start one here with "cohort create".');
  return cohort;
}

/**
 * The cohort's schedule in the zone its summary counts days in: a cohort
 * stored without a valid zone runs (and says it runs) in UTC, as its summary
 * does, instead of failing every time it is armed.
 */
export const runSchedule = (cohort: CohortRecord): CohortSchedule => ({ ...cohort.schedule, timezone: cohortTimeZone(cohort.schedule.timezone).timeZone });

/** Arms the next weekly summary (replacing any earlier one). */
export async function armSummary(scheduler: Scheduler, cohort: CohortRecord, after: Date): Promise<Date> {
  const at = nextWeeklyRun(after, runSchedule(cohort));
  const payload: JobPayload = { type: 'cohort-summary', cohortId: cohort.cohortId, to: cohort.channel };
  await scheduler.scheduleAt(cohortJobKey(cohort.cohortId), at, payload);
  return at;
}

function newCohortId(ctx: TurnContext): string {
  let id = 'c';
  for (let i = 0; i < 12; i++) id += Math.floor(ctx.services.rng() * 36).toString(36);
  return id;
}

async function create(ctx: TurnContext, goalText: string): Promise<Reply> {
  if (!ctx.roles.admin) throw new UserError('NOT_LEAD', 'Only a team lead (a workspace admin, or someone a lead granted it to) can create a cohort.');
  const store = cohortsOf(ctx);
  let goal: string | null = null;
  if (goalText) {
    const parsed = ctx.services.goals.parse(goalText);
    if (!parsed.match) throw new UserError('UNKNOWN_GOAL', `I don't know the goal "${goalText.slice(0, 60)}". Try the name of a roadmap, e.g. "cohort create data analyst".`);
    goal = parsed.match;
  }
  const schedule: CohortSchedule = { weekday: 1, hour: 9, timezone: ctx.learner.settings.timezone };
  const cohort: CohortRecord = {
    cohortId: newCohortId(ctx),
    channelKey: channelKeyOf(ctx.from),
    channel: { ...ctx.from, audience: 'channel' },
    name: `#${ctx.from.channel}`,
    goal,
    leads: [ctx.learnerId],
    schedule,
    createdAt: ctx.now.toISOString(),
  };
  try {
    await store.createCohort(cohort);
  } catch (err) {
    if (err instanceof PathwiseError && err.code === COHORT_EXISTS) throw new UserError(COHORT_EXISTS, 'This channel already has a cohort. Members join it with "cohort join".');
    throw err;
  }
  const at = await armSummary(ctx.services.scheduler, cohort, ctx.now);
  return reply(
    mentioning`👥 Cohort ${cohortMention(cohort)} created${goal ? ` with the shared goal ${nodeTitle(ctx.services.graph, goal) ?? goal}` : ''}. ${
      `A summary goes to this channel every ${weekdayName(schedule.weekday)} at ${clockTime(schedule.hour)} (${schedule.timezone}); the first on ${dailyRunDate(at, schedule)}. `
    }Team members join with "cohort join".`,
  );
}

async function join(ctx: TurnContext): Promise<Reply> {
  const cohort = await here(ctx);
  const store = cohortsOf(ctx);
  const existing = await store.getMembership(cohort.cohortId, ctx.learnerId);
  if (existing) return reply(mentioning`You're already in ${cohortMention(cohort)}.`);
  await store.putMembership({ cohortId: cohort.cohortId, learnerId: ctx.learnerId, joinedAt: ctx.now.toISOString(), shareProgress: false });
  return reply(
    mentioning`✅ You joined ${cohortMention(cohort)}. Your answers stay yours: the team sees only totals. To let the leads see your progress and name you when you reach a milestone, say "cohort share on".`,
    buttons(commandButton('Share my progress', 'cohort share on')),
  );
}

async function leave(ctx: TurnContext): Promise<Reply> {
  const cohort = await here(ctx);
  const removed = await cohortsOf(ctx).removeMembership(cohort.cohortId, ctx.learnerId);
  return reply(removed ? mentioning`You left ${cohortMention(cohort)}. Nothing about you appears in its summaries any more.` : mentioning`You're not in ${cohortMention(cohort)}.`);
}

async function share(ctx: TurnContext, value: string): Promise<Reply> {
  const on = /^(on|yes|true)$/i.test(value);
  if (!on && !/^(off|no|false)$/i.test(value)) throw new UserError('BAD_OPTION', 'Say "cohort share on" or "cohort share off".');
  const cohort = await here(ctx);
  const store = cohortsOf(ctx);
  const m = await store.getMembership(cohort.cohortId, ctx.learnerId);
  if (!m) throw new UserError('NOT_MEMBER', 'You\'re not in this channel\'s cohort. Join with "cohort join" first.');
  await store.putMembership({ ...m, shareProgress: on });
  return reply(on ? mentioning`Leads of ${cohortMention(cohort)} now see your progress, and summaries name you when you reach a milestone. "cohort share off" stops it.` : mentioning`Leads of ${cohortMention(cohort)} see only team totals now, and you won't be named.`);
}

async function summary(ctx: TurnContext): Promise<Reply> {
  const cohort = await here(ctx);
  const lead = isLead(ctx, cohort);
  if (!lead && !(await cohortsOf(ctx).getMembership(cohort.cohortId, ctx.learnerId))) {
    throw new UserError('NOT_MEMBER', 'The summary of this channel\'s cohort is for its members and leads. Join with "cohort join".');
  }
  const s = await computeSummary({ store: ctx.services.store, cohorts: cohortsOf(ctx) }, cohort, ctx.now);
  return summaryReply(ctx.services.graph, cohort, s, lead);
}

async function schedule(ctx: TurnContext, rest: string[]): Promise<Reply> {
  const cohort = await here(ctx);
  if (!isLead(ctx, cohort)) throw new UserError('NOT_LEAD', 'Only a lead of this channel\'s cohort can change its schedule.');
  const weekday = WEEKDAYS.indexOf((rest[0] ?? '').slice(0, 3).toLowerCase());
  const hour = Number(rest[1]);
  if (weekday < 0 || !/^\d{1,2}$/.test(rest[1] ?? '') || hour > 23) throw new UserError('BAD_OPTION', 'Say e.g. "cohort schedule fri 16" (a weekday and a local hour 0-23).');
  const updated = { ...cohort, schedule: { ...cohort.schedule, weekday, hour } };
  const key = cohortJobKey(cohort.cohortId);
  const pending = (await ctx.services.scheduler.list(key)).find((e) => e.key === key)?.next ?? null;
  await cohortsOf(ctx).putCohort(updated);
  const runs = runSchedule(updated);
  const posted = async (run: Date) => (await ctx.services.store.getDelivery(weeklyPostKey(cohort.cohortId, dailyRunDate(run, runs)))) !== null;
  // Moved to an hour already past on the day of a post still to go out (Monday 09:00 to 08:00, at 08:30): that week's
  // post goes out now, or it would never. Moved to later on a day whose post went out (09:00 to 18:00, at 10:00): the
  // next is next week's, not the same week again.
  const latest = latestWeeklyRun(ctx.now, runs);
  const owed = pending !== null && pending.getTime() > ctx.now.getTime() && dailyRunDate(pending, runSchedule(cohort)) === dailyRunDate(latest, runs) && !(await posted(latest));
  const first = nextWeeklyRun(ctx.now, runs);
  const after = owed ? new Date(latest.getTime() - 1) : (await posted(first)) ? first : ctx.now;
  const at = await armSummary(ctx.services.scheduler, updated, after);
  return reply(mentioning`Summaries for ${cohortMention(cohort)} now go out every ${weekdayName(weekday)} at ${clockTime(hour)} (${runs.timezone}), each covering the 7 full days before its own (${weekdayName(weekday)} to ${weekdayName((weekday + 6) % 7)}); next on ${dailyRunDate(at, runs)}.`);
}

async function grantLead(ctx: TurnContext, who: string): Promise<Reply> {
  const cohort = await here(ctx);
  if (!isLead(ctx, cohort)) throw new UserError('NOT_LEAD', 'Only a lead of this channel\'s cohort can grant the lead role.');
  const user = mentionedUser(who);
  if (!user) throw new UserError('BAD_OPTION', 'Say "cohort grant-lead <user id>" (or mention them).');
  const id = learnerIdOf({ ...ctx.from, user });
  if (!cohort.leads.includes(id)) await cohortsOf(ctx).putCohort({ ...cohort, leads: [...cohort.leads, id] });
  return reply(mentioning`${mentionUser(user)} is now a lead of ${cohortMention(cohort)}.`);
}

async function status(ctx: TurnContext): Promise<Reply> {
  const cohort = await cohortsOf(ctx).cohortByChannel(channelKeyOf(ctx.from));
  if (!cohort) return reply(say(`This channel has no cohort yet. ${USAGE}`));
  const m = await cohortsOf(ctx).getMembership(cohort.cohortId, ctx.learnerId);
  const role = isLead(ctx, cohort) ? 'You are a lead here.' : m ? `You are a member${m.shareProgress ? ' and share your progress with the leads' : ''}.` : 'You are not a member; join with "cohort join".';
  return reply(mentioning`${cohortMention(cohort)} is this channel's cohort. ${role}\n${USAGE}`);
}

/** Dispatches on the first word. */
export async function cohortCommand(ctx: TurnContext, text: string): Promise<Reply> {
  const [sub = '', ...rest] = text.trim().split(/\s+/).filter(Boolean);
  switch (sub.toLowerCase()) {
    case 'create':
      return create(ctx, rest.join(' '));
    case 'join':
      return join(ctx);
    case 'leave':
      return leave(ctx);
    case 'share':
      return share(ctx, rest[0] ?? '');
    case 'summary':
      return summary(ctx);
    case 'schedule':
      return schedule(ctx, rest);
    case 'grant-lead':
      return grantLead(ctx, rest[0] ?? '');
    case 'assess': {
      const cohort = await here(ctx);
      return assess(ctx, { cohorts: cohortsOf(ctx), cohort, lead: isLead(ctx, cohort) }, rest);
    }
    case '':
    case 'status':
      return status(ctx);
    default:
      throw new UserError('BAD_OPTION', `I don't know "cohort ${sub.slice(0, 20)}". ${USAGE}`);
  }
}
