/**
 * coalesceWrites on the test run's private Redis: a burst of commands from
 * one event-loop turn leaves in one write, and every command still gets its
 * own answer, in order, including across a dropped connection.
 */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { coalesceWrites } from '../../src/engines/redis/coalesce-writes.ts';
import { deletePrefix, uniquePrefix, waitFor } from '../support/redis.ts';

const url = inject('redisUrl');

describe.skipIf(!url)('coalesceWrites', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  function open(prefix: string): Redis {
    const redis = coalesceWrites(new Redis(url!, { maxRetriesPerRequest: null }));
    cleanups.push(() => redis.quit().catch(() => redis.disconnect()), () => deletePrefix(url!, prefix));
    return redis;
  }

  it('holds a burst of commands until the turn ends, then answers each with its own reply in the order sent', async () => {
    const prefix = uniquePrefix('coalesce');
    const redis = open(prefix);
    await redis.ping();
    // 300 writes and reads of the same keys in one turn: each read sees the write sent before it.
    const writes = Array.from({ length: 300 }, (_, i) => redis.set(`${prefix}:k${i % 50}`, String(i)));
    const reads = Array.from({ length: 50 }, (_, i) => redis.get(`${prefix}:k${i}`));
    const claims = [redis.set(`${prefix}:claim`, 'a', 'PX', 60_000, 'NX'), redis.set(`${prefix}:claim`, 'b', 'PX', 60_000, 'NX')];
    expect(redis.stream.writableCorked).toBe(1);
    expect(await Promise.all(writes)).toEqual(Array(300).fill('OK'));
    expect(await Promise.all(reads)).toEqual(Array.from({ length: 50 }, (_, i) => String(250 + i)));
    expect(await Promise.all(claims)).toEqual(['OK', null]);
    expect(redis.stream.writableCorked).toBe(0);
    // A lone command is not held past its turn either.
    expect(await redis.get(`${prefix}:claim`)).toBe('a');
  });

  it('keeps answering after the server drops the connection', async () => {
    const prefix = uniquePrefix('coalesce');
    const redis = open(prefix);
    await redis.set(`${prefix}:before`, '1');
    const admin = new Redis(url!);
    cleanups.push(() => admin.quit());
    const id = await redis.client('ID');
    await admin.client('KILL', 'ID', String(id));
    expect(await waitFor(async () => (await redis.client('ID').catch(() => id)) !== id, 5_000)).toBe(true);
    const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => redis.incr(`${prefix}:n`).then((n) => [i, n])));
    expect(burst).toEqual(Array.from({ length: 100 }, (_, i) => [i, i + 1]));
    expect(await redis.get(`${prefix}:before`)).toBe('1');
  });
});
