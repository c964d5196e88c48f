/**
 * Delivery records (the claim/lease part of the LearnerStore port) in Redis:
 * a claim is `SET <prefix>:delivery:<key> <record> NX PX <ttl>`, a take-over
 * a compare-and-set in Lua, so deliverOnce's protocol holds unchanged. The
 * production-shaped store the fan-out benchmark can run here (no MongoDB on
 * the machine); records expire after `ttlMs` (45 days by default), like
 * MongoDB's TTL index.
 */
import type { Redis } from 'ioredis';
import type { DeliveryRecord, LearnerStore } from '../../core/ports/learner-store.port.ts';
import { coalesceWrites } from './coalesce-writes.ts';

const TAKE_OVER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

export type DeliveryRecords = Pick<LearnerStore, 'getDelivery' | 'claimDelivery' | 'takeOverDelivery' | 'putDelivery' | 'deleteDelivery'>;

export class RedisDeliveries implements DeliveryRecords {
  private readonly ttl: number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    ttlMs = 45 * 86_400_000,
  ) {
    this.ttl = ttlMs;
  }

  private k(key: string): string {
    return `${this.prefix}:delivery:${key}`;
  }

  /** Fields in a fixed order, so the compare-and-set compares like with like. */
  private encode(d: DeliveryRecord): string {
    return JSON.stringify({ key: d.key, learnerId: d.learnerId, state: d.state, at: d.at, ...(d.messageId ? { messageId: d.messageId } : {}), ...(d.leaseUntil ? { leaseUntil: d.leaseUntil } : {}) });
  }

  async getDelivery(key: string): Promise<DeliveryRecord | null> {
    const raw = await this.redis.get(this.k(key));
    return raw ? (JSON.parse(raw) as DeliveryRecord) : null;
  }

  async claimDelivery(claim: DeliveryRecord): Promise<DeliveryRecord | null> {
    const ok = await this.redis.set(this.k(claim.key), this.encode(claim), 'PX', this.ttl, 'NX');
    if (ok === 'OK') return null;
    return (await this.getDelivery(claim.key)) ?? { ...claim, leaseUntil: new Date(Date.now() + 1000).toISOString() };
  }

  async takeOverDelivery(seen: DeliveryRecord, next: DeliveryRecord): Promise<boolean> {
    return (await this.redis.eval(TAKE_OVER, 1, this.k(seen.key), this.encode(seen), this.encode(next), String(this.ttl))) === 1;
  }

  async putDelivery(d: DeliveryRecord): Promise<void> {
    await this.redis.set(this.k(d.key), this.encode(d), 'PX', this.ttl);
  }

  async deleteDelivery(key: string): Promise<void> {
    await this.redis.del(this.k(key));
  }
}

/**
 * Delivery records on a connection of their own to `url`. Auto-pipelining
 * (off by default) batches the commands of concurrent jobs into one write per
 * event-loop turn; in the fan-out bench it cost the worker about 5% more CPU
 * and did not raise throughput, so it stays off.
 */
export async function openRedisDeliveries(url: string, prefix: string, opts: { ttlMs?: number; autoPipelining?: boolean } = {}): Promise<RedisDeliveries & { close(): Promise<void> }> {
  const { Redis: Client } = await import('ioredis');
  const redis = new Client(url, { enableAutoPipelining: opts.autoPipelining ?? false, connectionName: `${prefix}-deliveries` });
  coalesceWrites(redis); // Concurrent jobs' commands share a write (coalesce-writes.ts).
  return Object.assign(new RedisDeliveries(redis, prefix, opts.ttlMs), { close: async () => void (await redis.quit().catch(() => redis.disconnect())) });
}
