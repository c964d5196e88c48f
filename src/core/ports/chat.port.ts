import type { ConversationRef, Reply } from '../chat/messages.ts';

/** How a send may be made idempotent on the platform's side. */
export interface SendOptions {
  /**
   * A short tag (at most 25 characters) naming this delivery: Discord takes
   * it as the message nonce with `enforce_nonce`, Slack as message metadata,
   * so a crashed send can be recognised later ({@link ChatGateway.findSent}).
   */
  idempotencyKey?: string;
}

/**
 * Messages the bot starts itself (daily tasks, review prompts, summaries) go
 * out through this port to a stored conversation reference.
 */
export interface ChatGateway {
  /** Sends and returns the platform's message id when it has one. Throws on failure (the caller retries). */
  send(to: ConversationRef, reply: Reply, opts?: SendOptions): Promise<{ messageId?: string }>;
  /**
   * Looks for a message this bot sent to `to` since `sent.since` carrying
   * the idempotency tag (or, where the platform does not keep the tag,
   * reading as `sent.reply` would): how a `sending` delivery left by a
   * crash is settled without sending twice. Null when there is none.
   * Throws when the platform will not answer now (rate-limited: a
   * RateLimitedError), so the caller retries later rather than risk a
   * duplicate. Absent when the platform offers no way to look.
   */
  findSent?(to: ConversationRef, sent: { idempotencyKey: string; since: Date; reply: Reply }): Promise<{ messageId?: string } | null>;
}
