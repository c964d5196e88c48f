/**
 * Keeps bot-initiated sends within a platform's limits (Discord: about 50
 * requests a second per bot; Slack: about one message a second per channel,
 * with a workspace-wide cap), shared by every worker process. A peak slot is
 * spread over time instead of setting off a 429 storm.
 */
export interface RateLimiter {
  /** Takes one send from bucket `key`: 0 when allowed now, else how many ms to wait before asking again. */
  take(key: string): Promise<number>;
}

/** Sustained sends per second and the burst allowed on top, per bucket. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}
