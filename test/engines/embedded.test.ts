/**
 * The embedded engines: both port contracts, plus what only the in-process
 * scheduler promises (driven by a ManualClock): daylight-saving-safe daily
 * runs, one make-up run after downtime, no second run after a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { InProcessScheduler } from '../../src/engines/embedded/in-process-scheduler.ts';
import { ManualClock, systemClock } from '../../src/core/ports/clock.port.ts';
import type { RunningJob } from '../../src/core/ports/scheduler.port.ts';
import { learnerStoreContract } from '../contracts/learner-store.contract.ts';
import { schedulerContract } from '../contracts/scheduler.contract.ts';
import { cohortStoreContract } from '../contracts/cohort-store.contract.ts';
import { NedbCohortStore } from '../../src/engines/embedded/nedb-cohort-store.ts';
import { tempDir } from '../support/temp-dir.ts';

learnerStoreContract('embedded nedb', async () => {
  const t = tempDir();
  const stores: NedbLearnerStore[] = [await NedbLearnerStore.open(t.dir)];
  return {
    store: stores[0]!,
    reopen: async () => {
      const s = await NedbLearnerStore.open(t.dir);
      stores.push(s);
      return s;
    },
    cleanup: async () => {
      for (const s of stores) await s.close().catch(() => undefined);
      t.remove();
    },
  };
});

cohortStoreContract('embedded nedb', async () => {
  const t = tempDir();
  const stores: NedbCohortStore[] = [await NedbCohortStore.open(t.dir)];
  return {
    store: stores[0]!,
    reopen: async () => {
      const s = await NedbCohortStore.open(t.dir);
      stores.push(s);
      return s;
    },
    cleanup: async () => {
      for (const s of stores) await s.close().catch(() => undefined);
      t.remove();
    },
  };
});

const fast = { backoffBaseMs: 300, backoffMaxMs: 1_000, pollMaxMs: 250 };

schedulerContract('embedded in-process', async () => {
  const t = tempDir();
  const all: InProcessScheduler[] = [await InProcessScheduler.open(t.dir, { clock: systemClock, ...fast })];
  return {
    scheduler: all[0]!,
    reopen: async () => {
      const s = await InProcessScheduler.open(t.dir, { clock: systemClock, ...fast });
      all.push(s);
      return s;
    },
    cleanup: async () => {
      for (const s of all) await s.stop();
      t.remove();
    },
  };
});

describe('in-process scheduler on a manual clock', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const to = { platform: 'terminal' as const, workspace: 'local', channel: 'terminal', user: 'me' };
  async function open(dir: string, clock: ManualClock) {
    const s = await InProcessScheduler.open(dir, { clock, pollMaxMs: 60_000, backoffBaseMs: 60_000 });
    const runs: RunningJob[] = [];
    await s.start(async (job) => void runs.push(job));
    cleanups.push(() => s.stop());
    return { s, runs };
  }

  it('keeps the daily run at 09:00 Berlin time across the spring and autumn changes', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    // 2026-03-29: Berlin moves from UTC+1 to UTC+2.
    const clock = new ManualClock('2026-03-27T12:00:00Z');
    const { s, runs } = await open(t.dir, clock);
    await s.upsertDaily('learner:a:daily', { hour: 9, timezone: 'Europe/Berlin' }, { type: 'daily-task', learnerId: 'a', to });
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const [entry] = await s.list('learner:a:daily');
      seen.push(entry!.next!.toISOString());
      clock.set(entry!.next!);
      expect(await s.runDue()).toBe(1);
    }
    expect(seen).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-03-31T07:00:00.000Z']);
    expect(runs.map((r) => r.scheduledFor.toISOString())).toEqual(seen);

    // 2026-10-25: back to UTC+1.
    clock.set('2026-10-24T12:00:00Z');
    await s.upsertDaily('learner:a:daily', { hour: 9, timezone: 'Europe/Berlin' }, { type: 'daily-task', learnerId: 'a', to });
    const autumn: string[] = [];
    for (let i = 0; i < 2; i++) {
      const [entry] = await s.list('learner:a:daily');
      autumn.push(entry!.next!.toISOString());
      clock.set(entry!.next!);
      await s.runDue();
    }
    expect(autumn).toEqual(['2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z']);
  });

  it('runs nothing before its time and one make-up run after a long downtime', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const clock = new ManualClock('2026-05-01T06:00:00Z');
    const { s, runs } = await open(t.dir, clock);
    await s.upsertDaily('learner:a:daily', { hour: 8, timezone: 'UTC' }, { type: 'daily-task', learnerId: 'a', to });
    expect(await s.runDue()).toBe(0);
    clock.set('2026-05-04T09:30:00Z'); // three daily runs missed
    expect(await s.runDue()).toBe(1);
    expect(runs.map((r) => r.scheduledFor.toISOString())).toEqual(['2026-05-04T08:00:00.000Z']);
    expect((await s.list())[0]?.next?.toISOString()).toBe('2026-05-05T08:00:00.000Z');
  });

  it('after a night down, does not send yesterday\'s task in the morning before today\'s (older than the catch-up window)', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const clock = new ManualClock('2026-05-01T06:00:00Z');
    const { s, runs } = await open(t.dir, clock);
    await s.upsertDaily('learner:a:daily', { hour: 8, timezone: 'UTC' }, { type: 'daily-task', learnerId: 'a', to });
    clock.set('2026-05-02T06:00:00Z'); // down since before the 1st's 08:00 run, 22 hours ago
    expect(await s.runDue()).toBe(0);
    expect((await s.list())[0]?.next?.toISOString()).toBe('2026-05-02T08:00:00.000Z');
    clock.set('2026-05-02T08:00:00Z');
    expect(await s.runDue()).toBe(1);
    expect(runs.map((r) => [r.scheduledFor.toISOString(), r.day])).toEqual([['2026-05-02T08:00:00.000Z', '2026-05-02']]);
  });

  it('does not run a finished job again after a restart', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const clock = new ManualClock('2026-05-01T06:00:00Z');
    const first = await open(t.dir, clock);
    await first.s.scheduleAt('learner:a:review', new Date('2026-05-01T07:00:00Z'), { type: 'review-due', learnerId: 'a', to });
    await first.s.upsertDaily('learner:a:daily', { hour: 7, timezone: 'UTC' }, { type: 'daily-task', learnerId: 'a', to });
    clock.set('2026-05-01T07:00:01Z');
    expect(await first.s.runDue()).toBe(2);
    await first.s.stop();
    const second = await open(t.dir, clock);
    expect(await second.s.runDue()).toBe(0);
    expect(second.runs).toEqual([]);
    expect((await second.s.list()).map((e) => e.key)).toEqual(['learner:a:daily']);
  });

  it('backs off exponentially and gives up after the last attempt', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const clock = new ManualClock('2026-05-01T06:00:00Z');
    const s = await InProcessScheduler.open(t.dir, { clock, pollMaxMs: 60_000, backoffBaseMs: 1_000, maxAttempts: 3 });
    cleanups.push(() => s.stop());
    const attempts: number[] = [];
    await s.start(async (job) => {
      attempts.push(job.attempt);
      throw new Error('down');
    });
    await s.scheduleAt('k', new Date('2026-05-01T06:00:00Z'), { type: 'review-due', learnerId: 'a', to });
    await s.runDue();
    expect((await s.list())[0]?.next?.toISOString()).toBe('2026-05-01T06:00:01.000Z');
    clock.advance(1_000);
    await s.runDue();
    expect((await s.list())[0]?.next?.toISOString()).toBe('2026-05-01T06:00:03.000Z');
    clock.advance(2_000);
    await s.runDue();
    expect(attempts).toEqual([1, 2, 3]);
    expect(await s.list()).toEqual([]);
  });

  it('refuses a daily schedule with an unknown zone or hour', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const { s } = await open(t.dir, new ManualClock('2026-05-01T06:00:00Z'));
    const p = { type: 'daily-task' as const, learnerId: 'a', to };
    await expect(s.upsertDaily('k', { hour: 9, timezone: 'Mars/Olympus' }, p)).rejects.toMatchObject({ code: 'SCHEDULE_INVALID' });
    await expect(s.upsertDaily('k', { hour: 24, timezone: 'UTC' }, p)).rejects.toMatchObject({ code: 'SCHEDULE_INVALID' });
  });
});
