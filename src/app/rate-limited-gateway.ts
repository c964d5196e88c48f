/**
 * Sends through the inner gateway only within the platform's budget
 * ({@link RateLimiter}): Discord has one bucket per bot (`discord`), Slack one
 * per workspace (`slack:<team>`). Over budget, the send throws a
 * RateLimitedError with the wait the limiter gave (its place in line, plus a
 * little jitter); the queue puts the job back for that long without
 * spending a retry.
 */
import type { ConversationRef, Reply } from '../core/chat/messages.ts';
import { RateLimitedError } from '../core/errors.ts';
import type { ChatGateway, SendOptions } from '../core/ports/chat.port.ts';
import type { RateLimit, RateLimiter } from '../core/ports/rate-limiter.port.ts';
import type { Rng } from '../core/random.ts';

/** Defaults under the platforms' published limits: Discord ~50 requests/s per bot; Slack's workspace cap, kept low. */
export const DEFAULT_LIMITS: Record<'discord' | 'slack', RateLimit> = {
  discord: { perSecond: 40, burst: 40 },
  slack: { perSecond: 10, burst: 20 },
};

export function bucketOf(to: ConversationRef): string {
  return to.platform === 'discord' ? 'discord' : `${to.platform}:${to.workspace}`;
}

export class RateLimitedGateway implements ChatGateway {
  constructor(
    private readonly inner: ChatGateway,
    private readonly limiter: RateLimiter,
    private readonly rng: Rng,
  ) {}

  async send(to: ConversationRef, reply: Reply, opts?: SendOptions): Promise<{ messageId?: string }> {
    if (to.platform !== 'terminal') {
      const wait = await this.limiter.take(bucketOf(to));
      // A little jitter on top of the limiter's place in line.
      if (wait > 0) throw new RateLimitedError(wait + Math.floor(this.rng() * Math.min(wait, 1000) * 0.2));
    }
    return this.inner.send(to, reply, opts);
  }

  findSent(to: ConversationRef, sent: Parameters<NonNullable<ChatGateway['findSent']>>[1]): Promise<{ messageId?: string } | null> {
    return this.inner.findSent ? this.inner.findSent(to, sent) : Promise.resolve(null);
  }
}
