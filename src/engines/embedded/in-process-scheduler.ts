/**
 * The embedded {@link Scheduler}: schedules persist in `<dataDir>/schedules.db`
 * (nedb), so a restart loses nothing, and due jobs run in this process.
 *
 * - Due time comes from the Clock port: timers only wake the loop (at most
 *   every `pollMaxMs`), and {@link InProcessScheduler.runDue} decides what is
 *   due by `clock.now()`, so tests move a ManualClock and call it.
 * - Daily runs are computed from hour + IANA zone with Intl (daylight-saving
 *   safe, src/core/schedule/daily-time.ts), and each names the local date it
 *   is for (`day`: a run pushed past midnight by a gap is still its own
 *   day's). After a downtime, only the most recent missed daily run is made
 *   up, never one per missed day, and only within the catch-up window (3 h
 *   by default): an older one is skipped for the next run.
 * - A failed run retries with exponential backoff,
 *     delay(n) = min(baseMs · 2ⁿ⁻¹, maxMs) for attempt n,
 *   up to `maxAttempts`; a job that throws code JOB_UNRECOVERABLE is not
 *   retried. Then a one-off is dropped and a daily one waits for its next day.
 * - A run's outcome is written before the next one starts, so a finished run
 *   is never repeated after a restart. A run cut short by a crash is repeated
 *   (at least once); handlers send through deliverOnce, so the learner still
 *   sees one message.
 */
import type { Clock } from '../../core/ports/clock.port.ts';
import {
  CATCH_UP_WINDOW_MS,
  UNRECOVERABLE,
  type DailyAt,
  type DailyOptions,
  type JobPayload,
  type RunningJob,
  type ScheduledEntry,
  type Scheduler,
} from '../../core/ports/scheduler.port.ts';
import { dailyRunDate, isValidTimeZone, latestDailyRun, nextDailyRun } from '../../core/schedule/daily-time.ts';
import { PathwiseError } from '../../core/errors.ts';
import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir.ts';
import { openCollection, str, type Collection } from './nedb-files.ts';

export interface InProcessSchedulerOptions {
  clock: Clock;
  /** Tries per run, the first included. Default 5. */
  maxAttempts?: number;
  /** First retry delay. Default 30 s. */
  backoffBaseMs?: number;
  /** Longest retry delay. Default 30 min. */
  backoffMaxMs?: number;
  /** Longest sleep between checks, so a changed clock or a missed timer is noticed. Default 30 s. */
  pollMaxMs?: number;
  /** Most jobs run per check. Default 100. */
  batch?: number;
  /** How far back a missed daily run is made up (by a due check or {@link InProcessScheduler.catchUp}). Default {@link CATCH_UP_WINDOW_MS}. */
  catchUpWindowMs?: number;
  onError?: (info: { key: string; attempt: number; code: string; willRetry: boolean }) => void;
}

interface ScheduleState {
  key: string;
  payload: JobPayload;
  daily?: DailyAt;
  /** Next time to try (a retry moves this, not scheduledFor). */
  next: string;
  /** The run this is about; stays the same across retries of it. */
  scheduledFor: string;
  /** Tries already made for scheduledFor. */
  attempt: number;
  /** Bumped by every write, so a run never overwrites a schedule moved while it ran. */
  rev: number;
  /** Daily only: runs before this are not owed (catch-up); the last run made. */
  since?: string;
  lastRun?: string;
}

export const SCHEDULE_INVALID = 'SCHEDULE_INVALID';

function checkDaily(at: DailyAt): void {
  const minute = at.minute ?? 0;
  if (!Number.isInteger(at.hour) || at.hour < 0 || at.hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new PathwiseError(SCHEDULE_INVALID, `daily time must be hour 0-23 and minute 0-59`);
  }
  if (!isValidTimeZone(at.timezone)) throw new PathwiseError(SCHEDULE_INVALID, `unknown time zone`);
}

export class InProcessScheduler implements Scheduler {
  private handler: ((job: RunningJob) => Promise<void>) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly opts: Required<Omit<InProcessSchedulerOptions, 'onError'>> & Pick<InProcessSchedulerOptions, 'onError'>;

  private constructor(
    private readonly db: Collection,
    options: InProcessSchedulerOptions,
    private readonly unlock: () => void,
  ) {
    this.opts = { maxAttempts: 5, backoffBaseMs: 30_000, backoffMaxMs: 30 * 60_000, pollMaxMs: 30_000, batch: 100, catchUpWindowMs: CATCH_UP_WINDOW_MS, ...options };
  }

