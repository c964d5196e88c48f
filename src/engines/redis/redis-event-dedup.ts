/**
 * {@link EventDedup} shared through Redis, so several `pathwise slack`
 * processes behind one request URL answer a re-sent event once: the claim is
 * `SET <prefix>:slack-event:<id> 1 NX PX <ttl>`, atomic on the server. Kept
 * an hour by default (Slack's last retry comes about five minutes after the
 * first attempt).
 *
 * When Redis does not answer, the event is let through (claimed) rather than
 * dropped: a rare double answer is better than a learner never answered, and
 * the in-process copy check still catches retries reaching this process.
 */
import { Redis } from 'ioredis';
import { probeRedis } from '../bullmq/redis-connection.ts';
import type { EventDedup } from '../../core/ports/event-dedup.port.ts';

export interface RedisEventDedupOptions {
  redis: Redis;
  prefix: string;
  ttlMs?: number;
  /** Consulted first and when Redis fails: this process's own memory of ids. */
  local?: EventDedup;
  onError?: (err: unknown) => void;
}

export class RedisEventDedup implements EventDedup {
  constructor(private readonly opts: RedisEventDedupOptions) {}

  async claim(eventId: string): Promise<boolean> {
    if (this.opts.local && !(await this.opts.local.claim(eventId))) return false;
    try {
      const res = await this.opts.redis.set(`${this.opts.prefix}:slack-event:${eventId}`, '1', 'PX', this.opts.ttlMs ?? 3_600_000, 'NX');
      return res === 'OK';
    } catch (err) {
      this.opts.onError?.(err);
      return true;
    }
  }
}

/**
 * Opens the shared de-duplication on REDIS_URL (checked within 5 s), on a
 * connection of its own that fails a command at once rather than queue it,
 * so a Redis outage never holds an event's acknowledgement.
 */
export async function openRedisEventDedup(url: string, prefix: string, local?: EventDedup, onError?: (err: unknown) => void): Promise<{ dedup: EventDedup; close(): Promise<void> }> {
  await probeRedis(url);
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: `${prefix}-slack-dedup` });
  redis.on('error', (err) => onError?.(err));
  return {
    dedup: new RedisEventDedup({ redis, prefix, ...(local ? { local } : {}), ...(onError ? { onError } : {}) }),
    close: async () => void (await redis.quit().catch(() => redis.disconnect())),
  };
}
