/**
 * Sends a bot-initiated message (daily task, review prompt, summary) once per
 * delivery key, as the learner sees it, by construction rather than by luck.
 *
 * Protocol, with the store as the record of truth:
 * 1. **claim** the key: insert `sending` with a lease (`leaseUntil`, now +
 *    {@link DEFAULT_LEASE_MS}). The insert fails on the unique key when a
 *    record exists, so of two workers running the same job (a lock that
 *    expired during a stall) exactly one holds the claim; a record already
 *    `sent` means there is nothing to do;
 * 2. compose the message (nothing to say → the claim is given back);
 * 3. (see below for a claim someone else holds or left);
 * 4. send with the key's idempotency tag ({@link deliveryTag}): Discord gets
 *    it as a nonce with `enforce_nonce` (a repeat within minutes returns the
 *    first message instead of a new one), Slack as message metadata;
 * 5. record `sent` with the platform's message id.
 *
 * A record found `sending`:
 * - lease still running: another worker holds it; the run is deferred until
 *   the lease ends ({@link DeliveryHeldError}, a RateLimitedError, so no retry
 *   is spent);
 * - lease over: its holder crashed (or its send failed) somewhere between
 *   claim and `sent`. The platform is asked whether the message arrived
 *   (`gateway.findSent`: Slack reads the DM's history for the metadata,
 *   Discord the DM's recent messages); if it did, the record is settled as
 *   `sent` without sending; if not, the claim is taken over (compare-and-set
 *   on the record seen) and the message sent. A platform that cannot answer
 *   now (rate-limited) defers the run; one with no way to look (the
 *   terminal) is sent to again, as before.
 *
 * A send that throws leaves the claim with its lease ended, so the retry
 * asks the platform first (a timeout may hide a message that did arrive);
 * one refused for the rate limit (nothing went out) gives the key back.
 */
import { createHash } from 'node:crypto';
import { isRateLimited, RateLimitedError } from '../errors.ts';
import type { Reply, ConversationRef } from '../chat/messages.ts';
import type { ChatGateway } from '../ports/chat.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { DeliveryRecord, LearnerStore } from '../ports/learner-store.port.ts';

export type DeliveryOutcome = 'sent' | 'already-sent' | 'settled' | 'nothing-to-send';

/** How long a claim holds before another worker may settle or take it over: well past a send's own retries. */
export const DEFAULT_LEASE_MS = 2 * 60_000;

export interface DeliveryDeps {
  store: Pick<LearnerStore, 'claimDelivery' | 'takeOverDelivery' | 'putDelivery' | 'deleteDelivery'>;
  gateway: ChatGateway;
  clock: Clock;
  leaseMs?: number;
  /** A `sending` record whose lease ended: `settled` when the platform had the message, `resent` when it did not. */
  onAmbiguous?: (key: string, outcome: 'settled' | 'resent') => void;
}

export interface DeliveryRequest {
  key: string;
  learnerId: string;
  to: ConversationRef;
  /** Builds the message when it is due to go out; null when there is nothing to send. */
  compose: () => Promise<Reply | null>;
}

/** Another worker holds the delivery's claim: come back when its lease ends. */
export class DeliveryHeldError extends RateLimitedError {
  constructor(retryAfterMs: number) {
    super(retryAfterMs);
    this.name = 'DeliveryHeldError';
  }
}

/**
 * The platform-side idempotency tag of a delivery key: `pw` + 22 base64url
 * characters of its SHA-256 (24 characters, under Discord's 25-character
 * nonce limit; no learner id leaves in it).
 */
export function deliveryTag(key: string): string {
  return `pw${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
}

export async function deliverOnce(deps: DeliveryDeps, req: DeliveryRequest): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const claim: DeliveryRecord = { key: req.key, learnerId: req.learnerId, state: 'sending', at: now.toISOString(), leaseUntil: new Date(now.getTime() + leaseMs).toISOString() };
  // Claim first (one round trip also answers "already sent"), then compose.
  const held = await deps.store.claimDelivery(claim);
  if (held?.state === 'sent') return 'already-sent';
  let reply: Reply | null;
  try {
    reply = await req.compose();
  } catch (err) {
    if (!held) await deps.store.deleteDelivery(req.key);
    throw err;
  }
  if (!reply) {
    // Nothing to say: give the key back, so a later run may still send under it.
    if (!held) await deps.store.deleteDelivery(req.key);
    return 'nothing-to-send';
  }
  if (held) {
    const left = Date.parse(held.leaseUntil ?? held.at) - now.getTime();
    if (left > 0) throw new DeliveryHeldError(left + 50);
    const tag = deliveryTag(req.key);
    // Ask the platform; a RateLimitedError from here defers the run rather than risk a duplicate.
    const found = deps.gateway.findSent ? await deps.gateway.findSent(req.to, { idempotencyKey: tag, since: new Date(held.at), reply }) : null;
    if (found) {
      await deps.store.putDelivery({ key: req.key, learnerId: req.learnerId, state: 'sent', at: held.at, ...(found.messageId ? { messageId: found.messageId } : {}) });
      deps.onAmbiguous?.(req.key, 'settled');
      return 'settled';
    }
    if (!(await deps.store.takeOverDelivery(held, claim))) throw new DeliveryHeldError(1000);
    deps.onAmbiguous?.(req.key, 'resent');
  }
  let messageId: string | undefined;
  try {
    ({ messageId } = await deps.gateway.send(req.to, reply, { idempotencyKey: deliveryTag(req.key) }));
  } catch (err) {
    if (isRateLimited(err)) {
      // Refused before anything went out (a 429, or over our own budget): give the key back.
      await deps.store.takeOverDelivery(claim, { ...claim, leaseUntil: claim.at }).then(
        (mine) => (mine ? deps.store.deleteDelivery(req.key) : undefined),
        () => undefined,
      );
      throw err;
    }
    // End the lease at once: the retry asks the platform before sending again.
    await deps.store.takeOverDelivery(claim, { ...claim, leaseUntil: claim.at }).catch(() => undefined);
    throw err;
  }
  await deps.store.putDelivery({ key: req.key, learnerId: req.learnerId, state: 'sent', at: claim.at, ...(messageId ? { messageId } : {}) });
  return 'sent';
}
