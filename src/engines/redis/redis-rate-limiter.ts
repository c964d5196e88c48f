/**
 * A token bucket per key in Redis, shared by every worker process: `rate`
 * tokens a second up to `burst`, refilled from Redis's own clock (TIME), so
 * workers with skewed clocks still share one budget. One Lua call per take.
 * A refused take joins a line (`waiting`, which drains at the send rate)
 * and is told to come back when those ahead have had their turn, so a peak
 * slot's jobs return spread over the time their sends need rather than all
 * at once.
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
tokens = math.min(burst, tokens + (now - at) * rate / 1000)
-- The line of refused sends drains at the rate sends are allowed.
waiting = math.max(0, waiting - (now - at) * rate / 1000)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  -- At the back of the line: come back when those ahead have had their turn.
  waiting = waiting + 1
  wait = math.ceil(waiting * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now), 'waiting', tostring(waiting))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst + waiting) * 1000 / rate) + 60000)
return wait`;

const TAKE_SHA = createHash('sha1').update(TAKE).digest('hex');

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limitOf: (key: string) => RateLimit,
  ) {}

  async take(key: string): Promise<number> {
    const { perSecond, burst } = this.limitOf(key);
    const args = [1, `${this.prefix}:rate:${key}`, String(perSecond), String(burst)] as const;
    // By its hash (one take per send: the script's text need not cross the wire each time); loaded on first use or after a flush.
    try {
      return Number(await this.redis.evalsha(TAKE_SHA, ...args));
    } catch (err) {
      if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
      return Number(await this.redis.eval(TAKE, ...args));
    }
  }
}

/** A limiter on a connection of its own to REDIS_URL (the worker's sends share it across processes). */
export function openRedisRateLimiter(url: string, prefix: string, limitOf: (key: string) => RateLimit): { limiter: RateLimiter; close(): Promise<void> } {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectionName: `${prefix}-rate` });
  coalesceWrites(redis); // Concurrent jobs' commands share a write (coalesce-writes.ts).
  redis.on('error', () => undefined); // A failed take fails the send, which the queue retries.
  return { limiter: new RedisRateLimiter(redis, prefix, limitOf), close: async () => void (await redis.quit().catch(() => redis.disconnect())) };
}
