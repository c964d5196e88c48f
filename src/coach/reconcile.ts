/**
 * The store is the record of what must happen; the scheduler (Redis) holds
 * work in flight. The reconciler rebuilds the schedules from the store:
 * `pathwise worker` runs it when it starts and every
 * {@link RECONCILE_EVERY_MS}, and `pathwise jobs reconcile` on demand.
 *
 * For every learner it puts back what the turns would have scheduled:
 * - the daily task (`learner:<id>:daily`) at their local time when they are
 *   onboarded, not paused and have a goal, owed from when they were created;
 *   otherwise none;
 * - the review prompt (`learner:<id>:review`) at their earliest due card
 *   rounded up to the hour, unless that hour is older than the catch-up
 *   window (the prompt's delivery key makes a repeat of a sent one a no-op);
 * for every cohort the next weekly summary (from the window's start, so one
 * missed within it is posted now); it cancels the schedules of learners the
 * store no longer has; finishes forget-me deletions left unfinished
 * (src/coach/forget-learner.ts); and finally asks the scheduler to catch up daily runs
 * missed within the window ({@link Scheduler.catchUp}).
 *
 * On BullMQ, putting back a learner's daily slot also moves a slot scheduler
 * made before the fan-out queue existed onto it (BullMqScheduler).
 *
 * Nothing here sends: every run still goes through deliverOnce with its
 * delivery key, so reconciling twice, or after runs that did happen, never
 * sends a message twice. Several processes reconcile (each worker at start
 * and every {@link RECONCILE_EVERY_MS}, and the CLI); given a shared lock,
 * one rebuilds at a time and the others skip their run.
 */
import type { CohortStore } from '../core/ports/cohort-store.port.ts';
import type { Clock } from '../core/ports/clock.port.ts';
import type { LearnerRecord, LearnerStore } from '../core/ports/learner-store.port.ts';
import { CATCH_UP_WINDOW_MS, type ScheduledEntry, type Scheduler } from '../core/ports/scheduler.port.ts';
import type { SharedLock } from '../core/ports/shared-lock.port.ts';
import { armSummary, cohortJobKey } from './flows/cohort.ts';
import { dailyKey, reviewKey } from './flows/review-schedule.ts';
import { finishForget, isForgotten, type ForgetDeps } from './forget-learner.ts';

/** How often a worker reconciles while it runs. */
export const RECONCILE_EVERY_MS = 15 * 60_000;

const HOUR = 3600_000;
const PAGE = 200;
/** Learners reconciled at once. */
const PARALLEL = 20;

export interface ReconcileDeps {
  store: Pick<LearnerStore, 'listLearnerIds' | 'getLearner' | 'nextDue'> & Partial<Pick<LearnerStore, 'forgetLearner' | 'putLearner'>>;
  cohorts?: Pick<CohortStore, 'getCohort' | 'listCohortIds'> & Partial<Pick<CohortStore, 'forgetLearner'>>;
  scheduler: Scheduler;
  clock: Clock;
  /** Default {@link CATCH_UP_WINDOW_MS}; the scheduler's own window should match. */
  windowMs?: number;
  /** Shared by every process that reconciles, so that one rebuilds at a time; without it the run is not guarded. */
  lock?: SharedLock;
}

export interface ReconcileReport {
  learners: number;
  daily: number;
  reviews: number;
  cohorts: number;
  /** Schedules of learners (or cohorts) the store no longer has. */
  removed: number;
  /** Daily runs (BullMQ: slots) queued to make up a missed one. */
  caughtUp: number;
  /** Unfinished forget-me deletions finished. */
  forgotten: number;
  /** Another process was reconciling (it held the lock), so this run did nothing. */
  skipped: boolean;
}

/** The name of the reconciler's {@link SharedLock}. */
export const RECONCILE_LOCK = 'reconcile';

/** Whether the learner should get a daily task (what scheduleDaily decides in a turn). */
export function wantsDaily(l: LearnerRecord): boolean {
  return l.onboarding === 'done' && !l.settings.paused && l.goals.length > 0;
}

