/**
 * `pathwise worker --only fanout|deliveries`: a deployment can give the
 * slots' fan-out a process of its own (issue #17, item 4). Here the real
 * `pathwise worker --only fanout` runs as a child process on the test's
 * Redis: it adds a slot's delivery jobs and leaves them for the delivery
 * workers, and stops on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/config.ts';
import type { JobPayload } from '../../../src/core/ports/scheduler.port.ts';
import { runCli } from '../../../src/main.ts';
import { BullMqScheduler } from '../../../src/engines/bullmq/bullmq.scheduler.ts';
import { memoryIo } from '../../support/cli-io.ts';
import { deletePrefix, uniquePrefix, waitFor } from '../../support/redis.ts';
import { tempDir } from '../../support/temp-dir.ts';

const url = inject('redisUrl');
if (!url) console.warn('⚠ SKIPPED: worker roles suite — redis-server is not installed (apt-get install -y redis-server)');

describe('pathwise worker --only', () => {
  it('names the roles it takes when given another', async () => {
    const t = memoryIo();
    expect(await runCli(['worker', '--only', 'everything'], t.io, { REDIS_URL: 'redis://127.0.0.1:1' })).toBe(2);
    expect(t.err()).toContain('pathwise worker [--only deliveries|fanout]');
  });
});

describe.skipIf(!url)('pathwise worker --only fanout on Redis', { timeout: 60_000 }, () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("adds a slot's delivery jobs and sends none of them, then stops on SIGTERM", async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const prefix = uniquePrefix('only-fanout');
    cleanups.push(() => deletePrefix(url!, prefix));
    const clean: Record<string, string | undefined> = { ...process.env };
    for (const k of Object.keys(clean)) if (/^(PATHWISE_|REDIS_|MONGODB_|SLACK_|DISCORD_)/.test(k)) delete clean[k];
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/pathwise.js'), 'worker', '--only', 'fanout'], {
      env: { ...clean, REDIS_URL: url!, PATHWISE_QUEUE_PREFIX: prefix, PATHWISE_DATA_DIR: t.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
    expect(await waitFor(() => stderr.includes('pathwise worker ready'), 30_000, 50)).toBe(true);
    expect(stderr).toMatch(/ready: fanout of queue .*concurrency 1/);

    // The bot side schedules three learners in a slot that fell two minutes ago, and a reconcile catches it up.
    const producer = new BullMqScheduler({ redis: url!, prefix });
    cleanups.push(() => producer.stop());
    const run = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 60_000);
    const at = { hour: run.getUTCHours(), minute: run.getUTCMinutes(), timezone: 'UTC' };
    for (const u of ['U1', 'U2', 'U3']) {
      const payload: JobPayload = { type: 'daily-task', learnerId: `slack:T1:${u}`, to: { platform: 'slack', workspace: 'T1', channel: `D${u}`, user: u } };
      await producer.upsertDaily(`daily:slack:T1:${u}`, at, payload, { since: new Date(0) });
    }
    expect(await producer.catchUp()).toBe(1);
    expect(await waitFor(async () => (await producer.fanOutQueue.getCompletedCount()) === 1, 10_000)).toBe(true);
    // Added for the delivery workers, and left waiting: this process delivers nothing.
    expect(await producer.queue.getWaitingCount()).toBe(3);
    await new Promise((r) => setTimeout(r, 500));
    expect(await producer.queue.getWaitingCount()).toBe(3);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('pathwise worker stopped.');
  });
});
