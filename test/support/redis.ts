/**
 * Real Redis for the BullMQ suites: the private server from global-setup.ts,
 * a unique key prefix per test, and clean-up of exactly that prefix after.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** A prefix no other test (or a concurrent run) uses. */
export function uniquePrefix(label: string): string {
  return `pwtest-${label}-${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under `prefix:`; bounded by SCAN pages. */
export async function deletePrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  let cursor = '0';
  let n = 0;
  try {
    for (let page = 0; page < 10_000; page++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) n += await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
  return n;
}

/** Polls `check` every `everyMs` until it returns true or `timeoutMs` passes; returns whether it did. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 25): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}
