/**
 * Redis connections for BullMQ. Workers block on Redis, so BullMQ requires
 * `maxRetriesPerRequest: null` (commands wait for a reconnect rather than fail).
 */
import { Redis } from 'ioredis';

export function connectRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false });
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
