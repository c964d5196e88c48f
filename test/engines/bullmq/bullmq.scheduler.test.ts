/**
 * The BullMQ scheduler against a real Redis (the private server from
 * global-setup.ts), one unique prefix per test, deleted afterwards.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ConversationRef } from '../../../src/core/chat/messages.ts';
import { ManualClock } from '../../../src/core/ports/clock.port.ts';
import { localFields, nextDailyRun } from '../../../src/core/schedule/daily-time.ts';
import type { JobPayload, RunningJob } from '../../../src/core/ports/scheduler.port.ts';
import { BullMqScheduler, type BullMqSchedulerOptions } from '../../../src/engines/bullmq/bullmq.scheduler.ts';
import type { SchedulerEvent } from '../../../src/engines/bullmq/job-runner.ts';
import { deletePrefix, uniquePrefix, waitFor } from '../../support/redis.ts';

const url = inject('redisUrl');
if (!url) console.warn('⚠ SKIPPED: BullMQ scheduler suite — redis-server is not installed (apt-get install -y redis-server)');

const to: ConversationRef = { platform: 'slack', workspace: 'T1', channel: 'D1', user: 'U1' };
const daily = (learnerId: string): JobPayload => ({ type: 'daily-task', learnerId, to });
const review = (learnerId: string): JobPayload => ({ type: 'review-due', learnerId, to });

describe.skipIf(!url)('BullMqScheduler on Redis', () => {
  const open: { s: BullMqScheduler; prefix: string }[] = [];
  function make(label: string, extra: Partial<BullMqSchedulerOptions> = {}): BullMqScheduler {
    return onPrefix(uniquePrefix(label), { retry: { attempts: 3, backoffMs: 20 }, ...extra });
  }
  /** A scheduler on a given prefix (a second process on the same queues, or options of its own), stopped and cleaned after the test. */
  function onPrefix(prefix: string, extra: Partial<BullMqSchedulerOptions> = {}): BullMqScheduler {
    const s = new BullMqScheduler({ redis: url!, prefix, ...extra });
    open.push({ s, prefix });
    return s;
  }
  afterEach(async () => {
    for (const { s, prefix } of open.splice(0)) {
      await s.stop();
      await deletePrefix(url!, prefix);
    }
  });

  it('upsertDaily with a new hour or time zone moves the one schedule instead of adding a second', async () => {
    const clock = new ManualClock('2027-01-10T12:00:00Z');
    const s = make('move', { clock });
    await s.upsertDaily('daily:slack:T1:U1', { hour: 9, timezone: 'Europe/Berlin' }, daily('slack:T1:U1'));
    let [e] = await s.list();
    expect(e?.daily).toEqual({ hour: 9, timezone: 'Europe/Berlin' });
    expect(e?.next?.toISOString()).toBe('2027-01-11T08:00:00.000Z');

    await s.upsertDaily('daily:slack:T1:U1', { hour: 18, minute: 30, timezone: 'America/New_York' }, daily('slack:T1:U1'));
    const all = await s.list();
    expect(all).toHaveLength(1);
    [e] = all;
    expect(e?.daily).toEqual({ hour: 18, minute: 30, timezone: 'America/New_York' });
    expect(e?.next?.toISOString()).toBe('2027-01-10T23:30:00.000Z');
    // One slot scheduler (on the fan-out queue) and exactly one pending run: the old 09:00 Berlin slot (now empty) is gone.
    expect(await s.fanOutQueue.getJobSchedulersCount()).toBe(1);
    expect(await s.queue.getJobSchedulersCount()).toBe(0);
    const delayed = await s.fanOutQueue.getDelayed();
    expect(delayed.map((j) => j.id)).toEqual([`repeat:s_America%2FNew_York%7C18%7C30:${Date.parse('2027-01-10T23:30:00Z')}`]);
  });

  it.each([
    // Europe/Berlin springs forward on 2027-03-28 (CET+1 → CEST+2): 09:00 local is 08:00Z before, 07:00Z after.
    ['Europe/Berlin', 9, 0, '2027-03-26T12:00:00Z', '2027-03-27T08:00:00.000Z'],
    ['Europe/Berlin', 9, 0, '2027-03-27T12:00:00Z', '2027-03-28T07:00:00.000Z'],
    // ...and falls back on 2027-10-31.
    ['Europe/Berlin', 9, 0, '2027-10-30T12:00:00Z', '2027-10-31T08:00:00.000Z'],
    // 02:30 does not exist on 2027-03-28 in Berlin: the run comes at 03:30 CEST, once.
    ['Europe/Berlin', 2, 30, '2027-03-27T12:00:00Z', '2027-03-28T01:30:00.000Z'],
    // America/New_York springs forward on 2027-03-14 (UTC-5 → UTC-4).
    ['America/New_York', 8, 0, '2027-03-12T20:00:00Z', '2027-03-13T13:00:00.000Z'],
    ['America/New_York', 8, 0, '2027-03-13T20:00:00Z', '2027-03-14T12:00:00.000Z'],
  ])('next daily run in %s at %i:%i is right across daylight saving (now %s)', async (tz, hour, minute, now, expected) => {
    const s = make('dst', { clock: new ManualClock(now) });
    await s.upsertDaily('daily:x', { hour, minute, timezone: tz }, daily('slack:T1:U1'));
    const [e] = await s.list('daily:');
    expect(e?.next?.toISOString()).toBe(expected);
  });

  it('runs once at 02:30 on the night 02:30 happens twice (Berlin falls back on 2027-10-31)', async () => {
    const s = make('dst-overlap', { clock: new ManualClock('2027-10-30T12:00:00Z') });
    await s.upsertDaily('daily:x', { hour: 2, minute: 30, timezone: 'Europe/Berlin' }, daily('slack:T1:U1'));
    const next = (await s.list())[0]!.next!;
    // 00:30Z (CEST) or 01:30Z (CET): both read 02:30 on the 31st; the day after is 01:30Z.
    expect(['2027-10-31T00:30:00.000Z', '2027-10-31T01:30:00.000Z']).toContain(next.toISOString());
    expect(localFields(next, 'Europe/Berlin')).toMatchObject({ day: 31, hour: 2, minute: 30 });
  });

  it('refuses a time zone that is an offset or unknown, and an hour out of range', async () => {
    const s = make('bad');
    await expect(s.upsertDaily('k', { hour: 9, timezone: '+02:00' }, daily('a'))).rejects.toThrow(/time zone/);
    await expect(s.upsertDaily('k', { hour: 9, timezone: 'Mars/Olympus' }, daily('a'))).rejects.toThrow(/time zone/);
    await expect(s.upsertDaily('k', { hour: 24, timezone: 'UTC' }, daily('a'))).rejects.toThrow(/0-23/);
    expect(await s.list()).toEqual([]);
  });

  it('scheduleAt under the same key replaces the pending run; the same key and time twice is one job', async () => {
    const clock = new ManualClock('2027-01-10T12:00:00Z');
    const s = make('once', { clock });
    await s.scheduleAt('review:slack:T1:U1', new Date('2027-01-12T10:00:00Z'), review('slack:T1:U1'));
    await s.scheduleAt('review:slack:T1:U1', new Date('2027-01-11T10:00:00Z'), review('slack:T1:U1'));
    await s.scheduleAt('review:slack:T1:U1', new Date('2027-01-11T10:00:00Z'), review('slack:T1:U1'));
    const entries = await s.list();
    expect(entries).toEqual([{ key: 'review:slack:T1:U1', payload: review('slack:T1:U1'), next: new Date('2027-01-11T10:00:00Z') }]);
    expect(await s.queue.getDelayedCount()).toBe(1);
  });

  it('cancel and cancelPrefix remove daily and one-off schedules by key prefix; list filters by prefix', async () => {
    const s = make('cancel', { clock: new ManualClock('2027-01-10T12:00:00Z') });
    const at = new Date('2027-01-11T10:00:00Z');
    await s.upsertDaily('learner:slack:T1:U1:daily', { hour: 9, timezone: 'UTC' }, daily('slack:T1:U1'));
    await s.scheduleAt('learner:slack:T1:U1:review', at, review('slack:T1:U1'));
    await s.upsertDaily('learner:slack:T1:U10:daily', { hour: 9, timezone: 'UTC' }, daily('slack:T1:U10'));
    await s.upsertDaily('learner:slack:T1:Üñï:daily', { hour: 7, timezone: 'UTC' }, daily('slack:T1:Üñï'));
    expect((await s.list('learner:slack:T1:U1:')).map((e) => e.key)).toEqual(['learner:slack:T1:U1:daily', 'learner:slack:T1:U1:review']);
    expect((await s.list('learner:slack:T1:Ü')).map((e) => e.key)).toEqual(['learner:slack:T1:Üñï:daily']);

    expect(await s.cancelPrefix('learner:slack:T1:U1:')).toBe(2);
    expect((await s.list()).map((e) => e.key)).toEqual(['learner:slack:T1:U10:daily', 'learner:slack:T1:Üñï:daily']);
    await s.cancel('learner:slack:T1:U10:daily');
    await s.cancel('no-such-key');
    expect((await s.list()).map((e) => e.key)).toEqual(['learner:slack:T1:Üñï:daily']);
    // What is left: the 07:00 UTC slot's scheduler and its next run; the review's one-off job is gone.
    expect(await s.fanOutQueue.getJobSchedulersCount()).toBe(1);
    expect(await s.fanOutQueue.getDelayedCount()).toBe(1);
    expect(await s.queue.getDelayedCount()).toBe(0);
  });

  it('keeps ids and the conversation reference only in job data', async () => {
    const s = make('minimal');
    const leaky = { ...review('slack:T1:U1'), goal: 'my secret goal', to: { ...to, displayName: 'Ada' } } as unknown as JobPayload;
    await s.scheduleAt('review:1', new Date(Date.now() + 60_000), leaky);
    const [job] = await s.queue.getDelayed();
    expect(JSON.stringify(job?.data)).not.toMatch(/secret|Ada/);
  });

  it("keeps a cohort summary's channel audience in the job, so it is posted in the channel", async () => {
    const s = make('audience');
    const summary: JobPayload = { type: 'cohort-summary', cohortId: 'c1', to: { ...to, channel: 'C-team', audience: 'channel' } };
    await s.scheduleAt('cohort:c1:summary', new Date(Date.now() + 60_000), summary);
    expect((await s.list('cohort:'))[0]?.payload).toEqual(summary);
  });

  it('runs a due one-off run through the handler once, then forgets it', async () => {
    const s = make('run');
    const seen: RunningJob[] = [];
    const runAt = new Date(Date.now() + 150);
    await s.scheduleAt('review:slack:T1:U1', runAt, review('slack:T1:U1'));
    await s.start(async (job) => {
      seen.push(job);
    });
    expect(await waitFor(() => seen.length === 1, 5000)).toBe(true);
    expect(seen[0]).toEqual({ key: 'review:slack:T1:U1', payload: review('slack:T1:U1'), scheduledFor: runAt, attempt: 1 });
    expect(await waitFor(async () => (await s.list()).length === 0, 2000)).toBe(true);
  });

  it('runs a daily run with its slot as scheduledFor and queues the next day', async () => {
    const s = make('daily-run');
    const seen: RunningJob[] = [];
    await s.upsertDaily('daily:slack:T1:U1', { hour: 9, timezone: 'Asia/Tokyo' }, daily('slack:T1:U1'));
    const [pending] = await s.fanOutQueue.getDelayed();
    const slot = (await s.list())[0]!.next!;
    await s.start(async (job) => {
      seen.push(job);
    });
    await pending!.promote(); // run "tomorrow's" 09:00 Tokyo now
    expect(await waitFor(() => seen.length === 1, 5000)).toBe(true);
    expect(seen[0]?.scheduledFor).toEqual(slot);
    expect(seen[0]?.payload).toEqual(daily('slack:T1:U1'));
    const after = await s.list();
    expect(after).toHaveLength(1);
    expect(after[0]?.next?.getTime()).toBe(slot.getTime() + 24 * 3600_000);
  });

  it('keeps one job scheduler per zone and local time, and fans its learners out in bulk once per local date', async () => {
    const s = make('slots');
    for (let i = 0; i < 50; i++) await s.upsertDaily(`learner:slack:T1:U${i}:daily`, { hour: 9, timezone: 'Asia/Tokyo' }, daily(`slack:T1:U${i}`), { since: new Date(0) });
    await s.upsertDaily('learner:slack:T1:V:daily', { hour: 9, timezone: 'Europe/Berlin' }, daily('slack:T1:V'));
    expect(await s.fanOutQueue.getJobSchedulersCount()).toBe(2);
    const seen: RunningJob[] = [];
    await s.start(async (job) => void seen.push(job));
    const [tokyo] = (await s.fanOutQueue.getDelayed()).filter((j) => j.id?.includes('Asia%2FTokyo'));
    await tokyo!.promote();
    expect(await waitFor(() => seen.length === 50, 10_000)).toBe(true);
    const slotTime = seen[0]!.scheduledFor;
    expect(localFields(slotTime, 'Asia/Tokyo')).toMatchObject({ hour: 9, minute: 0 });
    expect(new Set(seen.map((j) => j.key)).size).toBe(50);
    // The same run fanned out again (a retried or caught-up fan-out), and once more on the delivery queue (where a slot
    // scheduler from before the fan-out queue puts it; the delivery worker runs it): BullMQ refuses every job id it already has.
    await s.fanOutQueue.add('slot-fanout', { slot: 'Asia/Tokyo|9|0', runAt: slotTime.getTime() }, { jobId: 'again' });
    await s.queue.add('slot-fanout', { slot: 'Asia/Tokyo|9|0', runAt: slotTime.getTime() }, { jobId: 'again-legacy' });
    expect(await waitFor(async () => (await s.fanOutQueue.getCompletedCount()) === 2 && (await s.queue.getCompletedCount()) === 51, 5_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(seen).toHaveLength(50);
  });

  it('fans out one delivery per local date at 23:00 in America/Nuuk across the spring change, where 23:00 on 2026-03-28 does not exist', async () => {
    // Nuuk goes from UTC-2 to UTC-1 at 01:00Z on 2026-03-29 (22:59 on the 28th → 00:00 on the 29th): the 28th's run comes at that
    // 00:00 and is the 28th's, so the 29th's run at 23:00 is not refused as a second copy of it.
    const clock = new ManualClock('2026-03-27T12:00:00Z');
    const s = make('nuuk', { clock });
    const at = { hour: 23, timezone: 'America/Nuuk' };
    await s.upsertDaily('learner:a:daily', at, daily('a'), { since: new Date(0) });
    const seen: RunningJob[] = [];
    await s.start(async (job) => void seen.push(job));
    // The slot's five runs, each fanned out with the clock at its time (BullMQ's own timers run on the wall clock).
    const runs: Date[] = [];
    for (let t = clock.now(); runs.length < 5; ) runs.push((t = nextDailyRun(t, at)));
    expect(runs.map((r) => r.toISOString())).toEqual(['2026-03-28T01:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:00:00.000Z', '2026-03-31T00:00:00.000Z', '2026-04-01T00:00:00.000Z']);
    for (const [i, runAt] of runs.entries()) {
      clock.set(runAt);
      await s.fanOutQueue.add('slot-fanout', { slot: 'America/Nuuk|23|0', runAt: runAt.getTime() }, { jobId: `run-${i}` });
      expect(await waitFor(async () => (await s.fanOutQueue.getCompletedCount()) === i + 1, 5_000)).toBe(true);
    }
    expect(await waitFor(() => seen.length >= 5, 5_000)).toBe(true);
    expect(seen.map((j) => [j.scheduledFor.toISOString(), j.day])).toEqual(runs.map((r, i) => [r.toISOString(), `2026-03-${27 + i}`]));
    // Ordinary days keep the ids they always had (local date of the run); only the run after the gap is named for its own day.
    const ids = (await s.queue.getCompleted()).map((j) => j.id).sort();
    expect(ids).toEqual(['27', '28', '29', '30', '31'].map((d) => `dl_learner%3Aa%3Adaily@2026-03-${d}`));
  });

  it('an upgraded worker re-fanning out a run after a midnight gap adds no second task for a run the previous version fanned out', async () => {
    // The previous version named the Nuuk run at 00:00 on 2026-03-29 (the 28th's 23:00, pushed past the gap) for the 29th.
    const gapRun = Date.parse('2026-03-29T01:00:00Z');
    const clock = new ManualClock(gapRun + 3600_000);
    const s = make('nuuk-upgrade', { clock });
    await s.upsertDaily('learner:a:daily', { hour: 23, timezone: 'America/Nuuk' }, daily('a'), { since: new Date(0) });
    await s.upsertDaily('learner:b:daily', { hour: 23, timezone: 'America/Nuuk' }, daily('b'), { since: new Date(0) });
    // Its fan-out reached learner a before the upgrade (the job as it wrote it: no day); b was not reached.
    await s.queue.add('daily-task', { key: 'learner:a:daily', payload: daily('a'), runAt: gapRun }, { jobId: 'dl_learner%3Aa%3Adaily@2026-03-29' });
    const seen: RunningJob[] = [];
    await s.start(async (job) => void seen.push(job));
    // The upgraded worker's reconcile catches the run up: b gets it, named for the 28th; a gets nothing more.
    expect(await s.catchUp()).toBe(1);
    expect(await waitFor(() => seen.length >= 2, 5_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.map((j) => [j.key, j.scheduledFor.getTime(), j.day]).sort()).toEqual([
      ['learner:a:daily', gapRun, undefined],
      ['learner:b:daily', gapRun, '2026-03-28'],
    ]);
  });

  it('adds nothing for a fan-out older than the catch-up window (a worker down all day sends no stale task)', async () => {
    const events: SchedulerEvent[] = [];
    const s = make('stale-slot', { onEvent: (e) => events.push(e) });
    await s.upsertDaily('learner:a:daily', { hour: 9, timezone: 'UTC' }, daily('a'), { since: new Date(0) });
    const seen: RunningJob[] = [];
    await s.start(async (job) => void seen.push(job));
    await s.fanOutQueue.add('slot-fanout', { slot: 'UTC|9|0', runAt: Date.now() - 4 * 3600_000 }, { jobId: 'late' });
    expect(await waitFor(() => events.some((e) => e.type === 'slot-skipped'), 5_000)).toBe(true);
    expect(seen).toEqual([]);
  });

  it('retries a transient failure with backoff, counting attempts', async () => {
    const failures: boolean[] = [];
    const s = make('retry', { onEvent: (e) => void (e.type === 'job-failed' && failures.push(e.final)) });
    const attempts: number[] = [];
    await s.scheduleAt('k', new Date(), review('a'));
    await s.start(async (job) => {
      attempts.push(job.attempt);
      if (job.attempt < 3) throw new Error('platform answered 502');
    });
    expect(await waitFor(() => attempts.length === 3, 5000)).toBe(true);
    expect(attempts).toEqual([1, 2, 3]);
    expect(failures).toEqual([false, false]);
    expect(await waitFor(async () => (await s.queue.getCompletedCount()) === 1, 2000)).toBe(true);
  });

  it('fails a run with code JOB_UNRECOVERABLE at once, without retries', async () => {
    const events: SchedulerEvent[] = [];
    const s = make('unrecoverable', { onEvent: (e) => events.push(e) });
    let calls = 0;
    await s.scheduleAt('k', new Date(), review('a'));
    await s.start(async () => {
      calls++;
      throw Object.assign(new Error('learner record is gone'), { code: 'JOB_UNRECOVERABLE' });
    });
    expect(await waitFor(async () => (await s.queue.getFailedCount()) === 1, 5000)).toBe(true);
    const [failed] = await s.queue.getFailed();
    expect(failed?.failedReason).toBe('learner record is gone');
    expect(failed?.attemptsMade).toBe(1);
    expect(calls).toBe(1);
    expect(events).toContainEqual(expect.objectContaining({ type: 'job-failed', key: 'k', attemptsMade: 1, final: true, reason: 'learner record is gone' }));
  });

  it('puts a rate-limited run back for Retry-After without spending a retry', async () => {
    const { RateLimitedError } = await import('../../../src/core/errors.ts');
    const s = make('ratelimit');
    const calls: { attempt: number; at: number }[] = [];
    await s.scheduleAt('k', new Date(), review('a'));
    await s.start(async (job) => {
      calls.push({ attempt: job.attempt, at: Date.now() });
      if (calls.length === 1) throw new RateLimitedError(400);
    });
    expect(await waitFor(() => calls.length === 2, 5000)).toBe(true);
    expect(calls.map((c) => c.attempt)).toEqual([1, 1]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(380);
  });

  it('a fan-out-only worker adds the slot\'s delivery jobs and a delivery-only worker sends them; cancelling a key removes its waiting job', async () => {
    const prefix = uniquePrefix('roles');
    const fanOut = onPrefix(prefix, { roles: ['fanout'] });
    const deliveries = onPrefix(prefix, { roles: ['deliveries'] });
    // A slot whose run was two minutes ago, caught up: its delivery jobs wait, since no delivery worker runs yet.
    const run = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 60_000);
    const at = { hour: run.getUTCHours(), minute: run.getUTCMinutes(), timezone: 'UTC' };
    for (let i = 0; i < 5; i++) await fanOut.upsertDaily(`learner:${i}:daily`, at, daily(String(i)), { since: new Date(0) });
    let fanOutHandlerCalls = 0;
    await fanOut.start(async () => void fanOutHandlerCalls++);
    expect(await fanOut.catchUp()).toBe(1);
    expect(await waitFor(async () => (await fanOut.queue.getWaitingCount()) === 5, 5_000)).toBe(true);

    // Learner 4 moves to another time: still a daily schedule, so today's job already added stays (as before the move).
    await fanOut.upsertDaily('learner:4:daily', { ...at, hour: (at.hour + 1) % 24 }, daily('4'));
    expect(await fanOut.queue.getWaitingCount()).toBe(5);
    // Learner 3 is cancelled (paused, forgotten) after the fan-out: their job goes with the schedule.
    await fanOut.cancel('learner:3:daily');
    expect(await fanOut.queue.getWaitingCount()).toBe(4);
    const seen: string[] = [];
    await deliveries.start(async (job) => void seen.push(job.key));
    expect(await waitFor(() => seen.length === 4, 5_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.sort()).toEqual(['learner:0:daily', 'learner:1:daily', 'learner:2:daily', 'learner:4:daily']);
    expect(fanOutHandlerCalls).toBe(0);
    expect(await fanOut.fanOutQueue.getCompletedCount()).toBe(1);
  });

  it('moves a slot scheduler left on the delivery queue (made before the fan-out queue) and runs its fan-out meanwhile, never twice', async () => {
    const prefix = uniquePrefix('legacy-slot');
    const s = onPrefix(prefix);
    for (let i = 0; i < 3; i++) await s.upsertDaily(`learner:${i}:daily`, { hour: 9, timezone: 'Asia/Tokyo' }, daily(String(i)), { since: new Date(0) });
    // What Redis holds after an upgrade: the scheduler on the delivery queue, as the code before made it.
    const id = 's_Asia%2FTokyo%7C9%7C0';
    expect(await s.fanOutQueue.removeJobScheduler(id)).toBe(true);
    await s.queue.upsertJobScheduler(id, { pattern: '0 9 * * *', tz: 'Asia/Tokyo' }, { name: 'slot-fanout', data: { slot: 'Asia/Tokyo|9|0' } });
    // list still finds the next run there.
    const [entry] = await s.list('learner:0:');
    expect(localFields(entry!.next!, 'Asia/Tokyo')).toMatchObject({ hour: 9, minute: 0 });

    // The delivery worker runs the old scheduler's fan-out.
    const seen: RunningJob[] = [];
    await s.start(async (job) => void seen.push(job));
    const [legacy] = await s.queue.getDelayed();
    await legacy!.promote();
    expect(await waitFor(() => seen.length === 3, 5_000)).toBe(true);

    // A reconcile in another process (a fresh scheduler: it has ensured no slot yet) moves it to the fan-out queue.
    const other = onPrefix(prefix);
    await other.upsertDaily('learner:0:daily', { hour: 9, timezone: 'Asia/Tokyo' }, daily('0'), { since: new Date(0) });
    expect(await s.queue.getJobSchedulersCount()).toBe(0);
    expect(await s.fanOutQueue.getJobSchedulersCount()).toBe(1);
    // The same run fanned out again from the fan-out queue (a catch-up after the move) sends nothing more.
    await s.fanOutQueue.add('slot-fanout', { slot: 'Asia/Tokyo|9|0', runAt: seen[0]!.scheduledFor.getTime() }, { jobId: 'after-move' });
    expect(await waitFor(async () => (await s.fanOutQueue.getCompletedCount()) === 1, 5_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(3);
  });

  it("a second process ensuring a slot whose run is due but not yet taken keeps that run (it does not push it to tomorrow)", async () => {
    const prefix = uniquePrefix('ensure-due');
    const a = onPrefix(prefix);
    await a.upsertDaily('learner:a:daily', { hour: 9, timezone: 'Asia/Tokyo' }, daily('a'), { since: new Date(0) });
    // The slot's run falls due and waits to be taken (the fan-out worker is busy with another slot's fan-out, or restarting).
    const [due] = await a.fanOutQueue.getDelayed();
    await due!.promote();
    // Process B (a bot just restarted: it has ensured no slot yet) puts a second learner in the same slot meanwhile.
    const b = onPrefix(prefix);
    await b.upsertDaily('learner:b:daily', { hour: 9, timezone: 'Asia/Tokyo' }, daily('b'), { since: new Date(0) });
    // The run that was due still fans out, to both learners.
    const seen: string[] = [];
    await b.start(async (job) => void seen.push(job.key));
    expect(await waitFor(() => seen.length === 2, 5_000)).toBe(true);
    expect(seen.sort()).toEqual(['learner:a:daily', 'learner:b:daily']);
  });

  it('a process with other retry settings still updates the slot scheduler it ensures', async () => {
    const prefix = uniquePrefix('ensure-opts');
    const a = onPrefix(prefix, { retry: { attempts: 3, backoffMs: 20 } });
    await a.upsertDaily('learner:a:daily', { hour: 9, timezone: 'UTC' }, daily('a'));
    // The operator raised the retries; the next process to ensure the slot gives its fan-outs the new settings.
    const b = onPrefix(prefix, { retry: { attempts: 5, backoffMs: 20 } });
    await b.upsertDaily('learner:b:daily', { hour: 9, timezone: 'UTC' }, daily('b'));
    const [scheduler] = await b.fanOutQueue.getJobSchedulers();
    expect(scheduler?.template?.opts?.attempts).toBe(5);
    expect(await b.fanOutQueue.getDelayedCount()).toBe(1);
  });

  it("a long-running process's reconcile (upserts, then catchUp) restores a slot scheduler lost meanwhile", async () => {
    const s = make('restore');
    await s.upsertDaily('learner:a:daily', { hour: 9, timezone: 'UTC' }, daily('a'));
    // Lost: a learner leaving the slot pruned it while another joined (the interleaving leave() describes), or a partial restore.
    await s.fanOutQueue.removeJobScheduler('s_UTC%7C9%7C0');
    // The same process reconciles 15 minutes later: the learner is put back in the slot, then runs are caught up.
    await s.upsertDaily('learner:a:daily', { hour: 9, timezone: 'UTC' }, daily('a'));
    await s.catchUp();
    expect(await s.fanOutQueue.getJobSchedulersCount()).toBe(1);
    expect(await s.fanOutQueue.getDelayedCount()).toBe(1);
  });

  it('moving a slot scheduler off the delivery queue keeps its run that fell due and was not yet taken', async () => {
    const prefix = uniquePrefix('legacy-due');
    const s = onPrefix(prefix);
    for (let i = 0; i < 2; i++) await s.upsertDaily(`learner:${i}:daily`, { hour: 9, timezone: 'Asia/Tokyo' }, daily(String(i)), { since: new Date(0) });
    // What Redis holds after an upgrade, with the workers down for it: the old scheduler on the delivery queue,
    // its run fallen due and still delayed (nothing took it). (A day's `every` starting in 200 ms only so that the run falls due within the test.)
    const id = 's_Asia%2FTokyo%7C9%7C0';
    expect(await s.fanOutQueue.removeJobScheduler(id)).toBe(true);
    await s.queue.upsertJobScheduler(id, { every: 86_400_000, startDate: Date.now() + 200 }, { name: 'slot-fanout', data: { slot: 'Asia/Tokyo|9|0' } });
    await new Promise((r) => setTimeout(r, 400));
    const [legacy] = await s.queue.getDelayed();
    expect(legacy!.timestamp + legacy!.delay).toBeLessThan(Date.now());
    // A fresh process (the upgraded worker's reconcile, or a bot) moves the scheduler to the fan-out queue; then a worker starts.
    const other = onPrefix(prefix);
    await other.upsertDaily('learner:0:daily', { hour: 9, timezone: 'Asia/Tokyo' }, daily('0'), { since: new Date(0) });
    expect(await s.queue.getJobSchedulersCount()).toBe(0);
    const seen: string[] = [];
    await other.start(async (job) => void seen.push(job.key));
    // The run that was due is not lost with the old scheduler: it still fans out.
    expect(await waitFor(() => seen.length === 2, 5_000)).toBe(true);
  });

  it('keeps a failed fan-out in the dead letters next to failed deliveries', async () => {
    const s = make('fanout-dead');
    await s.scheduleAt('k', new Date(), review('a'));
    await s.start(async () => {
      throw Object.assign(new Error('learner record is gone'), { code: 'JOB_UNRECOVERABLE' });
    });
    await s.fanOutQueue.add('slot-fanout', { slot: 'not a slot' }, { jobId: 'broken' });
    const dead = s.deadLetters();
    expect(await waitFor(async () => (await dead.count()) === 2, 5_000)).toBe(true);
    expect((await dead.list()).map((j) => j.id).sort()).toEqual(['broken', expect.stringMatching(/^o_/)]);
    expect(await dead.drop('broken')).toBe(true);
    expect(await dead.count()).toBe(1);
  });

  it('skips a run whose schedule was cancelled after it fell due', async () => {
    const s = make('superseded');
    const seen: string[] = [];
    await s.scheduleAt('k', new Date(), review('a'));
    // Simulate the race: the job is already waiting when cancel runs but cannot be removed (e.g. locked).
    const [job] = await s.queue.getWaiting();
    await s.cancel('k');
    await s.queue.addBulk([{ name: 'review-due', data: job!.data, opts: { jobId: job!.id! } }]);
    await s.start(async (j) => {
      seen.push(j.key);
    });
    expect(await waitFor(async () => (await s.queue.getCompletedCount()) === 1, 5000)).toBe(true);
    expect(seen).toEqual([]);
  });
});

describe.skipIf(!url)('BullMqScheduler shutdown', () => {
  it('closes after the grace period even when a job hangs, leaving it for stalled-job recovery', async () => {
    const prefix = uniquePrefix('grace');
    const events: string[] = [];
    const s = new BullMqScheduler({ redis: url!, prefix, shutdownGraceMs: 300, onEvent: (e) => events.push(e.type) });
    let started = false;
    await s.start(async () => {
      started = true;
      await new Promise(() => {}); // never settles
    });
    await s.scheduleAt('k', new Date(), review('a'));
    expect(await waitFor(() => started, 5000)).toBe(true);
    const t = Date.now();
    await s.stop();
    expect(Date.now() - t).toBeLessThan(3000);
    expect(events).toContain('worker-error');
    await deletePrefix(url!, prefix);
  });
});
