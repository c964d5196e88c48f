import { describe, expect, it } from 'vitest';
import type { ConversationRef, Reply } from '../../src/core/chat/messages.ts';
import { deliverOnce } from '../../src/core/delivery/deliver-once.ts';
import type { DeliveryRecord } from '../../src/core/ports/learner-store.port.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';

const to: ConversationRef = { platform: 'terminal', workspace: 'local', channel: 'dm', user: 'ada' };
const reply: Reply = { blocks: [{ kind: 'text', text: "Today's task" }] };

function memoryDeliveries() {
  const rows = new Map<string, DeliveryRecord>();
  return {
    rows,
    getDelivery: async (key: string) => rows.get(key) ?? null,
    putDelivery: async (d: DeliveryRecord) => void rows.set(d.key, d),
    deleteDelivery: async (key: string) => void rows.delete(key),
  };
}

describe('deliverOnce', () => {
  it('sends once and records the platform message id; a repeat of the same key sends nothing', async () => {
    const store = memoryDeliveries();
    const sent: Reply[] = [];
    const gateway = { send: async (_to: ConversationRef, r: Reply) => (sent.push(r), { messageId: `m${sent.length}` }) };
    const deps = { store, gateway, clock: new ManualClock('2026-03-01T08:00:00Z') };
    const req = { key: 'daily:ada:2026-03-01', learnerId: 'terminal:local:ada', to, compose: async () => reply };

    expect(await deliverOnce(deps, req)).toBe('sent');
    expect(await deliverOnce(deps, req)).toBe('already-sent');
    expect(sent).toHaveLength(1);
    expect(store.rows.get(req.key)).toMatchObject({ state: 'sent', messageId: 'm1', at: '2026-03-01T08:00:00.000Z' });
  });

  it('a failed send leaves no record, so the retry delivers (the learner does not miss it)', async () => {
    const store = memoryDeliveries();
    let calls = 0;
    const gateway = {
      send: async () => {
        calls++;
        if (calls === 1) throw new Error('platform 503');
        return { messageId: 'ok' };
      },
    };
    const deps = { store, gateway, clock: new ManualClock(0) };
    const req = { key: 'k', learnerId: 'l', to, compose: async () => reply };
    await expect(deliverOnce(deps, req)).rejects.toThrow('platform 503');
    expect(store.rows.has('k')).toBe(false);
    expect(await deliverOnce(deps, req)).toBe('sent');
    expect(calls).toBe(2);
  });

  it('sends nothing when there is nothing to say, and leaves the key free for later', async () => {
    const store = memoryDeliveries();
    let sends = 0;
    const deps = { store, gateway: { send: async () => (sends++, {}) }, clock: new ManualClock(0) };
    expect(await deliverOnce(deps, { key: 'k', learnerId: 'l', to, compose: async () => null })).toBe('nothing-to-send');
    expect(sends).toBe(0);
    expect(store.rows.size).toBe(0);
  });

  it('reports the ambiguous case (a crash after sending began) and sends again rather than miss', async () => {
    const store = memoryDeliveries();
    store.rows.set('k', { key: 'k', learnerId: 'l', state: 'sending', at: '2026-01-01T00:00:00Z' });
    const ambiguous: string[] = [];
    let sends = 0;
    const deps = { store, gateway: { send: async () => (sends++, {}) }, clock: new ManualClock(0), onAmbiguous: (k: string) => ambiguous.push(k) };
    expect(await deliverOnce(deps, { key: 'k', learnerId: 'l', to, compose: async () => reply })).toBe('sent');
    expect(ambiguous).toEqual(['k']);
    expect(sends).toBe(1);
  });
});
