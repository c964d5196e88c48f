/**
 * The production {@link Scheduler}: BullMQ on Redis.
 *
 * - Daily schedules are grouped by slot (zone, local time; slots.ts): one
 *   BullMQ job scheduler per slot, a cron pattern (`m h * * *`) with the
 *   IANA zone as `tz`, so 09:00 stays 09:00 local across daylight saving.
 *   When it fires, a fan-out run adds the slot's delivery jobs in bulk, one
 *   per learner with the id `dl_<key>@<local date>` (the date the run is
 *   for, which a spring-forward gap ending at midnight can make the day
 *   before the run's own; daily-time.ts dailyRunDate), so a second fan-out
 *   of the same day (a retry, a catch-up) adds nothing. Upserting a key moves
 *   it between slots.
 * - Two queues: deliveries (`<queue>`: one job per message) and fan-outs
 *   (`<queue>-fanout`: the slot schedulers and catch-up runs). A worker runs
 *   either or both (worker-roles.ts); `pathwise worker` runs both unless
 *   told `--only`, so a deployment can give the fan-out (about 37 µs of CPU
 *   per delivery it adds) a process of its own. Slot schedulers made before
 *   the fan-out queue existed sit on the delivery queue: the delivery worker
 *   still runs their fan-outs (same code, same job ids, so nothing is sent
 *   twice), and ensuring a slot's scheduler moves it (upsert on the fan-out
 *   queue, then remove the old one).
 * - {@link BullMqScheduler.catchUp} queues the fan-out of each slot whose
 *   run fell within the catch-up window (3 h by default); a fan-out run
 *   older than the window adds nothing, so a worker that was down all day
 *   does not send yesterday's task in the evening.
 * - A one-off run (a review prompt when FSRS says cards fall due, a cohort
 *   summary) is one delayed job whose id is derived from key and time
 *   (job-ids.ts); scheduling the key again replaces it, and the runner skips
 *   a run the schedule index no longer points at.
 * - A delivery job is not checked against the schedule index (one Redis
 *   round trip per message saved): cancelling a daily key removes its
 *   delivery jobs still waiting instead, and the handler reads the learner
 *   from the store, which says whether they are gone or paused.
 * - The bot process only produces (upsert, cancel, list); `pathwise worker`
 *   processes call {@link BullMqScheduler.start}. Any number of each may run:
 *   BullMQ hands every job to one worker at a time, and a worker that dies
 *   mid-job has it taken back by stalled-job recovery. Exactly-once as the
 *   learner sees it is the handler's part (deliverOnce on the store).
 */
import { plural } from '../../core/text/wording.ts';
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../../core/ports/clock.port.ts';
import { systemClock } from '../../core/ports/clock.port.ts';
import { CATCH_UP_WINDOW_MS, type DailyAt, type DailyOptions, type JobPayload, type RunningJob, type ScheduledEntry, type Scheduler } from '../../core/ports/scheduler.port.ts';
import { dailyRunDate, latestDailyRun, localDate, nextDailyRun } from '../../core/schedule/daily-time.ts';
import { catchUpJobId, dailyJobId, parseSlotId, SLOT_FANOUT, SlotIndex, slotIdOf, slotSchedulerId, type SlotMember } from './slots.ts';
import { createJobRunner, type SchedulerEvent } from './job-runner.ts';
import {
  cronForDaily,
  minimalPayload,
  oneOffJobId,
  parseJobData,
  scheduledForJob,
  schedulerIdFor,
  type JobData,
  type ScheduleRef,
} from './job-ids.ts';
import { ScheduleIndex } from './schedule-index.ts';
import { DeadLetters } from './dead-letters.ts';
import { connectRedis } from './redis-connection.ts';
import { dailyRepeatStrategy } from './daily-repeat.ts';
import { WORKER_ROLES, type WorkerRole } from './worker-roles.ts';

