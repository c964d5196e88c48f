/**
 * The contract every {@link Scheduler} passes: the in-process engine always,
 * BullMQ whenever Redis is reachable. It runs on real time (BullMQ cannot use
 * a fake clock): delays are at most 2 s and every wait is bounded.
 *
 *   schedulerContract('in-process', async () => ({ scheduler, cleanup, reopen }));
 *
 * `make` hands out an empty scheduler whose retries back off briefly (first
 * retry within about a second); `reopen` (optional) opens a new instance on
 * the same data after the first was stopped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationRef } from '../../src/core/chat/messages.ts';
import { PathwiseError } from '../../src/core/errors.ts';
import { UNRECOVERABLE, type JobPayload, type RunningJob, type Scheduler } from '../../src/core/ports/scheduler.port.ts';
import { localFields } from '../../src/core/schedule/daily-time.ts';

export interface SchedulerUnderTest {
  scheduler: Scheduler;
  cleanup: () => Promise<void>;
  reopen?: () => Promise<Scheduler>;
}

const to: ConversationRef = { platform: 'slack', workspace: 'T1', channel: 'D1', user: 'U1' };
const daily = (learnerId: string): JobPayload => ({ type: 'daily-task', learnerId, to });
const review = (learnerId: string): JobPayload => ({ type: 'review-due', learnerId, to });

/** Polls `check` until it holds or `ms` pass. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 5_000, every = 25): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, every));
  }
  return check();
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function schedulerContract(name: string, make: () => Promise<SchedulerUnderTest>): void {
  describe(`Scheduler contract: ${name}`, () => {
    let current: SchedulerUnderTest | null = null;
    const open = async () => (current = await make());
    afterEach(async () => {
      await current?.scheduler.stop();
      await current?.cleanup();
      current = null;
    });

    it('creates a daily schedule at the local hour in the zone, and moves it on upsert', async () => {
      const { scheduler } = await open();
      await scheduler.upsertDaily('learner:a:daily', { hour: 7, timezone: 'America/New_York' }, daily('a'));
      let [entry] = await scheduler.list('learner:a:');
      expect(entry?.key).toBe('learner:a:daily');
      expect(entry?.payload).toEqual(daily('a'));
      expect(entry?.next && entry.next.getTime()).toBeGreaterThan(Date.now());
      expect(entry?.next && entry.next.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3600_000);
      expect(localFields(entry!.next!, 'America/New_York')).toMatchObject({ hour: 7, minute: 0 });

      await scheduler.upsertDaily('learner:a:daily', { hour: 21, minute: 30, timezone: 'Asia/Tokyo' }, daily('a'));
      const all = await scheduler.list('learner:a:');
      expect(all).toHaveLength(1);
      [entry] = all;
      expect(entry?.daily).toMatchObject({ hour: 21, minute: 30, timezone: 'Asia/Tokyo' });
      expect(localFields(entry!.next!, 'Asia/Tokyo')).toMatchObject({ hour: 21, minute: 30 });
    });

    it('lists, cancels and cancels by prefix', async () => {
      const { scheduler } = await open();
      const later = new Date(Date.now() + 3600_000);
      await scheduler.scheduleAt('learner:a:review', later, review('a'));
      await scheduler.upsertDaily('learner:a:daily', { hour: 9, timezone: 'UTC' }, daily('a'));
      await scheduler.upsertDaily('learner:ab:daily', { hour: 9, timezone: 'UTC' }, daily('ab'));
      await scheduler.scheduleAt('learner:b:review', later, review('b'));
      expect((await scheduler.list()).map((e) => e.key).sort()).toEqual(['learner:a:daily', 'learner:a:review', 'learner:ab:daily', 'learner:b:review']);
      expect((await scheduler.list('learner:a:review'))[0]?.next?.toISOString()).toBe(later.toISOString());
      await scheduler.cancel('learner:b:review');
      await scheduler.cancel('learner:b:review'); // no-op when absent
      expect(await scheduler.cancelPrefix('learner:a:')).toBe(2);
      expect((await scheduler.list()).map((e) => e.key)).toEqual(['learner:ab:daily']);
      expect(await scheduler.cancelPrefix('learner:zzz:')).toBe(0);
    });

    it('runs a one-off job once, at its time, with its payload', async () => {
      const { scheduler } = await open();
      const runs: RunningJob[] = [];
      await scheduler.start(async (job) => void runs.push(job));
      const runAt = new Date(Date.now() + 700);
      await scheduler.scheduleAt('learner:a:review', runAt, review('a'));
      expect(await waitFor(() => runs.length >= 1, 6_000)).toBe(true);
      expect(Date.now()).toBeGreaterThanOrEqual(runAt.getTime() - 50);
      expect(runs[0]).toMatchObject({ key: 'learner:a:review', payload: review('a'), attempt: 1 });
      expect(runs[0]?.day).toBeUndefined();
      expect(Math.abs(runs[0]!.scheduledFor.getTime() - runAt.getTime())).toBeLessThan(1_000);
      await sleep(1_200);
      expect(runs).toHaveLength(1);
      expect(await scheduler.list('learner:a:review')).toEqual([]);
    });

    it('re-arms a one-off under its own key from inside its run (weekly cohort summaries rely on it)', async () => {
      const { scheduler } = await open();
      const cohort: JobPayload = { type: 'cohort-summary', cohortId: 'c1', to };
      const runs: RunningJob[] = [];
      const next = new Date(Date.now() + 3600_000);
      await scheduler.start(async (job) => {
        runs.push(job);
        await scheduler.scheduleAt(job.key, next, job.payload);
      });
      await scheduler.scheduleAt('cohort:c1:summary', new Date(Date.now() + 300), cohort);
      expect(await waitFor(() => runs.length >= 1, 6_000)).toBe(true);
      expect(await waitFor(async () => (await scheduler.list('cohort:c1:'))[0]?.next?.getTime() === next.getTime(), 3_000)).toBe(true);
      expect(runs[0]?.payload).toEqual(cohort);
      expect(runs).toHaveLength(1);
    });

    it('replaces a one-off under the same key and never runs a cancelled one', async () => {
      const { scheduler } = await open();
      const runs: RunningJob[] = [];
      await scheduler.start(async (job) => void runs.push(job));
      await scheduler.scheduleAt('learner:a:review', new Date(Date.now() + 400), review('old'));
      await scheduler.scheduleAt('learner:a:review', new Date(Date.now() + 600), review('a'));
      await scheduler.scheduleAt('learner:b:review', new Date(Date.now() + 400), review('b'));
      await scheduler.cancel('learner:b:review');
      expect(await waitFor(() => runs.length >= 1, 6_000)).toBe(true);
      await sleep(1_000);
      expect(runs.map((r) => r.payload)).toEqual([review('a')]);
    });

    it('retries a failed run with the next attempt number', async () => {
      const { scheduler } = await open();
      const attempts: number[] = [];
      await scheduler.start(async (job) => {
        attempts.push(job.attempt);
        if (job.attempt === 1) throw new Error('gateway down');
      });
      await scheduler.scheduleAt('learner:a:review', new Date(Date.now() + 200), review('a'));
      expect(await waitFor(() => attempts.length >= 2, 10_000)).toBe(true);
      expect(attempts.slice(0, 2)).toEqual([1, 2]);
      await sleep(800);
      expect(attempts).toHaveLength(2);
    });

    it('does not retry a run that failed with JOB_UNRECOVERABLE', async () => {
      const { scheduler } = await open();
      const attempts: number[] = [];
      await scheduler.start(async (job) => {
        attempts.push(job.attempt);
        throw new PathwiseError(UNRECOVERABLE, 'learner is gone');
      });
      await scheduler.scheduleAt('learner:a:review', new Date(Date.now() + 200), review('a'));
      expect(await waitFor(() => attempts.length >= 1, 6_000)).toBe(true);
      await sleep(2_500);
      expect(attempts).toEqual([1]);
    });

    it('runs nothing after stop', async () => {
      const { scheduler } = await open();
      const runs: RunningJob[] = [];
      await scheduler.start(async (job) => void runs.push(job));
      await scheduler.scheduleAt('learner:a:review', new Date(Date.now() + 600), review('a'));
      await scheduler.stop();
      await sleep(1_500);
      expect(runs).toEqual([]);
    });

    /** A daily time `minutesAgo` minutes before now, in UTC (whole minutes). */
    const dailyAgo = (minutesAgo: number) => {
      const t = new Date(Math.floor(Date.now() / 60_000) * 60_000 - minutesAgo * 60_000);
      return { at: { hour: t.getUTCHours(), minute: t.getUTCMinutes(), timezone: 'UTC' }, runAt: t };
    };

    it('catches up a daily run missed within the window once, and never one it is not owed', async () => {
      const { scheduler } = await open();
      const runs: RunningJob[] = [];
      await scheduler.start(async (job) => void runs.push(job));
      const missed = dailyAgo(2);
      const longAgo = dailyAgo(5 * 60);
      const since = new Date(Date.now() - 24 * 3600_000);
      // Owed: its slot passed two minutes ago while nothing ran (Redis emptied, then rebuilt from the store).
      await scheduler.upsertDaily('learner:a:daily', missed.at, daily('a'), { since });
      // Not owed: it joined after today's slot.
      await scheduler.upsertDaily('learner:b:daily', missed.at, daily('b'));
      // Not owed: five hours ago is past the 3-hour window.
      await scheduler.upsertDaily('learner:c:daily', longAgo.at, daily('c'), { since });
      await scheduler.catchUp();
      expect(await waitFor(() => runs.length >= 1, 6_000)).toBe(true);
      await scheduler.catchUp(); // a second reconcile of the same day
      await sleep(1_500);
      expect(runs.map((r) => r.payload)).toEqual([daily('a')]);
      expect(runs[0]?.key).toBe('learner:a:daily');
      expect(runs[0]?.scheduledFor.toISOString()).toBe(missed.runAt.toISOString());
      // A daily run names the local date it is for, which names its delivery (one task per learner and date).
      expect(runs[0]?.day).toBe(missed.runAt.toISOString().slice(0, 10));
      // The schedule itself is untouched: next is tomorrow's run.
      const [entry] = await scheduler.list('learner:a:');
      expect(entry?.next?.getTime()).toBe(missed.runAt.getTime() + 24 * 3600_000);
    });

    it('keeps schedules across stop and reopen, and runs them there', async () => {
      const sut = await open();
      if (!sut.reopen) return;
      await sut.scheduler.upsertDaily('learner:a:daily', { hour: 9, timezone: 'Europe/Berlin' }, daily('a'));
      await sut.scheduler.scheduleAt('learner:a:review', new Date(Date.now() + 1_000), review('a'));
      await sut.scheduler.stop();
      const again = await sut.reopen();
      current = { ...sut, scheduler: again };
      expect((await again.list('learner:a:')).map((e) => e.key).sort()).toEqual(['learner:a:daily', 'learner:a:review']);
      const runs: RunningJob[] = [];
      await again.start(async (job) => void runs.push(job));
      expect(await waitFor(() => runs.length >= 1, 6_000)).toBe(true);
      expect(runs[0]?.payload).toEqual(review('a'));
    });
  });
}
