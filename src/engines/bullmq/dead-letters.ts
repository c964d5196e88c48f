/**
 * The dead-letter view of the BullMQ queues (deliveries and slot fan-outs):
 * runs that used up their retries or failed as unrecoverable stay in
 * BullMQ's failed sets (for `keepFailedDays`), where an operator can read
 * why, then retry or drop them (`pathwise jobs failed|retry|drop`). An id
 * names one run, with one exception: while a slot scheduler moves from the
 * delivery queue to the fan-out queue (an upgrade), the same slot run
 * (`repeat:s_…:<ms>`) or catch-up (`f_…`) can be on both. Then `retry` and
 * `drop` act on the first failed one found, and a second call on the other;
 * retrying both is safe (the same delivery job ids, nothing added twice).
 */
import type { Job, Queue } from 'bullmq';
import { parseJobData } from './job-ids.ts';

export interface FailedJob {
  id: string;
  type: string;
  /** The schedule key, and the learner or cohort it is for (ids only). */
  key: string | null;
  subject: string | null;
  reason: string;
  attemptsMade: number;
  maxAttempts: number;
  failedAt: Date | null;
  scheduledFor: Date | null;
}

function view(job: Job): FailedJob {
  const data = parseJobData(job.data);
  const p = data?.payload;
  return {
    id: String(job.id),
    type: job.name,
    key: data?.key ?? null,
    subject: p ? (p.type === 'cohort-summary' ? `cohort ${p.cohortId}` : p.learnerId) : null,
    reason: job.failedReason ?? '(no reason recorded)',
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    scheduledFor: data?.runAt !== undefined ? new Date(data.runAt) : job.timestamp ? new Date(job.timestamp + (job.delay ?? 0)) : null,
  };
}

const PAGE = 200;

export class DeadLetters {
  constructor(private readonly queues: readonly Queue[]) {}

  async count(): Promise<number> {
    let n = 0;
    for (const q of this.queues) n += await q.getFailedCount();
    return n;
  }

  /** The most recently failed first, across the queues. */
  async list(limit = 50): Promise<FailedJob[]> {
    const all: Job[] = [];
    for (const q of this.queues) all.push(...(await q.getFailed(0, Math.max(0, limit - 1))).filter((j): j is Job => Boolean(j)));
    return all
      .sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))
      .slice(0, limit)
      .map(view);
  }

  /** Puts a failed run back to wait with its retries restored; false when no failed job has that id. */
  async retry(id: string): Promise<boolean> {
    const job = await this.failed(id);
    if (!job) return false;
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }

  /** Deletes a failed run; false when no failed job has that id. */
  async drop(id: string): Promise<boolean> {
    const job = await this.failed(id);
    if (!job) return false;
    await job.remove();
    return true;
  }

  /** The failed job with this id, in whichever queue holds it. */
  private async failed(id: string): Promise<Job | null> {
    for (const q of this.queues) {
      const job = await q.getJob(id);
      if (job && (await job.getState()) === 'failed') return job;
    }
    return null;
  }

  async retryAll(max = 10_000): Promise<number> {
    return this.each(max, (id) => this.retry(id));
  }

  async dropAll(max = 10_000): Promise<number> {
    return this.each(max, (id) => this.drop(id));
  }

  /** Applies `f` to failed jobs page by page (each page leaves the failed set, so it always reads from the top). */
  private async each(max: number, f: (id: string) => Promise<boolean>): Promise<number> {
    let n = 0;
    while (n < max) {
      const ids: string[] = [];
      for (const q of this.queues) ids.push(...(await q.getFailed(0, PAGE - 1)).filter(Boolean).map((j) => String(j.id)));
      if (ids.length === 0) break;
      let moved = 0;
      for (const id of ids.slice(0, max - n)) if (await f(id)) moved++;
      n += moved;
      if (moved === 0) break;
    }
    return n;
  }
}
