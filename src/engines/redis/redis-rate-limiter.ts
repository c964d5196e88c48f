/**
 * A token bucket per key in Redis, shared by every worker process: `rate`
 * tokens a second up to `burst`, refilled from Redis's own clock (TIME), so
 * workers with skewed clocks still share one budget. One Lua call per take.
 * A refused take joins a line (`waiting`, which drains at the send rate)
 * and is told to come back when those ahead have had their turn, so a peak
 * slot's jobs return spread over the time their sends need rather than all
 * at once.
 *
 * Leases: while the bucket is more than half full (no peak is on), a take
 * also takes up to {@link LEASE_MAX} more tokens from it, never below half
 * the burst, and the process spends them on its next sends for at most
 * {@link LEASE_MS}; what it has not spent by then is dropped, not put back.
 * Every send still has a token from the shared bucket, so the budget across
 * processes holds; a lease only moves a send's take up to 100 ms earlier
 * and can leave a few tokens unused. Under a peak (the bucket at half or
 * below) no lease is given and every send takes its own token in Redis, as
 * before, so the line and the spreading are unchanged.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RateLimit, RateLimiter } from '../../core/ports/rate-limiter.port.ts';
import { coalesceWrites } from './coalesce-writes.ts';

const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'waiting')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
local waiting = tonumber(state[3]) or 0
local want = tonumber(ARGV[3]) or 0
tokens = math.min(burst, tokens + (now - at) * rate / 1000)
-- The line of refused sends drains at the rate sends are allowed.
waiting = math.max(0, waiting - (now - at) * rate / 1000)
local wait = 0
local lease = 0
if tokens >= 1 then
  tokens = tokens - 1
  -- A lease only from the upper half of the bucket: a peak never gets one.
  lease = math.max(0, math.min(want, math.floor(tokens - burst / 2)))
  tokens = tokens - lease
else
  -- At the back of the line: come back when those ahead have had their turn.
  waiting = waiting + 1
  wait = math.ceil(waiting * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now), 'waiting', tostring(waiting))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst + waiting) * 1000 / rate) + 60000)
return {wait, lease}`;

const TAKE_SHA = createHash('sha1').update(TAKE).digest('hex');

/** Most extra tokens one take leases, and how long the process may hold them. */
export const LEASE_MAX = 32;
export const LEASE_MS = 100;

export class RedisRateLimiter implements RateLimiter {
  /** Per bucket: tokens leased from Redis and not yet spent, usable until `until` (epoch ms, this process's clock). */
  private readonly leases = new Map<string, { tokens: number; until: number }>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limitOf: (key: string) => RateLimit,
  ) {}

  async take(key: string): Promise<number> {
    const lease = this.leases.get(key);
    if (lease && lease.tokens > 0 && Date.now() < lease.until) {
      lease.tokens--;
      return 0;
    }
    const { perSecond, burst } = this.limitOf(key);
    const args = [1, `${this.prefix}:rate:${key}`, String(perSecond), String(burst), String(LEASE_MAX)] as const;
    const asked = Date.now();
    // By its hash (the script's text need not cross the wire each time); loaded on first use or after a flush.
    let reply: unknown;
    try {
      reply = await this.redis.evalsha(TAKE_SHA, ...args);
    } catch (err) {
      if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
      reply = await this.redis.eval(TAKE, ...args);
    }
    const [wait, leased] = (reply as unknown[]).map(Number) as [number, number];
    // Counted from when the take was asked, so a slow reply shortens the lease rather than stretching it.
    if (leased > 0) {
      const held = this.leases.get(key);
      // Another take's lease still running: pool the tokens, ending when the earlier of the two does.
      if (held && held.tokens > 0 && Date.now() < held.until) held.tokens += leased;
      else this.leases.set(key, { tokens: leased, until: asked + LEASE_MS });
    }
    return wait;
  }
}

/** A limiter on a connection of its own to REDIS_URL (the worker's sends share it across processes). */
export function openRedisRateLimiter(url: string, prefix: string, limitOf: (key: string) => RateLimit): { limiter: RateLimiter; close(): Promise<void> } {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectionName: `${prefix}-rate` });
  coalesceWrites(redis); // Concurrent jobs' commands share a write (coalesce-writes.ts).
  redis.on('error', () => undefined); // A failed take fails the send, which the queue retries.
  return { limiter: new RedisRateLimiter(redis, prefix, limitOf), close: async () => void (await redis.quit().catch(() => redis.disconnect())) };
}
