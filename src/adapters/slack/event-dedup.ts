/**
 * Slack re-sends an Events API request it believes failed (no 200 within 3 s,
 * or an error) up to three times, at once, after a minute and after five
 * minutes, with `X-Slack-Retry-Num` and `X-Slack-Retry-Reason`. The `event_id` stays the same, so an event is
 * claimed by id when it first arrives (before the slow work), and every later
 * copy is dropped: a retried event never produces a second reply, even while
 * the first attempt is still running.
 *
 * {@link TtlEventDedup} remembers ids in this process only. With several
 * processes behind one request URL the composition root passes the Redis one
 * (src/engines/redis/redis-event-dedup.ts) when REDIS_URL is set; the port is
 * src/core/ports/event-dedup.port.ts.
 */
import type { Clock } from '../../core/ports/clock.port.ts';
import type { EventDedup } from '../../core/ports/event-dedup.port.ts';

export type { EventDedup };

export interface TtlEventDedupOptions {
  clock: Clock;
  /** How long an id is remembered; Slack's last retry comes about five minutes after the first attempt. */
  ttlMs?: number;
  /** Bound on memory; the oldest ids go first. */
  maxEntries?: number;
}

/** In-memory, bounded, time-limited set of seen event ids. */
export class TtlEventDedup implements EventDedup {
  private readonly seen = new Map<string, number>();
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(options: TtlEventDedupOptions) {
    this.clock = options.clock;
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  async claim(eventId: string): Promise<boolean> {
    const now = this.clock.now().getTime();
    this.evict(now);
    const expires = this.seen.get(eventId);
    if (expires !== undefined && expires > now) return false;
    this.seen.delete(eventId);
    this.seen.set(eventId, now + this.ttlMs);
    while (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next();
      if (oldest.done) break;
      this.seen.delete(oldest.value);
    }
    return true;
  }

  /** Ids are kept in insertion order with one time to live, so expired ones sit at the front. */
  private evict(now: number): void {
    for (const [id, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(id);
    }
  }

  get size(): number {
    return this.seen.size;
  }
}
