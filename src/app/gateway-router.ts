/**
 * One ChatGateway over the platforms a process can reach: a job's stored
 * conversation reference says which platform it belongs to. A worker started
 * without the gateway a job needs fails the run so it is retried with backoff
 * and then kept in the dead letters (`pathwise jobs failed`), to be retried
 * once the platform's gateway is deployed. A terminal conversation is only
 * reachable from the chat process that owns it, so there it is unrecoverable.
 */
import type { ConversationRef, Reply } from '../core/chat/messages.ts';
import { PathwiseError } from '../core/errors.ts';
import type { ChatGateway, SendOptions } from '../core/ports/chat.port.ts';
import { UNRECOVERABLE } from '../core/ports/scheduler.port.ts';

export type PlatformGateways = Partial<Record<ConversationRef['platform'], ChatGateway>>;

export class GatewayRouter implements ChatGateway {
  constructor(private readonly gateways: PlatformGateways) {}

  async send(to: ConversationRef, reply: Reply, opts?: SendOptions): Promise<{ messageId?: string }> {
    const gateway = this.gateways[to.platform];
    if (gateway) return gateway.send(to, reply, opts);
    if (to.platform === 'terminal') {
      throw new PathwiseError(UNRECOVERABLE, 'a terminal conversation can only be reached from its own `pathwise chat` process');
    }
    throw new PathwiseError('NO_GATEWAY', `this process has no ${to.platform} gateway; the run will be retried, then kept in the dead letters`);
  }

  /** Asks the platform's gateway; one that cannot look answers null (not found), and the delivery is sent again. */
  async findSent(to: ConversationRef, sent: Parameters<NonNullable<ChatGateway['findSent']>>[1]): Promise<{ messageId?: string } | null> {
    const gateway = this.gateways[to.platform];
    return gateway?.findSent ? gateway.findSent(to, sent) : null;
  }
}
