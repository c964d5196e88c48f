/**
 * Scheduled jobs, composed and sent once: the daily task at the learner's
 * local hour (key `daily:<learnerId>:<local date>`) and the review prompt
 * when cards fall due (key `review:<learnerId>:<due date-time>`), both through
 * deliverOnce so a re-run or a retried job never sends twice.
 */
import { loadBandits } from './flows/resource-evidence.ts';
import { noun, plural } from '../core/text/wording.ts';
import type { Reply } from '../core/chat/messages.ts';
import { deliverOnce } from '../core/delivery/deliver-once.ts';
import type { ChatGateway } from '../core/ports/chat.port.ts';
import { z } from 'zod';
import { PathwiseError } from '../core/errors.ts';
import { UNRECOVERABLE, type RunningJob } from '../core/ports/scheduler.port.ts';
import { dailyRunDate, localDate } from '../core/schedule/daily-time.ts';
import type { CommandDefinition } from './command.ts';
import { currentStep } from './learner.ts';
import type { Logger } from './logger.ts';
import { buttons, commandButton, merge, reply, say } from './replies.ts';
import { TurnContext, type CoachServices } from './turn.ts';
import { todayReply } from './flows/today.ts';
import { learnerKeyPrefix } from './flows/review-schedule.ts';
import type { ConversationRef } from '../core/chat/messages.ts';
import { computeWeeklyPost, summaryReply } from './cohort-data.ts';
import { armSummary, runSchedule, weeklyPostKey } from './flows/cohort.ts';
import { latestWeeklyRun } from '../core/schedule/weekly-time.ts';

export interface JobDeps extends CoachServices {
  gateway: ChatGateway;
  commands: readonly CommandDefinition[];
  log: Logger;
}

const refSchema = z.object({
  platform: z.enum(['terminal', 'slack', 'discord']),
  workspace: z.string().min(1),
  channel: z.string().min(1),
  user: z.string().min(1),
  audience: z.literal('channel').optional(),
});
const payloadSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('daily-task'), learnerId: z.string().min(1).max(300), to: refSchema }),
  z.object({ type: z.literal('review-due'), learnerId: z.string().min(1).max(300), to: refSchema }),
  z.object({ type: z.literal('cohort-summary'), cohortId: z.string().min(1), to: refSchema }),
]);

export async function runJob(deps: JobDeps, job: RunningJob): Promise<void> {
  const parsed = payloadSchema.safeParse(job.payload);
  if (!parsed.success || !(job.scheduledFor instanceof Date) || Number.isNaN(job.scheduledFor.getTime())) {
    // Bad data never gets better: tell the queue not to retry.
    throw new PathwiseError(UNRECOVERABLE, `job ${job.key} has an invalid payload`);
  }
  const p = parsed.data;
  if (p.type === 'cohort-summary') return runCohortSummary(deps, job, p.cohortId, p.to);
  const learner = await deps.store.getLearner(p.learnerId);
  if (!learner) {
    // Forgotten (or never finished): nothing to say, and nothing should stay scheduled.
    await deps.scheduler.cancelPrefix(learnerKeyPrefix(p.learnerId));
    return;
  }
  if (learner.settings.paused || learner.onboarding !== 'done') return;
  const ctx = new TurnContext(deps, structuredClone(learner), learner.conversation, deps.clock.now(), deps.commands);
  // Only today's task reads the cohort's evidence (its plan and its "helpful" line); a review prompt does not.
  if (p.type === 'daily-task') ctx.bandits = await loadBandits(deps.store, learner.conversation);
  const due = async () => (await deps.store.dueCards(learner.learnerId, ctx.now, 100)).length;

  // A daily task is one per local date: the date the run is for, which the scheduler names (it is not the date of
  // scheduledFor when the daily time fell in a gap ending at midnight); a run queued without it counts for its own date.
  const key =
    p.type === 'daily-task'
      ? `daily:${learner.learnerId}:${job.day ?? localDate(job.scheduledFor, learner.settings.timezone)}`
      : `review:${learner.learnerId}:${job.scheduledFor.toISOString()}`;
  const compose = async (): Promise<Reply | null> => {
    const n = await due();
    if (p.type === 'review-due') {
      if (n === 0) return null;
      return reply(say(`🔁 ${plural(n, 'card')} ${noun(n, 'is', 'are')} due for review. A few minutes now keeps them from slipping away.`), buttons(commandButton('Review now', 'review', 'primary')));
    }
    if (!currentStep(ctx.learner) && n === 0) return null;
    return merge(
      reply(say('☀️ Good day! Here is your task for today.')),
      currentStep(ctx.learner) ? todayReply(ctx) : null,
      n > 0 ? reply(say(`🔁 You also have ${plural(n, 'card')} to review.`), buttons(commandButton('Review now', 'review'))) : null,
    );
  };
  const outcome = await deliverOnce(
    { store: deps.store, gateway: deps.gateway, clock: deps.clock, onAmbiguous: (k, how) => deps.log.log('warn', 'delivery.ambiguous', { key: k, outcome: how }) },
    { key, learnerId: learner.learnerId, to: p.to, compose },
  );
  deps.log.log('info', 'job.done', { key: job.key, type: p.type, attempt: job.attempt, outcome });
}

/**
 * The weekly cohort summary: posted once per scheduled run (deliverOnce key
 * `cohort:<id>:summary:<local date of the run>`, so one post per week
 * whichever run sends it), without any member's individual rows,
 * then re-armed for the next week under the same key. It covers the 7 full
 * local days before the date the run was scheduled for (`scheduledFor`, which
 * a retry keeps; not the clock, which may be past midnight by then), so
 * consecutive posts tile time with no gap and no overlap. A run so late that
 * a later weekly run has passed (the service was down) covers the week
 * before that latest run instead: the lead gets last week, not a stale one,
 * and the next post tiles with it (the skipped week is never posted).
 */
async function runCohortSummary(deps: JobDeps, job: RunningJob, cohortId: string, to: ConversationRef): Promise<void> {
  if (!deps.cohorts) throw new PathwiseError(UNRECOVERABLE, `job ${job.key} needs a cohort store`);
  const cohort = await deps.cohorts.getCohort(cohortId);
  if (!cohort) return; // Deleted meanwhile: nothing to post, and not re-armed.
  const now = deps.clock.now();
  // A run more than a week late (the service was down) covers the last full week, not the stale one it was armed for:
  // the next post then starts where it ends. A retry or a run late by less than a week keeps its own scheduled week.
  const latest = latestWeeklyRun(now, runSchedule(cohort));
  const runDay = dailyRunDate(latest.getTime() > job.scheduledFor.getTime() ? latest : job.scheduledFor, runSchedule(cohort));
  const outcome = await deliverOnce(
    { store: deps.store, gateway: deps.gateway, clock: deps.clock, onAmbiguous: (k, how) => deps.log.log('warn', 'delivery.ambiguous', { key: k, outcome: how }) },
    {
      key: weeklyPostKey(cohortId, runDay),
      learnerId: `cohort:${cohortId}`,
      to,
      compose: async () => summaryReply(deps.graph, cohort, await computeWeeklyPost({ store: deps.store, cohorts: deps.cohorts! }, cohort, runDay, now), false),
    },
  );
  await armSummary(deps.scheduler, cohort, new Date(Math.max(now.getTime(), job.scheduledFor.getTime())));
  deps.log.log('info', 'job.done', { key: job.key, type: 'cohort-summary', attempt: job.attempt, outcome });
}
