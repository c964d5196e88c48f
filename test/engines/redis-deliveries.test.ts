/**
 * Delivery claims in Redis (the fan-out benchmark's production-shaped store):
 * the same claim / take-over semantics as the learner stores, on the test
 * run's private Redis with a unique prefix.
 */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { RedisDeliveries } from '../../src/engines/redis/redis-deliveries.ts';
import { deletePrefix, uniquePrefix } from '../support/redis.ts';

const url = inject('redisUrl');

describe.skipIf(!url)('RedisDeliveries', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('claims a delivery for exactly one of many concurrent workers and hands an expired claim to exactly one taker', async () => {
    const prefix = uniquePrefix('deliveries');
    const redis = new Redis(url!);
    cleanups.push(() => redis.quit(), () => deletePrefix(url!, prefix));
    const store = new RedisDeliveries(redis, prefix);
    const claim = (w: number) => ({ key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sending' as const, at: `2026-03-01T08:00:0${w}.000Z`, leaseUntil: '2026-03-01T08:02:00.000Z' });
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((w) => store.claimDelivery(claim(w))));
    expect(results.filter((r) => r === null)).toHaveLength(1);
    const seen = (await store.getDelivery('daily:a:2026-03-01'))!;
    const took = await Promise.all([7, 8].map((w) => store.takeOverDelivery(seen, { ...claim(w), at: `2026-03-01T08:05:0${w}.000Z` })));
    expect(took.filter(Boolean)).toHaveLength(1);
    await store.putDelivery({ key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sent', at: '2026-03-01T08:05:07.000Z', messageId: 'm1' });
    expect(await store.claimDelivery(claim(1))).toMatchObject({ state: 'sent', messageId: 'm1' });
    expect(await redis.pttl(`${prefix}:delivery:daily:a:2026-03-01`)).toBeGreaterThan(40 * 86_400_000);
  });
});
