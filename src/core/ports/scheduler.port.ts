/**
 * The job scheduler: run this at that time, or every day at a learner's
 * local hour. Jobs carry ids and a conversation reference only, never
 * personal text. The in-process engine and BullMQ pass one contract suite
 * (test/contracts/scheduler.contract.ts).
 */
import type { ConversationRef } from '../chat/messages.ts';

export type JobPayload =
  | { type: 'daily-task'; learnerId: string; to: ConversationRef }
  | { type: 'review-due'; learnerId: string; to: ConversationRef }
  | { type: 'cohort-summary'; cohortId: string; to: ConversationRef };

export interface DailyAt {
  hour: number;
  minute?: number;
  /** IANA zone name. */
  timezone: string;
}

/** Options of a daily schedule. */
export interface DailyOptions {
  /**
   * Runs before this instant are not owed: {@link Scheduler.catchUp} never
   * makes them up (a learner who joined after today's slot). Default: now.
   * Kept while the schedule stays at the same local time; the reconciler
   * passes when the learner was created.
   */
  since?: Date;
}

/**
 * How far back {@link Scheduler.catchUp} makes up a daily run that was missed
 * (Redis emptied, no worker running): 3 hours. Later than that, today's task
 * is skipped rather than sent in the evening; tomorrow's comes as usual.
 */
export const CATCH_UP_WINDOW_MS = 3 * 3600_000;

export interface RunningJob {
  /** The schedule's key (same key = same schedule). */
  key: string;
  payload: JobPayload;
  /** When this run was meant to happen. */
  scheduledFor: Date;
  /**
   * Daily runs: the local calendar date (YYYY-MM-DD, in the schedule's
   * zone) the run is for, which names its delivery (one task per learner
   * and local date). The date of `scheduledFor` there, except when the
   * daily time did not exist that day and the run came just after a gap
   * that ended at midnight (src/core/schedule/daily-time.ts dailyRunDate).
   * Absent on one-off runs, and on daily runs queued by a version that did
   * not carry it (the handler falls back to the date of `scheduledFor`).
   */
  day?: string;
  /** 1 on the first try. */
  attempt: number;
}

/** What the handler throws for data that will never work (no retry). */
export const UNRECOVERABLE = 'JOB_UNRECOVERABLE';

export interface ScheduledEntry {
  key: string;
  payload: JobPayload;
  next: Date | null;
  daily?: DailyAt;
}

export interface Scheduler {
  /** Creates or moves a recurring daily schedule under `key`. */
  upsertDaily(key: string, at: DailyAt, payload: JobPayload, opts?: DailyOptions): Promise<void>;
  /** Creates or replaces a one-off run under `key` at `runAt`. */
  scheduleAt(key: string, runAt: Date, payload: JobPayload): Promise<void>;
  /** Removes the schedule under `key` (no-op when absent). */
  cancel(key: string): Promise<void>;
  /** Removes every schedule whose key starts with `prefix` (forget-me, pause). */
  cancelPrefix(prefix: string): Promise<number>;
  list(prefix?: string): Promise<ScheduledEntry[]>;
  /**
   * Makes up, once, each daily run that fell within the catch-up window
   * ({@link CATCH_UP_WINDOW_MS} unless the engine was given another), at or
   * after its schedule's `since`, and has not run: the reconciler calls it
   * after rebuilding schedules that Redis lost. A run already made (or
   * already queued) is never queued again. Returns how many runs (BullMQ:
   * slots) it queued; the handler runs them as usual once started.
   */
  catchUp(): Promise<number>;
  /** Starts running due jobs through `handler`; failed runs retry with backoff. */
  start(handler: (job: RunningJob) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}