export interface BullMqSchedulerOptions {
  /** A Redis URL (the scheduler owns and closes the connection) or a connection the caller owns. */
  redis: string | Redis;
  /** BullMQ key prefix; tests use a unique one each. */
  prefix: string;
  queueName?: string;
  /** Used to compute delays and as the daily schedules' start date. */
  clock?: Clock;
  /** Jobs one worker runs at once. */
  concurrency?: number;
  /** Tries per run and the first backoff delay (doubling each time). Default 10 tries from 5 s: about 85 minutes in all. */
  retry?: { attempts: number; backoffMs: number };
  /** Stalled-job detection; BullMQ's defaults (30 s) except maxStalledCount 5. Tests shorten them. */
  stalled?: { lockDuration?: number; stalledInterval?: number; maxStalledCount?: number };
  /**
   * How many deferrals (a rate limit said "later", or another worker's delivery
   * claim is still leased) a run may take on top of its retries before it fails
   * (default 1,000). Each deferral waits the time it was given, so this bounds a
   * runaway loop, not a busy peak: at 50 (the old default) a 2,000-learner
   * fan-out under 30 worker kills failed one learner's task to the dead letters.
   */
  maxRateLimitDeferrals?: number;
  /** Completed jobs kept for inspection; failed ones stay (the dead-letter view) for `keepFailedDays`. */
  keepCompleted?: number;
  keepFailedDays?: number;
  /**
   * How long `stop` waits for running jobs before closing anyway (default 30 s,
   * under docker compose's 60 s grace). A job cut off this way is taken back
   * by stalled-job recovery on another worker, and deliverOnce keeps it from
   * being sent twice.
   */
  shutdownGraceMs?: number;
  /** How far back a missed daily run is still made up (default {@link CATCH_UP_WINDOW_MS}). */
  catchUpWindowMs?: number;
  onEvent?: (e: SchedulerEvent) => void;
  /** What {@link BullMqScheduler.start} runs in this process (default both). */
  roles?: readonly WorkerRole[];
}

export const DEFAULT_QUEUE = 'pathwise-jobs';

/** The fan-out queue of a delivery queue: its slot schedulers and catch-up runs. */
export function fanOutQueueName(queue: string): string {
  return `${queue}-fanout`;
}

/** Delivery jobs added per round trip in a slot's fan-out. */
const FANOUT_CHUNK = 250;

/** One-off job states that are still to run (or running); completed and failed ones are not listed. */
const PENDING_STATES = new Set(['delayed', 'waiting', 'prioritized', 'active', 'waiting-children', 'wait', 'paused']);
/** Delivery job states a cancel removes: still to run, not running. */
const PENDING_DELIVERY = new Set<string>(['delayed', 'waiting', 'prioritized', 'wait', 'paused']);

