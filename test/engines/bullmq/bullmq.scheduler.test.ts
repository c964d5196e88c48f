/**
 * The BullMQ scheduler against a real Redis (the private server from
 * global-setup.ts), one unique prefix per test, deleted afterwards.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ConversationRef } from '../../../src/core/chat/messages.ts';
import { ManualClock } from '../../../src/core/ports/clock.port.ts';
import { localFields } from '../../../src/core/schedule/daily-time.ts';
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
    const prefix = uniquePrefix(label);
    const s = new BullMqScheduler({ redis: url!, prefix, retry: { attempts: 3, backoffMs: 20 }, ...extra });
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
    // One slot scheduler and exactly one pending run: the old 09:00 Berlin slot (now empty) is gone.
    expect(await s.queue.getJobSchedulersCount()).toBe(1);
    const delayed = await s.queue.getDelayed();
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
    expect(await s.queue.getJobSchedulersCount()).toBe(1);
    expect(await s.queue.getDelayedCount()).toBe(1);
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
    const [pending] = await s.queue.getDelayed();
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
    expect(await s.queue.getJobSchedulersCount()).toBe(2);
    const seen: RunningJob[] = [];
    await s.start(async (job) => void seen.push(job));
    const [tokyo] = (await s.queue.getDelayed()).filter((j) => j.id?.includes('Asia%2FTokyo'));
    await tokyo!.promote();
    expect(await waitFor(() => seen.length === 50, 10_000)).toBe(true);
    const slotTime = seen[0]!.scheduledFor;
    expect(localFields(slotTime, 'Asia/Tokyo')).toMatchObject({ hour: 9, minute: 0 });
    expect(new Set(seen.map((j) => j.key)).size).toBe(50);
    // The same run fanned out again (a retried or caught-up fan-out): BullMQ refuses every job id it already has.
    await s.queue.add('slot-fanout', { slot: 'Asia/Tokyo|9|0', runAt: slotTime.getTime() }, { jobId: 'again' });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(seen).toHaveLength(50);
  });

  it('adds nothing for a fan-out older than the catch-up window (a worker down all day sends no stale task)', async () => {
    const events: SchedulerEvent[] = [];
    const s = make('stale-slot', { onEvent: (e) => events.push(e) });
    await s.upsertDaily('learner:a:daily', { hour: 9, timezone: 'UTC' }, daily('a'), { since: new Date(0) });
    const seen: RunningJob[] = [];
    await s.start(async (job) => void seen.push(job));
    await s.queue.add('slot-fanout', { slot: 'UTC|9|0', runAt: Date.now() - 4 * 3600_000 }, { jobId: 'late' });
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
