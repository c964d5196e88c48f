/**
 * Workers as separate processes on one real Redis, delivering to a loopback
 * recorder that stands in for the chat platform, with delivery records in
 * the embedded store on disk:
 *
 * - a worker SIGKILLed between the send and the queue's acknowledgement, or
 *   between the platform taking the message and `sent` being recorded, does
 *   not make the learner get the daily task twice, and one killed before the
 *   send does not make them miss it (stalled-job recovery + the delivery
 *   claim's lease + asking the platform);
 * - two workers on one queue deliver each of N jobs exactly once;
 * - SIGTERM shuts a worker down cleanly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { ConversationRef } from '../../../src/core/chat/messages.ts';
import { BullMqScheduler } from '../../../src/engines/bullmq/bullmq.scheduler.ts';
import { NedbLearnerStore } from '../../../src/engines/embedded/nedb-learner-store.ts';
import { localDate } from '../../../src/core/schedule/daily-time.ts';
import { ChatRecorder } from '../../support/chat-recorder.ts';
import type { DeliveryWorkerOptions } from '../../support/delivery-worker.ts';
import { deletePrefix, uniquePrefix, waitFor } from '../../support/redis.ts';
import { WorkerProcess } from '../../support/worker-process.ts';

const url = inject('redisUrl');
if (!url) console.warn('⚠ SKIPPED: BullMQ worker-process suite — redis-server is not installed (apt-get install -y redis-server)');

const to = (user: string): ConversationRef => ({ platform: 'slack', workspace: 'T1', channel: `D-${user}`, user });

describe.skipIf(!url)('BullMQ workers as separate processes', { timeout: 60_000 }, () => {
  let prefix: string;
  let storeDir: string;
  let recorder: ChatRecorder;
  let producer: BullMqScheduler;
  const workers: WorkerProcess[] = [];

  const base = (name: string, store: DeliveryWorkerOptions['store'] = 'nedb'): DeliveryWorkerOptions => ({
    name,
    redisUrl: url!,
    prefix,
    storeDir,
    store,
    recorderUrl: recorder.url,
    concurrency: 5,
    // Short locks so a dead worker's job is recovered in about a second, not 30-60 s.
    lockDuration: 1000,
    stalledInterval: 500,
  });
  const spawnWorker = (o: DeliveryWorkerOptions): WorkerProcess => {
    const w = new WorkerProcess(o);
    workers.push(w);
    return w;
  };
  /** The delivery record in the embedded store the workers used (opened after they are gone: one process at a time). */
  async function storedState(key: string): Promise<string | null> {
    const store = await NedbLearnerStore.open(storeDir);
    try {
      return (await store.getDelivery(key))?.state ?? null;
    } finally {
      await store.close();
    }
  }

  beforeEach(async () => {
    prefix = uniquePrefix('procs');
    storeDir = mkdtempSync(join(tmpdir(), 'pathwise-deliveries-'));
    recorder = new ChatRecorder();
    await recorder.start();
    producer = new BullMqScheduler({ redis: url!, prefix });
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) w.kill();
    await producer.stop();
    await recorder.stop();
    await deletePrefix(url!, prefix);
    rmSync(storeDir, { recursive: true, force: true });
  });

  /** Schedules one learner's daily task, makes its next run due now, and returns its idempotency key. */
  async function dueDailyTask(learnerId: string): Promise<string> {
    await producer.upsertDaily(`daily:${learnerId}`, { hour: 9, timezone: 'Europe/Berlin' }, { type: 'daily-task', learnerId, to: to(learnerId) });
    const [entry] = await producer.list(`daily:${learnerId}`);
    const [job] = await producer.fanOutQueue.getDelayed();
    await job!.promote();
    return `daily-task:${learnerId}:${localDate(entry!.next!, 'Europe/Berlin')}`;
  }

  it('a worker killed after sending and before acknowledging does not send the daily task twice', async () => {
    const first = spawnWorker({ ...base('w1'), killAfterSend: true });
    await first.waitForEvent('ready', 20_000);
    const key = await dueDailyTask('slack:T1:U1');
    expect((await first.waitForExit(10_000)).signal).toBe('SIGKILL');
    expect(recorder.messages).toHaveLength(1);
    // The job is still "active" in Redis, held by a dead worker's lock.
    expect(await producer.queue.getActiveCount()).toBe(1);

    const second = spawnWorker(base('w2'));
    await second.waitForEvent('ready', 20_000);
    expect(await waitFor(() => second.events.some((e) => e.event === 'delivered'), 15_000)).toBe(true);
    expect(second.events.find((e) => e.event === 'delivered')?.outcome).toBe('already-sent');
    expect(second.has('job-stalled')).toBe(true);
    // Two completed runs: the slot's fan-out (on its own queue) and the learner's delivery job.
    expect(await waitFor(async () => (await producer.queue.getCompletedCount()) === 1 && (await producer.fanOutQueue.getCompletedCount()) === 1, 5000)).toBe(true);

    expect(recorder.messages).toHaveLength(1);
    expect([...recorder.counts.values()]).toEqual([1]);
    second.child.kill('SIGTERM');
    await second.waitForExit(10_000);
    expect(await storedState(key)).toBe('sent');
  });

  it('a worker killed after recording "sending" and before the send does not make the learner miss it', async () => {
    const first = spawnWorker({ ...base('w1'), killBeforeSend: true });
    await first.waitForEvent('ready', 20_000);
    const key = await dueDailyTask('slack:T1:U2');
    expect((await first.waitForExit(10_000)).signal).toBe('SIGKILL');
    expect(recorder.messages).toHaveLength(0);
    expect(await storedState(key)).toBe('sending');

    const second = spawnWorker(base('w2'));
    await second.waitForEvent('ready', 20_000);
    expect(await waitFor(() => recorder.messages.length === 1, 15_000)).toBe(true);
    // Two completed runs: the slot's fan-out (on its own queue) and the learner's delivery job.
    expect(await waitFor(async () => (await producer.queue.getCompletedCount()) === 1 && (await producer.fanOutQueue.getCompletedCount()) === 1, 5000)).toBe(true);
    expect(second.events.find((e) => e.event === 'ambiguous')?.how).toBe('resent');
    expect(recorder.messages).toHaveLength(1);
    second.child.kill('SIGTERM');
    await second.waitForExit(10_000);
    expect(await storedState(key)).toBe('sent');
  });

  it('a worker killed after the platform took the message and before "sent" was recorded does not send it twice', async () => {
    const first = spawnWorker({ ...base('w1'), killAfterAccept: true });
    await first.waitForEvent('ready', 20_000);
    const key = await dueDailyTask('slack:T1:U3');
    expect((await first.waitForExit(10_000)).signal).toBe('SIGKILL');
    expect(recorder.messages).toHaveLength(1);
    expect(await storedState(key)).toBe('sending');

    const second = spawnWorker(base('w2'));
    await second.waitForEvent('ready', 20_000);
    // Stalled-job recovery hands the job over; the claim's lease runs out; the platform is asked and has it.
    expect(await waitFor(() => second.events.some((e) => e.event === 'delivered'), 20_000)).toBe(true);
    expect(second.events.find((e) => e.event === 'delivered')?.outcome).toBe('settled');
    expect(second.events.find((e) => e.event === 'ambiguous')?.how).toBe('settled');
    expect(recorder.messages).toHaveLength(1);
    second.child.kill('SIGTERM');
    await second.waitForExit(10_000);
    expect(await storedState(key)).toBe('sent');
  });

  it('two workers on one queue deliver each of N jobs exactly once, then stop cleanly on SIGTERM', async () => {
    const n = 200;
    // Two processes at once: delivery records in one file per key (the embedded store is one process per folder).
    const a = spawnWorker({ ...base('a', 'files'), handlerDelayMs: 5 });
    const b = spawnWorker({ ...base('b', 'files'), handlerDelayMs: 5 });
    await Promise.all([a.waitForEvent('ready', 20_000), b.waitForEvent('ready', 20_000)]);
    const now = new Date();
    for (let i = 0; i < n; i++) {
      await producer.scheduleAt(`review:slack:T1:U${i}`, now, { type: 'review-due', learnerId: `slack:T1:U${i}`, to: to(`U${i}`) });
    }
    expect(await waitFor(() => recorder.messages.length >= n, 30_000)).toBe(true);
    expect(await waitFor(async () => (await producer.queue.getCompletedCount()) === n, 5000)).toBe(true);

    expect(recorder.messages).toHaveLength(n);
    expect(recorder.counts.size).toBe(n);
    expect([...recorder.counts.values()].every((c) => c === 1)).toBe(true);
    const byWorker = (w: WorkerProcess): number => w.events.filter((e) => e.event === 'delivered').length;
    expect(byWorker(a) + byWorker(b)).toBe(n);
    expect(byWorker(a)).toBeGreaterThan(0);
    expect(byWorker(b)).toBeGreaterThan(0);

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.waitForExit(10_000)).toEqual({ code: 0, signal: null });
    expect(await b.waitForExit(10_000)).toEqual({ code: 0, signal: null });
    expect(a.has('stopped') && b.has('stopped')).toBe(true);
  });
});