/** JSON with object keys sorted, to compare options Redis hands back in another key order. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

export class BullMqScheduler implements Scheduler {
  /** Delivery jobs (and one-off runs). */
  readonly queue: Queue;
  /** Slot schedulers and catch-up fan-out runs. */
  readonly fanOutQueue: Queue;
  private readonly redis: Redis;
  private readonly ownsRedis: boolean;
  private readonly index: ScheduleIndex;
  private readonly slots: SlotIndex;
  /** Slots whose job scheduler this process has created or confirmed. */
  private readonly ensured = new Set<string>();
  private readonly clock: Clock;
  private readonly jobOpts: Pick<JobsOptions, 'attempts' | 'backoff' | 'removeOnComplete' | 'removeOnFail'>;
  private workers: Worker[] = [];
  /** The worker's queue handle for slot fan-outs' adds, on a connection of its own (see fanOut). */
  private adder: Queue | null = null;
  /** Handler runs in progress in this process, so shutdown knows when they are done. */
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly opts: BullMqSchedulerOptions) {
    this.ownsRedis = typeof opts.redis === 'string';
    this.redis = typeof opts.redis === 'string' ? connectRedis(opts.redis, `${opts.prefix}-queue`) : opts.redis;
    const name = opts.queueName ?? DEFAULT_QUEUE;
    this.queue = new Queue(name, { connection: this.redis, prefix: opts.prefix, settings: { repeatStrategy: dailyRepeatStrategy } });
    this.fanOutQueue = new Queue(fanOutQueueName(name), { connection: this.redis, prefix: opts.prefix, settings: { repeatStrategy: dailyRepeatStrategy } });
    this.index = new ScheduleIndex(this.redis, `${opts.prefix}:${name}`);
    this.slots = new SlotIndex(this.redis, `${opts.prefix}:${name}`);
    this.clock = opts.clock ?? systemClock;
    const retry = opts.retry ?? { attempts: 10, backoffMs: 5000 };
    this.jobOpts = {
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.backoffMs },
      removeOnComplete: { count: opts.keepCompleted ?? 1000 },
      removeOnFail: { age: (opts.keepFailedDays ?? 14) * 24 * 3600 },
    };
  }

  async upsertDaily(key: string, at: DailyAt, payload: JobPayload, opts: DailyOptions = {}): Promise<void> {
    const pattern = cronForDaily(at);
    const slot = slotIdOf(at);
    const previous = await this.index.get(key);
    // Staying in the same slot keeps `since`; joining a slot owes runs from now (or the given instant) on.
    const kept = previous?.kind === 'daily' && previous.slot === slot ? await this.slots.member(slot, key) : null;
    const since = kept?.since ?? (opts.since ?? this.clock.now()).getTime();
    const newSlot = await this.slots.put(slot, key, { payload: minimalPayload(payload), since });
    await this.index.set(key, { kind: 'daily', slot });
    if (previous) await this.leave(key, previous, slot);
    // A slot new to Redis (or to this process: its scheduler may have been lost) gets its job scheduler (re-)created.
    if (newSlot || !this.ensured.has(slot)) await this.ensureSlotScheduler(slot, at, pattern);
  }

  /**
   * Also confirms every slot's scheduler (the reconciler calls this after its
   * upserts, which re-create only a slot new to Redis or to this process): one
   * lost meanwhile (a leave and a join interleaving, see leave()) is back
   * within one reconcile, and an old one on the delivery queue moves.
   */
  async catchUp(): Promise<number> {
    const now = this.clock.now();
    let n = 0;
    for (const slot of await this.slots.slots()) {
      const at = parseSlotId(slot);
      if (!at) continue;
      await this.ensureSlotScheduler(slot, at, cronForDaily(at));
      const runAt = latestDailyRun(now, at).getTime();
      if (now.getTime() - runAt > this.catchUpWindowMs) continue;
      // A fixed id per slot and run: a second catch-up of the same run is refused while the first is kept.
      await this.fanOutQueue.add(SLOT_FANOUT, { slot, runAt }, { ...this.fanOutOpts, jobId: catchUpJobId(slot, runAt) });
      n++;
    }
    return n;
  }

  private get catchUpWindowMs(): number {
    return this.opts.catchUpWindowMs ?? CATCH_UP_WINDOW_MS;
  }

  /** Fan-out and delivery runs are kept (completed) for 36 h, so a second add of the same id is refused for a day and a half. */
  private get fanOutOpts(): JobsOptions {
    return { ...this.jobOpts, removeOnComplete: { age: 36 * 3600 } };
  }

  /**
   * Creates or confirms the slot's job scheduler on the fan-out queue, then
   * removes one left on the delivery queue from before the fan-out queue
   * existed. In that order, a run falling between the two fires on both
   * queues (the same delivery job ids: nothing is added twice), never on
   * neither.
   *
   * A scheduler that is there with its next run still pending is left
   * alone: BullMQ's upsert replaces that pending run with the next one after
   * `startDate`, so a process ensuring the slot while its run is due but not
   * yet taken (the fan-out worker busy with another slot, or restarting)
   * would push today's run to tomorrow, and nothing but a reconcile's
   * catch-up would bring it back.
   */
  private async ensureSlotScheduler(slot: string, at: DailyAt, pattern: string): Promise<void> {
    this.ensured.add(slot);
    const id = slotSchedulerId(slot);
    if (!(await this.slotSchedulerCurrent(id))) await this.upsertSlotScheduler(slot, at, pattern);
    await this.releaseDueLegacyRun(id);
    await this.queue.removeJobScheduler(id);
  }

  /**
   * Before an old slot scheduler on the delivery queue is removed (which
   * deletes its delayed run): a run of it that already fell due but is still
   * delayed (no worker promoted it: they were down for the upgrade, or busy)
   * is moved to waiting, where the removal leaves it and the delivery worker
   * fans it out. The fan-out queue's new scheduler starts from now, so
   * without this the run would be lost to a catch-up. BullMQ's delays are
   * wall-clock time, hence Date.now() rather than the injected clock (a clock
   * ahead of the wall would release a run early).
   */
  private async releaseDueLegacyRun(schedulerId: string): Promise<void> {
    const legacy = await this.queue.getJobScheduler(schedulerId);
    if (typeof legacy?.next !== 'number' || legacy.next > Date.now()) return;
    const job = await this.queue.getJob(`repeat:${schedulerId}:${legacy.next}`);
    if (!job || (await job.getState()) !== 'delayed') return;
    await job.promote().catch(() => undefined); // Promoted or taken meanwhile: it runs either way.
  }

  /**
   * True when the fan-out queue has this slot scheduler with this process's
   * job options (retries, retention: a changed configuration still gets
   * upserted) and its next run is still to be taken (or running).
   */
  private async slotSchedulerCurrent(schedulerId: string): Promise<boolean> {
    const s = await this.fanOutQueue.getJobScheduler(schedulerId);
    if (typeof s?.next !== 'number' || canonicalJson(s.template?.opts) !== canonicalJson(this.fanOutOpts)) return false;
    return PENDING_STATES.has(await this.fanOutQueue.getJobState(`repeat:${schedulerId}:${s.next}`));
  }

  private async upsertSlotScheduler(slot: string, at: DailyAt, pattern: string): Promise<void> {
    await this.fanOutQueue.upsertJobScheduler(slotSchedulerId(slot), { pattern, tz: at.timezone, startDate: this.clock.now() }, { name: SLOT_FANOUT, data: { slot }, opts: this.fanOutOpts });
  }

  /**
   * Takes `key` out of where `previous` had it, unless that is `keep` (the
   * slot it stays in). A daily key leaving its slot for another slot keeps
   * the delivery job already added for it (it is still a daily schedule, as
   * before the move); one leaving daily schedules altogether (cancelled, or
   * replaced by a one-off) has its waiting delivery jobs removed.
   */
  private async leave(key: string, previous: ScheduleRef, keep?: string): Promise<void> {
    if (previous.kind === 'once') return this.removeOneOff(previous.jobId);
    if (!previous.slot) return void (await this.queue.removeJobScheduler(schedulerIdFor(key)));
    if (previous.slot === keep) return;
    await this.slots.remove(previous.slot, key);
    if (keep === undefined) await this.removeDeliveries(key, previous.slot);
    // The last member out removes the slot's scheduler. A learner joining that slot in the same instant
    // re-creates it (its add finds the slot new); if the two interleave badly, the next reconcile restores it.
    if (await this.slots.pruneIfEmpty(previous.slot)) {
      this.ensured.delete(previous.slot);
      await this.fanOutQueue.removeJobScheduler(slotSchedulerId(previous.slot));
      await this.queue.removeJobScheduler(slotSchedulerId(previous.slot)); // One from before the fan-out queue, if any.
    }
  }

  /**
   * Removes a daily key's delivery jobs that are still waiting (waiting,
   * delayed by a rate limit or a retry's backoff): the run before the
   * latest, the latest and the next (a worker whose clock runs ahead may
   * already have added it). Delivery jobs are not checked against the
   * schedule index, so this is what keeps a cancelled schedule's added job
   * from running. One already running cannot be removed: it was past the
   * check before too. Completed and failed ones stay (BullMQ keeps refusing
   * the id; the dead letters keep their record). The handler still reads
   * the learner from the store first, which is what stops a job added by a
   * fan-out that read the slot just before the key left it.
   */
  private async removeDeliveries(key: string, slot: string): Promise<void> {
    const at = parseSlotId(slot);
    if (!at) return;
    const latest = latestDailyRun(this.clock.now(), at);
    const runs = [latestDailyRun(new Date(latest.getTime() - 1), at), latest, nextDailyRun(this.clock.now(), at)];
    for (const date of new Set(runs.map((r) => dailyRunDate(r, at)))) {
      const jobId = dailyJobId(key, date);
      if (!PENDING_DELIVERY.has(await this.queue.getJobState(jobId))) continue;
      try {
        await this.queue.remove(jobId);
      } catch {
        // Taken by a worker since: running now, as it would have been after the index check.
      }
    }
  }

  /**
   * A slot's fan-out: adds one delivery job per member (ids per key and the
   * local date the run is for, dailyRunDate; BullMQ refuses a repeat), unless
   * the run is older than the catch-up window. Members that joined after the
   * run are not owed it.
   */
  private async fanOut(job: Job): Promise<number> {
    const data = job.data as { slot?: unknown; runAt?: unknown };
    const at = parseSlotId(data.slot);
    if (!at) throw new UnrecoverableError(`job ${String(job.id)} names no slot`);
    const slot = data.slot as string;
    const runAt = typeof data.runAt === 'number' ? data.runAt : scheduledForJob({ id: job.id, data: {}, timestamp: job.timestamp }).getTime();
    const onEvent = this.opts.onEvent ?? (() => {});
    if (this.clock.now().getTime() - runAt > this.catchUpWindowMs) {
      onEvent({ type: 'slot-skipped', slot, runAt: new Date(runAt).toISOString(), reason: 'older than the catch-up window' });
      return 0;
    }
    const date = dailyRunDate(new Date(runAt), at);
    // Versions before the run's date was carried named every run for the local date of its instant; the two differ only
    // for a run just after a spring-forward gap that ended at midnight (once a year, in a few zones).
    const formerDate = localDate(new Date(runAt), at.timezone);
    const opts = this.fanOutOpts; // Built once per fan-out, not once per learner.
    let n = 0;
    for await (const page of this.slots.members(slot)) {
      const owed = page.filter(([, m]) => m.since <= runAt);
      const fresh = date === formerDate ? owed : await this.notFannedOutBefore(owed, formerDate, runAt);
      const jobs = fresh.map(([key, m]) => ({ name: m.payload.type, data: { key, payload: m.payload, runAt, day: date } satisfies JobData, opts: { ...opts, jobId: dailyJobId(key, date) } }));
      // In chunks on the fan-out's own connection: the first learners' jobs can run while the rest are added,
      // instead of waiting behind the whole slot's adds on the connection the worker fetches jobs on.
      for (let i = 0; i < jobs.length; i += FANOUT_CHUNK) await (this.adder ?? this.queue).addBulk(jobs.slice(i, i + FANOUT_CHUNK));
      n += jobs.length;
    }
    onEvent({ type: 'slot-fanned-out', slot, runAt: new Date(runAt).toISOString(), jobs: n });
    return n;
  }

  /**
   * The members whose delivery of this run a fan-out by an older version
   * has not already added under its former id (`dl_<key>@<formerDate>`,
   * with the same run): a catch-up by the upgraded worker re-fanning out
   * that run must not add a second job under the new id, which the learner
   * would get as a second task (its delivery key differs too). Only the run
   * after a midnight gap gets here, so the look-ups (one per member) are
   * once a year per slot in those zones.
   */
  private async notFannedOutBefore(members: [string, SlotMember][], formerDate: string, runAt: number): Promise<[string, SlotMember][]> {
    const former = await Promise.all(members.map(([key]) => this.queue.getJob(dailyJobId(key, formerDate))));
    return members.filter((_, i) => parseJobData(former[i]?.data)?.runAt !== runAt);
  }

  async scheduleAt(key: string, runAt: Date, payload: JobPayload): Promise<void> {
    const jobId = oneOffJobId(key, runAt);
    const ref: ScheduleRef = { kind: 'once', jobId };
    const previous = await this.index.get(key);
    // Point the key at the new job first: from here on the old one is skipped even if it is already due.
    await this.index.set(key, ref);
    if (previous?.kind === 'daily') await this.leave(key, previous);
    if (previous?.kind === 'once' && previous.jobId !== jobId) await this.removeOneOff(previous.jobId);
    // Same key and time as a run that already finished: BullMQ would ignore the add, so clear the old one.
    const existing = await this.queue.getJob(jobId);
    if (existing && ['completed', 'failed'].includes(await existing.getState())) await this.removeOneOff(jobId);
    const data: JobData = { key, payload: minimalPayload(payload), runAt: runAt.getTime() };
    const delay = Math.max(0, runAt.getTime() - this.clock.now().getTime());
    await this.queue.add(payload.type, data, { ...this.jobOpts, jobId, delay });
  }

  async cancel(key: string): Promise<void> {
    const ref = await this.index.get(key);
    await this.index.delete(key);
    if (ref) await this.leave(key, ref);
  }

  async cancelPrefix(prefix: string): Promise<number> {
    let n = 0;
    for await (const keys of this.index.allKeys(prefix)) {
      for (const key of keys) {
        await this.cancel(key);
        n++;
      }
    }
    return n;
  }

  async list(prefix = ''): Promise<ScheduledEntry[]> {
    const out: ScheduledEntry[] = [];
    const nextOfSlot = new Map<string, Promise<Date | null>>();
    for await (const keys of this.index.allKeys(prefix)) {
      const refs = await this.index.getMany(keys);
      const entries = await Promise.all(keys.map((key, i) => this.entryFor(key, refs[i] ?? null, nextOfSlot)));
      for (const e of entries) if (e) out.push(e);
    }
    return out;
  }

  /**
   * Starts this process's workers ({@link BullMqSchedulerOptions.roles}):
   * the delivery worker runs `handler` at the configured concurrency; the
   * fan-out worker runs one slot's fan-out at a time (they are a few a day,
   * each adding a slot's jobs in bulk).
   */
  async start(handler: (job: RunningJob) => Promise<void>): Promise<void> {
    if (this.workers.length > 0) throw new Error('BullMqScheduler.start called twice');
    const roles = this.opts.roles ?? WORKER_ROLES;
    const onEvent = this.opts.onEvent ?? (() => {});
    this.adder = new Queue(this.queue.name, { connection: this.redis.duplicate({ connectionName: `${this.opts.prefix}-fanout` }), prefix: this.opts.prefix });
    const run = createJobRunner({ index: this.index, handler, now: () => this.clock.now().getTime(), onEvent });
    const tracked = (p: Promise<unknown>): Promise<unknown> => {
      this.running.add(p);
      const forget = () => void this.running.delete(p);
      p.then(forget, forget);
      return p;
    };
    // A slot fan-out on the delivery queue comes from a slot scheduler made before the fan-out queue existed.
    if (roles.includes('deliveries')) {
      this.workers.push(this.makeWorker(this.queue.name, (job, token) => tracked(job.name === SLOT_FANOUT ? this.fanOut(job) : run(job, token)), this.opts.concurrency ?? 20));
    }
    if (roles.includes('fanout')) this.workers.push(this.makeWorker(this.fanOutQueue.name, (job) => tracked(this.fanOut(job)), 1));
    for (const worker of this.workers) {
      worker.on('failed', (job: Job | undefined, err: Error) => {
        if (!job) return;
        const data = parseJobData(job.data);
        const final = job.finishedOn !== undefined || job.attemptsMade >= (job.opts.attempts ?? 1);
        onEvent({ type: 'job-failed', jobId: String(job.id), key: data?.key ?? null, attemptsMade: job.attemptsMade, final, reason: err.message });
      });
      worker.on('stalled', (jobId: string) => onEvent({ type: 'job-stalled', jobId }));
      worker.on('error', (err: Error) => onEvent({ type: 'worker-error', message: err.message }));
      // run() resolves only when the worker closes; errors are reported through 'error'.
      worker.run().catch((err: unknown) => onEvent({ type: 'worker-error', message: (err as Error).message }));
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  private makeWorker(queue: string, processor: (job: Job, token?: string) => Promise<unknown>, concurrency: number): Worker {
    const attempts = this.jobOpts.attempts ?? 1;
    return new Worker(queue, processor, {
      connection: this.redis,
      prefix: this.opts.prefix,
      concurrency,
      // A job taken back from a dead worker runs again safely (the delivery claim), so allow a few such
      // take-backs before BullMQ fails it to the dead letters (its default, once, turned two crashes into a miss).
      maxStalledCount: 5,
      ...this.opts.stalled,
      maxStartedAttempts: attempts + (this.opts.maxRateLimitDeferrals ?? 1000),
      autorun: false,
      settings: { repeatStrategy: dailyRepeatStrategy },
    });
  }

  /** Failed runs (retries used up, or unrecoverable): list, retry, drop. */
  deadLetters(): DeadLetters {
    return new DeadLetters([this.queue, this.fanOutQueue]);
  }

  /** Closes the worker (waiting for running jobs to finish), the queue, and the connection when owned. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.workers.length > 0) {
      // Take no new jobs, give running ones the grace period, then close.
      await Promise.all(this.workers.map((w) => w.pause(true)));
      const finished = await this.settled(this.opts.shutdownGraceMs ?? 30_000);
      if (!finished) {
        this.opts.onEvent?.({ type: 'worker-error', message: `${plural(this.running.size, 'running job')} did not finish within the shutdown grace; closing anyway` });
      }
      // Graceful close also waits for BullMQ to record the finished jobs; forced close leaves cut-off ones to stalled-job recovery.
      await Promise.all(this.workers.map((w) => w.close(!finished)));
    }
    await this.queue.close();
    await this.fanOutQueue.close();
    if (this.adder) {
      const conn = await this.adder.client;
      await this.adder.close();
      await conn.quit().catch(() => conn.disconnect());
    }
    if (this.ownsRedis) await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** True once every running handler has settled, false if `ms` passed first. */
  private async settled(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (this.running.size > 0) {
      const left = until - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
    return true;
  }

  private async entryFor(key: string, ref: ScheduleRef | null, nextOfSlot: Map<string, Promise<Date | null>>): Promise<ScheduledEntry | null> {
    if (ref?.kind === 'daily') {
      const daily = parseSlotId(ref.slot);
      const member = ref.slot ? await this.slots.member(ref.slot, key) : null;
      if (!daily || !member || !ref.slot) return null;
      let next = nextOfSlot.get(ref.slot);
      if (!next) nextOfSlot.set(ref.slot, (next = this.slotNext(ref.slot, daily)));
      return { key, payload: member.payload, next: await next, daily };
    }
    if (ref?.kind === 'once') {
      const job = await this.queue.getJob(ref.jobId);
      const data = parseJobData(job?.data);
      if (!job || !data || !PENDING_STATES.has(await job.getState())) return null;
      return { key, payload: data.payload, next: new Date(data.runAt ?? job.timestamp + job.delay) };
    }
    return null;
  }

  /** The slot scheduler's next run as BullMQ has it (on the fan-out queue, or an older one on the delivery queue), or the next run by the clock when it has none yet. */
  private async slotNext(slot: string, daily: DailyAt): Promise<Date | null> {
    const id = slotSchedulerId(slot);
    const s = (await this.fanOutQueue.getJobScheduler(id)) ?? (await this.queue.getJobScheduler(id));
    return typeof s?.next === 'number' ? new Date(s.next) : nextDailyRun(this.clock.now(), daily);
  }

  /** Removes a one-off job; one that is running right now cannot be removed, and is skipped by the runner instead. */
  private async removeOneOff(jobId: string): Promise<void> {
    try {
      await this.queue.remove(jobId);
    } catch {
      // Locked by a worker: the index no longer points at it, so the runner skips it.
    }
  }
}
