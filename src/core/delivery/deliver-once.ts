/**
 * Sends a bot-initiated message (daily task, review prompt, summary) at most
 * once per idempotency key, as the learner sees it.
 *
 * Protocol, with the store as the record of truth:
 * 1. a delivery already `sent` under this key → do nothing (a retried or
 *    duplicated job, or a worker that died after sending and before the
 *    queue saw the job complete);
 * 2. record `sending`, send, then record `sent` with the platform message id;
 * 3. when the send throws, the record is removed so the retry sends again
 *    (the learner must not miss the message).
 *
 * The one window this cannot close without the platform's help is a crash
 * after the platform accepted the message and before step 2's `sent` record
 * was written (milliseconds). A retry then finds `sending` and sends again,
 * preferring a rare duplicate to a missed task; it is logged as such.
 */
import type { Reply, ConversationRef } from '../chat/messages.ts';
import type { ChatGateway } from '../ports/chat.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { LearnerStore } from '../ports/learner-store.port.ts';

export type DeliveryOutcome = 'sent' | 'already-sent' | 'nothing-to-send';

export interface DeliveryDeps {
  store: Pick<LearnerStore, 'getDelivery' | 'putDelivery' | 'deleteDelivery'>;
  gateway: ChatGateway;
  clock: Clock;
  onAmbiguous?: (key: string) => void;
}

export interface DeliveryRequest {
  key: string;
  learnerId: string;
  to: ConversationRef;
  /** Builds the message when it is due to go out; null when there is nothing to send. */
  compose: () => Promise<Reply | null>;
}

export async function deliverOnce(deps: DeliveryDeps, req: DeliveryRequest): Promise<DeliveryOutcome> {
  const existing = await deps.store.getDelivery(req.key);
  if (existing?.state === 'sent') return 'already-sent';
  if (existing?.state === 'sending') deps.onAmbiguous?.(req.key);
  const reply = await req.compose();
  if (!reply) return 'nothing-to-send';
  const at = deps.clock.now().toISOString();
  await deps.store.putDelivery({ key: req.key, learnerId: req.learnerId, state: 'sending', at });
  let messageId: string | undefined;
  try {
    ({ messageId } = await deps.gateway.send(req.to, reply));
  } catch (err) {
    await deps.store.deleteDelivery(req.key);
    throw err;
  }
  await deps.store.putDelivery({ key: req.key, learnerId: req.learnerId, state: 'sent', at, ...(messageId ? { messageId } : {}) });
  return 'sent';
}
