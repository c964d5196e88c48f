/**
 * Runs one BullMQ job through the handler given to `Scheduler.start`, and
 * turns what the handler throws into what BullMQ should do next:
 *
 * | handler outcome                      | BullMQ                                              |
 * | ------------------------------------ | --------------------------------------------------- |
 * | returns                              | completed                                           |
 * | throws `RateLimitedError`            | back to delayed for `retryAfterMs`, no retry spent  |
 * | throws code `JOB_UNRECOVERABLE`      | `UnrecoverableError`: failed now, no retries        |
 * | throws anything else                 | retried with exponential backoff, then failed       |
 *
 * A one-off run whose schedule was replaced or cancelled after it became
 * due is skipped (completed without calling the handler); see
 * schedule-index.ts. A slot's delivery job (`dl_…`) is not checked: that
 * check cost a Redis round trip per message, and all it asked was whether
 * the key still had some daily schedule. Cancelling a daily key removes
 * its waiting delivery jobs instead (BullMqScheduler), and the handler
 * reads the learner from the store, the record of who is gone or paused.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { isRateLimited } from '../../core/errors.ts';
import { UNRECOVERABLE, type RunningJob } from '../../core/ports/scheduler.port.ts';
import { parseJobData, scheduledForJob, schedulerIdFor, type ScheduleRef } from './job-ids.ts';
import type { ScheduleIndex } from './schedule-index.ts';

export type JobOutcome = 'done' | 'superseded';

/** What the runner reports, for logs and tests; ids only, never message text. */
export type SchedulerEvent =
  | { type: 'job-skipped'; jobId: string; key: string; reason: 'superseded' }
  | { type: 'job-rate-limited'; jobId: string; key: string; retryAfterMs: number }
  | { type: 'job-failed'; jobId: string; key: string | null; attemptsMade: number; final: boolean; reason: string }
  | { type: 'job-stalled'; jobId: string }
  | { type: 'slot-fanned-out'; slot: string; runAt: string; jobs: number }
  | { type: 'slot-skipped'; slot: string; runAt: string; reason: string }
  | { type: 'worker-error'; message: string };

export interface JobRunnerDeps {
  index: ScheduleIndex;
  handler: (job: RunningJob) => Promise<void>;
  /** Epoch ms now; the rate-limit delay is counted from it. */
  now: () => number;
  onEvent: (e: SchedulerEvent) => void;
}

/** A slot's delivery job: one per learner and local date, added by a fan-out (slots.ts). */
function isSlotDelivery(job: Job): boolean {
  return job.id?.startsWith('dl_') === true;
}

function isCurrent(ref: ScheduleRef | null, job: Job, key: string): boolean {
  if (!ref) return false;
  if (ref.kind === 'once') return ref.jobId === job.id;
  // A pre-slot per-learner scheduler's run counts while that scheduler is the key's own.
  return job.repeatJobKey === schedulerIdFor(key);
}

function hasCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

export function createJobRunner(deps: JobRunnerDeps): (job: Job, token?: string) => Promise<JobOutcome> {
  return async (job, token) => {
    const data = parseJobData(job.data);
    if (!data) throw new UnrecoverableError(`job ${String(job.id)} holds no Pathwise job data`);
    const slotDelivery = isSlotDelivery(job);
    const ref = slotDelivery ? null : await deps.index.get(data.key);
    if (!slotDelivery && !isCurrent(ref, job, data.key)) {
      deps.onEvent({ type: 'job-skipped', jobId: String(job.id), key: data.key, reason: 'superseded' });
      return 'superseded';
    }
    const running: RunningJob = {
      key: data.key,
      payload: data.payload,
      scheduledFor: scheduledForJob({ id: job.id, data, timestamp: job.timestamp }),
      ...(data.day ? { day: data.day } : {}),
      attempt: job.attemptsMade + 1,
    };
    try {
      await deps.handler(running);
    } catch (err) {
      if (isRateLimited(err) && token) {
        deps.onEvent({ type: 'job-rate-limited', jobId: String(job.id), key: data.key, retryAfterMs: err.retryAfterMs });
        await job.moveToDelayed(deps.now() + err.retryAfterMs, token);
        throw new DelayedError();
      }
      if (hasCode(err, UNRECOVERABLE)) {
        throw new UnrecoverableError(err instanceof Error ? err.message : String(err));
      }
      throw err;
    }
    // A one-off run is over: drop it from the index unless it was re-scheduled meanwhile.
    if (ref?.kind === 'once') await deps.index.deleteIfCurrent(data.key, ref);
    return 'done';
  };
}
