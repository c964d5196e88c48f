/**
 * {@link SharedLock} in Redis: taking the lock is `SET <prefix>:pathwise:lock:<name>
 * <token> NX PX <lease>`, atomic on the server, with a token of this holder's
 * own; while the work runs the lease is renewed every third of it, and the
 * lock is released at the end, both by a compare-and-set on the token (Lua),
 * so a holder whose lease ran out never extends or deletes its successor's.
 *
 * A holder that dies keeps others out until its lease ends (2 minutes by
 * default). One cut off from Redis for longer than the lease may overlap with
 * the next holder: the lock saves work and does not carry correctness (the
 * reconciler's steps are each idempotent).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { SharedLock } from '../../core/ports/shared-lock.port.ts';

const EXTEND = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** How long a lock holds without renewal by default. */
export const DEFAULT_LOCK_LEASE_MS = 2 * 60_000;

export class RedisLock implements SharedLock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly leaseMs = DEFAULT_LOCK_LEASE_MS,
  ) {}

  async run<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    const key = `${this.prefix}:pathwise:lock:${name}`;
    const token = randomUUID();
    if ((await this.redis.set(key, token, 'PX', this.leaseMs, 'NX')) !== 'OK') return { ran: false };
    // A failed renewal is not fatal: at worst the lease ends and another process starts the same idempotent work.
    const renew = setInterval(() => void this.redis.eval(EXTEND, 1, key, token, String(this.leaseMs)).catch(() => undefined), Math.max(1, Math.floor(this.leaseMs / 3)));
    renew.unref();
    try {
      return { ran: true, value: await work() };
    } finally {
      clearInterval(renew);
      await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}

/** A lock on a Redis connection of its own (REDIS_URL), and how to close it. */
export function openRedisLock(url: string, prefix: string, leaseMs?: number): { lock: SharedLock; close(): Promise<void> } {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectionName: `${prefix}-lock` });
  redis.on('error', () => undefined); // A failed SET fails the run that asked, which reports it.
  return { lock: new RedisLock(redis, prefix, leaseMs), close: async () => void (await redis.quit().catch(() => redis.disconnect())) };
}
