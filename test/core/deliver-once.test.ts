import { describe, expect, it } from 'vitest';
import type { ConversationRef, Reply } from '../../src/core/chat/messages.ts';
import { deliverOnce, deliveryTag, DeliveryHeldError } from '../../src/core/delivery/deliver-once.ts';
import { isRateLimited, RateLimitedError } from '../../src/core/errors.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';
import type { SendOptions } from '../../src/core/ports/chat.port.ts';
import { memoryDeliveries } from '../support/memory-deliveries.ts';

const to: ConversationRef = { platform: 'terminal', workspace: 'local', channel: 'dm', user: 'ada' };
const reply: Reply = { blocks: [{ kind: 'text', text: "Today's task" }] };
const req = (key = 'k') => ({ key, learnerId: 'l', to, compose: async () => reply });

/** A platform that remembers what it took, by idempotency tag, and can be asked about it. */
function platform() {
  const taken: { tag?: string; at: number }[] = [];
  return {
    taken,
    send: async (_to: ConversationRef, _r: Reply, opts?: SendOptions) => (taken.push({ tag: opts?.idempotencyKey, at: taken.length }), { messageId: `m${taken.length}` }),
    findSent: async (_to: ConversationRef, q: { idempotencyKey: string }) => (taken.some((t) => t.tag === q.idempotencyKey) ? { messageId: 'found' } : null),
  };
}

describe('deliverOnce', () => {
  it('sends once with the key\'s tag and records the platform message id; a repeat of the same key sends nothing', async () => {
    const store = memoryDeliveries();
    const p = platform();
    const deps = { store, gateway: p, clock: new ManualClock('2026-03-01T08:00:00Z') };
    expect(await deliverOnce(deps, req('daily:ada:2026-03-01'))).toBe('sent');
    expect(await deliverOnce(deps, req('daily:ada:2026-03-01'))).toBe('already-sent');
    expect(p.taken).toEqual([{ tag: deliveryTag('daily:ada:2026-03-01'), at: 0 }]);
    expect(store.rows.get('daily:ada:2026-03-01')).toMatchObject({ state: 'sent', messageId: 'm1', at: '2026-03-01T08:00:00.000Z' });
  });

  it('derives a platform tag of at most 25 characters that names no learner', () => {
    const tag = deliveryTag('daily:slack:T0ABCDEFG:U0ABCDEFGHIJK:2026-03-01');
    expect(tag.length).toBeLessThanOrEqual(25);
    expect(tag).not.toMatch(/slack|U0ABC/);
    expect(deliveryTag('daily:x:2026-03-01')).not.toBe(deliveryTag('daily:x:2026-03-02'));
  });

  it('of two workers running the same delivery at once, one sends and the other is told to come back', async () => {
    const store = memoryDeliveries();
    const p = platform();
    let release: () => void = () => undefined;
    const slow = { ...p, send: async (t: ConversationRef, r: Reply, o?: SendOptions) => (await new Promise<void>((res) => (release = res)), p.send(t, r, o)) };
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const first = deliverOnce({ store, gateway: slow, clock }, req());
    await new Promise((r) => setTimeout(r, 5));
    const second = deliverOnce({ store, gateway: p, clock }, req());
    const err = await second.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryHeldError);
    expect(isRateLimited(err) && err.retryAfterMs).toBeGreaterThan(60_000);
    release();
    expect(await first).toBe('sent');
    expect(p.taken).toHaveLength(1);
  });

  it('settles a claim left by a crash after the platform took the message: no second send', async () => {
    const store = memoryDeliveries();
    const p = platform();
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    // The crashed worker: claimed, sent, died before recording `sent`.
    await store.claimDelivery({ key: 'k', learnerId: 'l', state: 'sending', at: clock.now().toISOString(), leaseUntil: '2026-03-01T08:02:00.000Z' });
    await p.send(to, reply, { idempotencyKey: deliveryTag('k') });
    const outcomes: string[] = [];
    const deps = { store, gateway: p, clock, onAmbiguous: (_k: string, o: string) => outcomes.push(o) };
    await expect(deliverOnce(deps, req())).rejects.toBeInstanceOf(DeliveryHeldError); // lease still running
    clock.advance(3 * 60_000);
    expect(await deliverOnce(deps, req())).toBe('settled');
    expect(outcomes).toEqual(['settled']);
    expect(p.taken).toHaveLength(1);
    expect(store.rows.get('k')).toMatchObject({ state: 'sent', messageId: 'found' });
  });

  it('takes over a claim left by a crash before the send, and sends: the learner does not miss it', async () => {
    const store = memoryDeliveries();
    const p = platform();
    const clock = new ManualClock('2026-03-01T08:05:00Z');
    await store.claimDelivery({ key: 'k', learnerId: 'l', state: 'sending', at: '2026-03-01T08:00:00.000Z', leaseUntil: '2026-03-01T08:02:00.000Z' });
    expect(await deliverOnce({ store, gateway: p, clock }, req())).toBe('sent');
    expect(p.taken).toHaveLength(1);
  });

  it('when the platform cannot be asked now (rate-limited), waits rather than risk a duplicate', async () => {
    const store = memoryDeliveries();
    const clock = new ManualClock('2026-03-01T08:05:00Z');
    await store.claimDelivery({ key: 'k', learnerId: 'l', state: 'sending', at: '2026-03-01T08:00:00.000Z', leaseUntil: '2026-03-01T08:02:00.000Z' });
    let sends = 0;
    const gateway = { send: async () => (sends++, {}), findSent: async () => { throw new RateLimitedError(60_000); } };
    await expect(deliverOnce({ store, gateway, clock }, req())).rejects.toMatchObject({ retryAfterMs: 60_000 });
    expect(sends).toBe(0);
    expect(store.rows.get('k')?.state).toBe('sending');
  });

  it('a failed send ends its own lease, so the retry asks the platform and then delivers', async () => {
    const store = memoryDeliveries();
    const p = platform();
    let calls = 0;
    const flaky = { ...p, send: async (t: ConversationRef, r: Reply, o?: SendOptions) => (++calls === 1 ? Promise.reject(new Error('platform 503')) : p.send(t, r, o)) };
    const deps = { store, gateway: flaky, clock: new ManualClock(0) };
    await expect(deliverOnce(deps, req())).rejects.toThrow('platform 503');
    expect(await deliverOnce(deps, req())).toBe('sent');
    expect(p.taken).toHaveLength(1);
  });

  it('a send refused for the rate limit gives the key back (nothing went out), and the later try sends once', async () => {
    const store = memoryDeliveries();
    const p = platform();
    let calls = 0;
    const limited = { ...p, send: async (t: ConversationRef, r: Reply, o?: SendOptions) => (++calls === 1 ? Promise.reject(new RateLimitedError(500)) : p.send(t, r, o)) };
    const deps = { store, gateway: limited, clock: new ManualClock(0) };
    await expect(deliverOnce(deps, req())).rejects.toBeInstanceOf(RateLimitedError);
    expect(store.rows.has('k')).toBe(false);
    expect(await deliverOnce(deps, req())).toBe('sent');
    expect(p.taken).toHaveLength(1);
  });

  it('sends nothing when there is nothing to say, and leaves the key free for later', async () => {
    const store = memoryDeliveries();
    let sends = 0;
    const deps = { store, gateway: { send: async () => (sends++, {}) }, clock: new ManualClock(0) };
    expect(await deliverOnce(deps, { key: 'k', learnerId: 'l', to, compose: async () => null })).toBe('nothing-to-send');
    expect(sends).toBe(0);
    expect(store.rows.size).toBe(0);
  });
});
