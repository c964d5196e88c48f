/**
 * The schedule keys a BullMQ scheduler holds, kept next to the queue in Redis:
 * a sorted set (all scores 0, so ZRANGEBYLEX answers "keys starting with
 * `learner:slack:T1:U1:`" without scanning every job) and a hash from key to
 * where the schedule stands (a job scheduler, or one delayed job's id).
 *
 * The hash is also what makes replacing a one-off run safe under races: the
 * worker runs a job only while the hash still points at it, so a run that was
 * replaced or cancelled while already due is skipped instead of sent.
 */
import type { Redis } from 'ioredis';
import { refFromString, refToString, type ScheduleRef } from './job-ids.ts';

/** Deletes `key` only while it still points at `ref` (a newer schedule must survive the old run's clean-up). */
const DELETE_IF_CURRENT = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 1
end
return 0`;

export class ScheduleIndex {
  private readonly refsKey: string;
  private readonly keysKey: string;

  /** `base` is the queue's own Redis key (`<prefix>:<queue>`), so the index lives and dies with the queue. */
  constructor(
    private readonly redis: Redis,
    base: string,
  ) {
    this.refsKey = `${base}:pathwise:refs`;
    this.keysKey = `${base}:pathwise:keys`;
  }

  async get(key: string): Promise<ScheduleRef | null> {
    return refFromString(await this.redis.hget(this.refsKey, key));
  }

  async getMany(keys: string[]): Promise<(ScheduleRef | null)[]> {
    if (keys.length === 0) return [];
    const raw = await this.redis.hmget(this.refsKey, ...keys);
    return raw.map((r) => refFromString(r));
  }

  async set(key: string, ref: ScheduleRef): Promise<void> {
    await this.redis.multi().hset(this.refsKey, key, refToString(ref)).zadd(this.keysKey, 0, key).exec();
  }

  async delete(key: string): Promise<void> {
    await this.redis.multi().hdel(this.refsKey, key).zrem(this.keysKey, key).exec();
  }

  async deleteIfCurrent(key: string, ref: ScheduleRef): Promise<boolean> {
    const n = await this.redis.eval(DELETE_IF_CURRENT, 2, this.refsKey, this.keysKey, key, refToString(ref));
    return n === 1;
  }

  /** Keys starting with `prefix`, in byte order, at most `limit` after `after` (exclusive). */
  async keys(prefix: string, after: string | null, limit: number): Promise<string[]> {
    const start = after !== null && after >= prefix ? `(${after}` : `[${prefix}`;
    // 0xff sorts after every UTF-8 byte sequence, so [prefix, prefix+0xff] is "starts with prefix".
    const end = prefix === '' ? '+' : Buffer.concat([Buffer.from(`[${prefix}`), Buffer.from([0xff])]);
    return this.redis.zrangebylex(this.keysKey, start, end, 'LIMIT', 0, limit);
  }

  /** Every key starting with `prefix`, paged under the hood. */
  async *allKeys(prefix: string, pageSize = 500): AsyncGenerator<string[]> {
    let after: string | null = null;
    for (;;) {
      const page = await this.keys(prefix, after, pageSize);
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
      after = page[page.length - 1] ?? null;
    }
  }
}