  /** Opens `<dir>/schedules.db`, sharing (or taking) the directory's lock (data-dir.ts). */
  static async open(dir: string, options: InProcessSchedulerOptions): Promise<InProcessScheduler> {
    mkdirSync(dir, { recursive: true });
    const unlock = lockDataDir(dir);
    try {
      return new InProcessScheduler(await openCollection(dir, 'schedules', [{ fieldName: 'key', unique: true }, { fieldName: 'next' }]), options, unlock);
    } catch (err) {
      unlock();
      throw err;
    }
  }

  private async read(key: string): Promise<ScheduleState | null> {
    const doc = await this.db.findOneAsync({ key: str(key, 'key') });
    return doc ? (JSON.parse(doc.json as string) as ScheduleState) : null;
  }

  private async write(s: ScheduleState): Promise<void> {
    await this.db.updateAsync({ key: s.key }, { key: s.key, next: s.next, rev: s.rev, json: JSON.stringify(s) }, { upsert: true });
  }

  async upsertDaily(key: string, at: DailyAt, payload: JobPayload, opts: DailyOptions = {}): Promise<void> {
    checkDaily(at);
    const prev = await this.read(key);
    const now = this.opts.clock.now();
    const next = nextDailyRun(now, at).toISOString();
    const same = prev?.daily && prev.daily.hour === at.hour && (prev.daily.minute ?? 0) === (at.minute ?? 0) && prev.daily.timezone === at.timezone;
    const since = (same && prev.since) || (opts.since ?? now).toISOString();
    const lastRun = same ? prev.lastRun : undefined;
    await this.write({ key, payload, daily: { ...at }, next, scheduledFor: next, attempt: 0, rev: (prev?.rev ?? 0) + 1, since, ...(lastRun ? { lastRun } : {}) });
    this.wake();
  }

  async catchUp(): Promise<number> {
    const now = this.opts.clock.now();
    let n = 0;
    for (const doc of await this.db.findAsync({})) {
      const s = JSON.parse(doc.json as string) as ScheduleState;
      if (!s.daily || s.attempt !== 0 || new Date(s.next).getTime() <= now.getTime()) continue;
      const runAt = latestDailyRun(now, s.daily);
      const owed = runAt.getTime() >= new Date(s.since ?? 0).getTime() && (!s.lastRun || new Date(s.lastRun).getTime() < runAt.getTime());
      if (!owed || now.getTime() - runAt.getTime() > this.opts.catchUpWindowMs) continue;
      await this.write({ ...s, next: runAt.toISOString(), scheduledFor: runAt.toISOString(), rev: s.rev + 1 });
      n++;
    }
    if (n > 0) this.wake();
    return n;
  }

  async scheduleAt(key: string, runAt: Date, payload: JobPayload): Promise<void> {
    if (!(runAt instanceof Date) || Number.isNaN(runAt.getTime())) throw new PathwiseError(SCHEDULE_INVALID, 'runAt must be a valid date');
    const prev = await this.read(key);
    const next = runAt.toISOString();
    await this.write({ key, payload, next, scheduledFor: next, attempt: 0, rev: (prev?.rev ?? 0) + 1 });
    this.wake();
  }

  async cancel(key: string): Promise<void> {
    await this.db.removeAsync({ key: str(key, 'key') }, {});
  }

  async cancelPrefix(prefix: string): Promise<number> {
    str(prefix, 'prefix');
    // Filtered here rather than with a regex query, so the prefix is never a pattern.
    const keys = (await this.db.findAsync({}, { key: 1 })).map((d) => d.key as string).filter((k) => k.startsWith(prefix));
    let n = 0;
    for (const key of keys) n += await this.db.removeAsync({ key }, {});
    // Rewrite the file so cancelled schedules (and the conversation refs in them) leave the disk too (forget-me).
    if (n > 0) await this.db.compactDatafileAsync();
    return n;
  }

  async list(prefix = ''): Promise<ScheduledEntry[]> {
    const docs = await this.db.findAsync({}).sort({ key: 1 });
    return docs
      .map((d) => JSON.parse(d.json as string) as ScheduleState)
      .filter((s) => s.key.startsWith(prefix))
      .map((s) => ({ key: s.key, payload: s.payload, next: new Date(s.next), ...(s.daily ? { daily: s.daily } : {}) }));
  }

  async start(handler: (job: RunningJob) => Promise<void>): Promise<void> {
    this.handler = handler;
    this.arm(0);
  }

