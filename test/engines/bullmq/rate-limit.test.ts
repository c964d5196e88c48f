/**
 * Within the platforms' limits (issue #17, item 5): a peak of Discord
 * deliveries through the BullMQ worker and the shared token bucket in Redis
 * is spread over time (no more than the budget in any second) instead of
 * hitting the platform at once, and every one is still delivered once,
 * without spending a retry on the waits.
 */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { RateLimitedGateway } from '../../../src/app/rate-limited-gateway.ts';
import type { ConversationRef, Reply } from '../../../src/core/chat/messages.ts';
import { seededRng } from '../../../src/core/random.ts';
import type { RunningJob } from '../../../src/core/ports/scheduler.port.ts';
import { BullMqScheduler } from '../../../src/engines/bullmq/bullmq.scheduler.ts';
import { RedisRateLimiter } from '../../../src/engines/redis/redis-rate-limiter.ts';
import { deletePrefix, uniquePrefix, waitFor } from '../../support/redis.ts';

const url = inject('redisUrl');

describe.skipIf(!url)('per-platform rate limiting', { timeout: 60_000 }, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('spreads 150 Discord deliveries at 50/s over the worker, none lost, no retry spent', async () => {
    const prefix = uniquePrefix('rate');
    const redis = new Redis(url!);
    cleanups.push(() => deletePrefix(url!, prefix), () => redis.quit());
    const limiter = new RedisRateLimiter(redis, prefix, () => ({ perSecond: 50, burst: 10 }));
    const sentAt: number[] = [];
    const platform = { send: async (_to: ConversationRef, _r: Reply) => (sentAt.push(Date.now()), {}) };
    const gateway = new RateLimitedGateway(platform, limiter, seededRng(1));
    const scheduler = new BullMqScheduler({ redis: url!, prefix, concurrency: 50, retry: { attempts: 2, backoffMs: 60_000 } });
    cleanups.push(() => scheduler.stop());
    const attempts: number[] = [];
    await scheduler.start(async (job: RunningJob) => {
      attempts.push(job.attempt);
      if (job.payload.type === 'review-due') await gateway.send(job.payload.to, { blocks: [] });
    });
    const now = new Date();
    for (let i = 0; i < 150; i++) {
      await scheduler.scheduleAt(`learner:discord:G:${i}:review`, now, { type: 'review-due', learnerId: `discord:G:${i}`, to: { platform: 'discord', workspace: 'A1', channel: 'dm', user: String(i) } });
    }
    expect(await waitFor(() => sentAt.length >= 150, 30_000, 20)).toBe(true);
    const first = Math.min(...sentAt);
    const seconds = (Math.max(...sentAt) - first) / 1000;
    // 150 at 50/s with a burst of 10 takes about 2.8 s; in no one-second window more than 50 + 10.
    expect(seconds).toBeGreaterThan(2.2);
    const most = Math.max(...sentAt.map((t) => sentAt.filter((u) => u >= t && u < t + 1000).length));
    expect(most).toBeLessThanOrEqual(60);
    expect(attempts.every((a) => a === 1)).toBe(true);
    console.log(`rate limit: 150 Discord sends in ${seconds.toFixed(1)} s, at most ${most} in any second, ${attempts.length - 150} deferrals`);
  });

  it('two worker processes together send no more than the shared bucket holds', async () => {
    const prefix = uniquePrefix('rate-shared');
    const a = new Redis(url!);
    const b = new Redis(url!);
    cleanups.push(() => deletePrefix(url!, prefix), () => a.quit(), () => b.quit());
    // Two limiters on two connections stand for two worker processes; a slow refill (1/s) keeps the count exact.
    const limit = () => ({ perSecond: 1, burst: 40 });
    const first = new RedisRateLimiter(a, prefix, limit);
    const second = new RedisRateLimiter(b, prefix, limit);
    const started = Date.now();
    const waits: number[] = [];
    for (let i = 0; i < 30; i++) waits.push(await first.take('discord'), await second.take('discord'));
    const allowed = waits.filter((w) => w === 0).length;
    const refill = Math.ceil((Date.now() - started) / 1000);
    // Taking in turns, the two get the bucket's 40 between them (plus what it refilled meanwhile), not 40 each.
    expect(allowed).toBeGreaterThanOrEqual(40);
    expect(allowed).toBeLessThanOrEqual(40 + refill);
    expect(waits.filter((w) => w > 0).every((w) => w >= 1000)).toBe(true);
  });

  it('keeps limiting after Redis lost its script cache (a restart or SCRIPT FLUSH): the take loads the script again', async () => {
    const prefix = uniquePrefix('rate-flush');
    const redis = new Redis(url!);
    cleanups.push(() => deletePrefix(url!, prefix), () => redis.quit());
    const limiter = new RedisRateLimiter(redis, prefix, () => ({ perSecond: 1, burst: 2 }));
    expect([await limiter.take('discord'), await limiter.take('discord')]).toEqual([0, 0]);
    await redis.script('FLUSH');
    // The bucket is empty now: the third take is refused with a wait, not an error.
    expect(await limiter.take('discord')).toBeGreaterThan(0);
  });
});
