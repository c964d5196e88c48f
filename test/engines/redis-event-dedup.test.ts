/**
 * Slack event de-duplication shared through Redis (issue #17, item 10):
 * several Slack processes behind one request URL answer a re-sent event
 * once. Real Redis (the test run's private server), a unique prefix per test.
 */
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { RedisEventDedup, openRedisEventDedup } from '../../src/engines/redis/redis-event-dedup.ts';
import { ScriptCoach } from '../slack/support/script-coach.ts';
import { startHarness, type Harness } from '../slack/support/harness.ts';
import { fixture } from '../slack/support/slack-requests.ts';
import { deletePrefix, uniquePrefix } from '../support/redis.ts';

const url = inject('redisUrl');
if (!url) console.warn('⚠ SKIPPED: Redis event de-duplication — redis-server is not installed (apt-get install -y redis-server)');

describe.skipIf(!url)('Slack event de-duplication in Redis', { timeout: 30_000 }, () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('two Slack processes behind one URL answer an event Slack re-sent to the other one once', async () => {
    const prefix = uniquePrefix('dedup');
    cleanups.push(() => deletePrefix(url!, prefix));
    const harnesses: { h: Harness; coach: ScriptCoach }[] = [];
    for (let i = 0; i < 2; i++) {
      const shared = await openRedisEventDedup(url!, prefix);
      cleanups.push(() => shared.close());
      const coach = new ScriptCoach();
      const h = await startHarness(coach, { dedup: shared.dedup });
      cleanups.push(() => h.close());
      harnesses.push({ h, coach });
    }
    const e = fixture('event-message-im');
    const body = { ...e, event_id: 'Ev0SHARED01', event: { ...(e.event as Record<string, unknown>), text: 'I want to learn docker' } };
    expect((await harnesses[0]!.h.send.event(body)).status).toBe(200);
    // Slack did not see the 200 in time and re-sends; the load balancer picks the other process.
    expect((await harnesses[1]!.h.send.event(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 800));
    expect(harnesses.map((x) => x.coach.received.length)).toEqual([1, 0]);
  });

  it('claims an id once across connections, however many race for it, and again after the time to live', async () => {
    const prefix = uniquePrefix('dedup-race');
    cleanups.push(() => deletePrefix(url!, prefix));
    const a = new Redis(url!);
    const b = new Redis(url!);
    cleanups.push(() => a.quit(), () => b.quit());
    const one = new RedisEventDedup({ redis: a, prefix, ttlMs: 300 });
    const two = new RedisEventDedup({ redis: b, prefix, ttlMs: 300 });
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).claim('Ev1')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(await two.claim('Ev1')).toBe(true);
  });

  it('lets an event through when Redis stops answering, rather than leave the learner unanswered', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const dead = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    dead.on('error', () => undefined);
    const errors: unknown[] = [];
    const d = new RedisEventDedup({ redis: dead, prefix: 'x', onError: (e) => errors.push(e) });
    expect(await d.claim('Ev2')).toBe(true);
    expect(errors).toHaveLength(1);
    dead.disconnect();
  });
});
