/**
 * One reconcile at a time across processes (issue #17): every worker runs the
 * reconciler at start and every 15 minutes, and `pathwise jobs reconcile`
 * runs it on demand. On real Redis: two processes' reconciles started
 * together rebuild once, and the schedules come out right; the lock's lease
 * outlives neither a dead holder nor a long rebuild.
 */
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { reconcileSchedules, type ReconcileReport } from '../../../src/coach/reconcile.ts';
import { systemClock } from '../../../src/core/ports/clock.port.ts';
import type { Scheduler } from '../../../src/core/ports/scheduler.port.ts';
import { BullMqScheduler } from '../../../src/engines/bullmq/bullmq.scheduler.ts';
import { NedbLearnerStore } from '../../../src/engines/embedded/nedb-learner-store.ts';
import { RedisLock } from '../../../src/engines/redis/redis-lock.ts';
import { runCli } from '../../../src/main.ts';
import { learnerRecord } from '../../contracts/learner-store.contract.ts';
import { memoryIo } from '../../support/cli-io.ts';
import { writeFixtureRoadmaps } from '../../support/fixture-graph.ts';
import { deletePrefix, uniquePrefix } from '../../support/redis.ts';
import { tempDir } from '../../support/temp-dir.ts';

const url = inject('redisUrl');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!url)('the reconciler\'s lock across processes', { timeout: 60_000 }, () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const connection = () => {
    const r = new Redis(url!);
    cleanups.push(() => r.quit());
    return r;
  };

  it('two processes reconciling at once: one rebuilds, the other skips, and the schedules are right', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const prefix = uniquePrefix('reconcile-lock');
    cleanups.push(() => deletePrefix(url!, prefix));
    const store = await NedbLearnerStore.open(t.dir);
    cleanups.push(() => store.close());
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York'];
    const N = 120;
    for (let i = 0; i < N; i++) {
      const l = learnerRecord(`slack:T1:U${i}`);
      await store.putLearner({ ...l, settings: { ...l.settings, timezone: zones[i % 3]!, dailyHour: 6 + (i % 4) } }, null);
    }
    // Two worker processes: a scheduler and a lock connection each, on the same queue; count what each rebuilds.
    let upserts = 0;
    const processOf = () => {
      const s = new BullMqScheduler({ redis: url!, prefix });
      cleanups.push(() => s.stop());
      const counted: Scheduler = Object.assign(Object.create(s) as BullMqScheduler, {
        upsertDaily: (...a: Parameters<Scheduler['upsertDaily']>) => (upserts++, s.upsertDaily(...a)),
      });
      return { scheduler: counted, real: s, lock: new RedisLock(connection(), prefix) };
    };
    const a = processOf();
    const b = processOf();

    const reports: ReconcileReport[] = await Promise.all([a, b].map((p) => reconcileSchedules({ store, scheduler: p.scheduler, clock: systemClock, lock: p.lock })));
    expect(reports.map((r) => r.skipped).sort()).toEqual([false, true]);
    expect(reports.find((r) => !r.skipped)).toMatchObject({ learners: N, daily: N, removed: 0 });
    expect(reports.find((r) => r.skipped)).toMatchObject({ learners: 0, daily: 0, removed: 0, caughtUp: 0 });
    expect(upserts).toBe(N);

    // Every learner's daily task at their hour and zone, one job scheduler per (zone, hour) slot.
    const entries = await a.real.list();
    expect(entries).toHaveLength(N);
    for (let i = 0; i < N; i++) {
      expect(entries.find((e) => e.key === `learner:slack:T1:U${i}:daily`)?.daily).toEqual({ hour: 6 + (i % 4), timezone: zones[i % 3] });
    }
    expect(await a.real.fanOutQueue.getJobSchedulersCount()).toBe(12);

    // The lock was given back: the next reconcile (either process) runs, and finds nothing to change.
    const next = await reconcileSchedules({ store, scheduler: b.scheduler, clock: systemClock, lock: b.lock });
    expect(next).toMatchObject({ skipped: false, learners: N, daily: N, removed: 0 });
    expect(await b.real.list()).toHaveLength(N);
    expect(await b.real.fanOutQueue.getJobSchedulersCount()).toBe(12);
  });

  it('pathwise jobs reconcile while a worker is rebuilding says so and changes nothing', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const prefix = uniquePrefix('reconcile-cli');
    cleanups.push(() => deletePrefix(url!, prefix));
    const store = await NedbLearnerStore.open(t.dir);
    await store.putLearner(learnerRecord('slack:T1:U1'), null);
    await store.close();
    const env = { PATHWISE_DATA_DIR: t.dir, REDIS_URL: url!, PATHWISE_QUEUE_PREFIX: prefix, PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(t.dir, 'roadmaps')) };
    // A worker holds the lock while it rebuilds.
    let finish = (): void => undefined;
    const worker = new RedisLock(connection(), prefix).run('reconcile', () => new Promise<void>((r) => (finish = r)));
    const busy = memoryIo();
    expect(await runCli(['jobs', 'reconcile'], busy.io, env)).toBe(0);
    expect(busy.out()).toMatch(/Another process \(a worker\) is rebuilding the schedules right now; nothing done here/);
    const scheduler = new BullMqScheduler({ redis: url!, prefix });
    cleanups.push(() => scheduler.stop());
    expect(await scheduler.list()).toEqual([]);
    finish();
    await worker;
    const free = memoryIo();
    expect(await runCli(['jobs', 'reconcile'], free.io, env)).toBe(0);
    expect(free.out()).toMatch(/Reconciled 1 learner\(s\): 1 daily task\(s\)/);
    expect(await scheduler.list()).toHaveLength(1);
  });

  it('renews its lease through a long rebuild; a holder that died keeps others out only until its lease ends', async () => {
    const prefix = uniquePrefix('lock-lease');
    cleanups.push(() => deletePrefix(url!, prefix));
    const lease = 1000;
    const a = new RedisLock(connection(), prefix, lease);
    const b = new RedisLock(connection(), prefix, lease);

    // A rebuild three leases long keeps the lock all along.
    const long = a.run('reconcile', () => sleep(3 * lease).then(() => 'done'));
    await sleep(2 * lease);
    expect(await b.run('reconcile', async () => 'ran')).toEqual({ ran: false });
    expect(await long).toEqual({ ran: true, value: 'done' });
    expect(await b.run('reconcile', async () => 'ran')).toEqual({ ran: true, value: 'ran' });

    // A work that throws gives the lock back too.
    await expect(a.run('reconcile', async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await b.run('reconcile', async () => 'ran')).toEqual({ ran: true, value: 'ran' });

    // A holder that dies mid-rebuild (its connection gone, so no renewal and no release).
    const dying = new Redis(url!);
    const dead = new RedisLock(dying, prefix, lease);
    void dead.run('reconcile', () => new Promise(() => undefined));
    await sleep(50);
    dying.disconnect();
    expect(await b.run('reconcile', async () => 'ran')).toEqual({ ran: false });
    await sleep(lease + 100);
    expect(await b.run('reconcile', async () => 'ran')).toEqual({ ran: true, value: 'ran' });
  });
});