const emptyReport = (): ReconcileReport => ({ learners: 0, daily: 0, reviews: 0, cohorts: 0, removed: 0, caughtUp: 0, forgotten: 0, skipped: false });

export async function reconcileSchedules(deps: ReconcileDeps): Promise<ReconcileReport> {
  if (!deps.lock) return rebuild(deps);
  const run = await deps.lock.run(RECONCILE_LOCK, () => rebuild(deps));
  return run.ran ? run.value : { ...emptyReport(), skipped: true };
}

async function rebuild(deps: ReconcileDeps): Promise<ReconcileReport> {
  const now = deps.clock.now();
  const windowMs = deps.windowMs ?? CATCH_UP_WINDOW_MS;
  const report = emptyReport();
  const existing = new Map<string, ScheduledEntry>((await deps.scheduler.list()).map((e) => [e.key, e]));
  const wanted = new Set<string>();

  const one = async (learnerId: string) => {
    const l = await deps.store.getLearner(learnerId);
    if (!l) return;
    if (isForgotten(l)) {
      // A forget-me that did not finish: finish it now (its schedules go with it).
      if (deps.store.forgetLearner && deps.store.putLearner) await finishForget({ store: deps.store as ForgetDeps['store'], scheduler: deps.scheduler, ...(deps.cohorts?.forgetLearner ? { cohorts: deps.cohorts as ForgetDeps['cohorts'] & object } : {}) }, learnerId);
      report.forgotten++;
      return;
    }
    report.learners++;
    if (wantsDaily(l)) {
      const payload = { type: 'daily-task' as const, learnerId, to: l.conversation };
      await deps.scheduler.upsertDaily(dailyKey(learnerId), { hour: l.settings.dailyHour, timezone: l.settings.timezone }, payload, { since: new Date(l.createdAt) });
      wanted.add(dailyKey(learnerId));
      report.daily++;
    }
    if (l.settings.paused) return;
    const due = await deps.store.nextDue(learnerId);
    if (!due) return;
    const runAt = new Date(Math.ceil(due.getTime() / HOUR) * HOUR);
    if (runAt.getTime() < now.getTime() - windowMs) return;
    wanted.add(reviewKey(learnerId));
    if (existing.get(reviewKey(learnerId))?.next?.getTime() === runAt.getTime()) return;
    await deps.scheduler.scheduleAt(reviewKey(learnerId), runAt, { type: 'review-due', learnerId, to: l.conversation });
    report.reviews++;
  };

  for (let after: string | null = null; ; ) {
    const ids = await deps.store.listLearnerIds(after, PAGE);
    for (let i = 0; i < ids.length; i += PARALLEL) await Promise.all(ids.slice(i, i + PARALLEL).map(one));
    if (ids.length < PAGE) break;
    after = ids[ids.length - 1]!;
  }

  if (deps.cohorts?.listCohortIds) {
    for (let after: string | null = null; ; ) {
      const ids = await deps.cohorts.listCohortIds(after, PAGE);
      for (const id of ids) {
        const cohort = await deps.cohorts.getCohort(id);
        if (!cohort) continue;
        wanted.add(cohortJobKey(id));
        if (existing.has(cohortJobKey(id))) continue;
        await armSummary(deps.scheduler, cohort, new Date(now.getTime() - windowMs));
        report.cohorts++;
      }
      if (ids.length < PAGE) break;
      after = ids[ids.length - 1]!;
    }
  }

  for (const key of existing.keys()) {
    const learnerKey = key.startsWith('learner:') && (key.endsWith(':daily') || key.endsWith(':review'));
    const cohortKey = key.startsWith('cohort:') && deps.cohorts?.listCohortIds !== undefined;
    if ((learnerKey || cohortKey) && !wanted.has(key)) {
      await deps.scheduler.cancel(key);
      report.removed++;
    }
  }
  report.caughtUp = await deps.scheduler.catchUp();
  return report;
}