  /** Stops the timers and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.handler = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain.catch(() => undefined);
    try {
      await this.db.compactDatafileAsync();
    } finally {
      this.unlock();
    }
  }

  /**
   * Runs every job due at `clock.now()` (one check; serialized with the timer
   * loop). Returns how many runs were made. Needs {@link start} first.
   */
  runDue(): Promise<number> {
    const run = this.chain.then(() => this.runDueOnce());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Re-arms the timer for the earliest schedule (after a write that may have moved it). */
  private wake(): void {
    if (!this.handler) return;
    void this.nextWake()
      .then((ms) => this.arm(ms))
      .catch(() => this.arm(this.opts.pollMaxMs));
  }

  private arm(wait: number): void {
    if (!this.handler) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runDue()
        .catch(() => undefined)
        .then(() => this.nextWake())
        .then(
          (ms) => this.arm(ms),
          () => this.arm(this.opts.pollMaxMs),
        );
    }, wait);
    // The scheduler never keeps the process alive by itself.
    this.timer.unref();
  }

  private async nextWake(): Promise<number> {
    const [first] = await this.db.findAsync({}, { next: 1 }).sort({ next: 1 }).limit(1);
    if (!first) return this.opts.pollMaxMs;
    const ms = new Date(first.next as string).getTime() - this.opts.clock.now().getTime();
    return Math.min(Math.max(ms, 10), this.opts.pollMaxMs);
  }

  private async runDueOnce(): Promise<number> {
    const handler = this.handler;
    if (!handler) return 0;
    const now = this.opts.clock.now();
    const docs = await this.db.findAsync({ next: { $lte: now.toISOString() } }).sort({ next: 1 }).limit(this.opts.batch);
    let runs = 0;
    for (const doc of docs) {
      if (!this.handler) break;
      const state = JSON.parse(doc.json as string) as ScheduleState;
      if (await this.runOne(handler, state, now)) runs++;
    }
    return runs;
  }

  /** Runs one due schedule; false when it was a daily run too old to make up (moved to its next run instead). */
  private async runOne(handler: (job: RunningJob) => Promise<void>, s: ScheduleState, now: Date): Promise<boolean> {
    let scheduledFor = new Date(s.scheduledFor);
    if (s.daily && s.attempt === 0) {
      // Make up only the most recent missed daily run, and only within the catch-up window, as catchUp and the
      // production engine do: after a night down, yesterday's task is not sent in the morning before today's.
      for (let t = nextDailyRun(scheduledFor, s.daily); t.getTime() <= now.getTime(); t = nextDailyRun(t, s.daily)) scheduledFor = t;
      if (now.getTime() - scheduledFor.getTime() > this.opts.catchUpWindowMs) {
        const next = nextDailyRun(now, s.daily).toISOString();
        const current = await this.read(s.key);
        if (current?.rev === s.rev) await this.write({ ...s, next, scheduledFor: next, attempt: 0, rev: s.rev + 1 });
        return false;
      }
    }
    const attempt = s.attempt + 1;
    let failure: unknown = null;
    try {
      await handler({ key: s.key, payload: s.payload, scheduledFor, attempt, ...(s.daily ? { day: dailyRunDate(scheduledFor, s.daily) } : {}) });
    } catch (err) {
      failure = err;
    }
    const end = this.opts.clock.now();
    const current = await this.read(s.key);
    // Cancelled or moved while it ran: the newer schedule stands.
    if (!current || current.rev !== s.rev) return true;
    const done = async () => {
      if (s.daily) {
        const next = nextDailyRun(new Date(Math.max(end.getTime(), scheduledFor.getTime())), s.daily).toISOString();
        await this.write({ ...s, next, scheduledFor: next, attempt: 0, rev: s.rev + 1, lastRun: scheduledFor.toISOString() });
      } else {
        await this.db.removeAsync({ key: s.key, rev: s.rev }, {});
      }
    };
    if (failure === null) return done().then(() => true);
    const code = failure instanceof PathwiseError ? failure.code : 'JOB_FAILED';
    const willRetry = code !== UNRECOVERABLE && attempt < this.opts.maxAttempts;
    this.opts.onError?.({ key: s.key, attempt, code, willRetry });
    if (!willRetry) return done().then(() => true);
    const delay = Math.min(this.opts.backoffBaseMs * 2 ** (attempt - 1), this.opts.backoffMaxMs);
    await this.write({ ...s, scheduledFor: scheduledFor.toISOString(), attempt, next: new Date(end.getTime() + delay).toISOString(), rev: s.rev + 1 });
    return true;
  }
}
