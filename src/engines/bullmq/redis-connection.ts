/**
 * Redis connections for BullMQ. Workers block on Redis, so BullMQ requires
 * `maxRetriesPerRequest: null` (commands wait for a reconnect rather than fail).
 */
import { Redis } from 'ioredis';
import { PathwiseError } from '../../core/errors.ts';
import { coalesceWrites } from '../redis/coalesce-writes.ts';

export function connectRedis(url: string, name: string): Redis {
  // A worker's jobs and BullMQ's completions share this connection: one write per event-loop turn (coalesce-writes.ts).
  return coalesceWrites(new Redis(url, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false }));
}

/** `redis://user:secret@host:6379/0` → `redis://host:6379/0`: for logs, never the password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '(unparsable url)';
  }
}

/**
 * Fails fast when Redis cannot be used: connects once (no retries) and
 * PINGs within `timeoutMs`. BullMQ's own connections wait for Redis forever
 * (`maxRetriesPerRequest: null`), so without this a worker pointed at a
 * Redis that is down, or that refuses the password, would never become
 * ready. The message names the server, never the password.
 */
export async function probeRedis(url: string, timeoutMs = 5_000): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  redis.on('error', () => undefined); // Reported through the rejected promise below.
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    await Promise.race([redis.connect().then(() => redis.ping()), deadline]);
  } catch (err) {
    const why = (err as Error).message;
    const auth = /WRONGPASS|NOAUTH|invalid password|invalid username/i.test(why);
    throw new PathwiseError(
      auth ? 'REDIS_AUTH_FAILED' : 'REDIS_UNREACHABLE',
      auth
        ? `Redis at ${redactUrl(url)} refused the credentials in REDIS_URL (${why.split(' ')[0]}); check the user and password there.`
        : `Redis at ${redactUrl(url)} is unreachable (${why.replace(/redis:\/\/[^\s]*/g, '')}); check REDIS_URL and that Redis is running.`,
      { cause: err },
    );
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}
