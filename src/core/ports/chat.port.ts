import type { ConversationRef, Reply } from '../chat/messages.ts';

/**
 * Messages the bot starts itself (daily tasks, review prompts, summaries) go
 * out through this port to a stored conversation reference.
 */
export interface ChatGateway {
  /** Sends and returns the platform's message id when it has one. Throws on failure (the caller retries). */
  send(to: ConversationRef, reply: Reply): Promise<{ messageId?: string }>;
}
