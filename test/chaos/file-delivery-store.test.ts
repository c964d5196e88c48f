/**
 * The chaos tier's miss, at its own level (issue #17). The kill test's
 * workers share delivery records in files (test/support/file-delivery-store.ts);
 * a worker SIGKILLed in the middle of writing one must leave the key to the
 * next worker, once the lease is over, to settle or send exactly once. Here
 * the death is a throw from the store's crash hook at the k-th file-system
 * step, for every k the run reaches (what is on disk is what a SIGKILL at
 * that instant leaves); the next worker is a second store on the same folder.
 *
 * Before the fix, a claim cut off between creating the record file and
 * writing it left an empty file that every later claim read as "held, lease
 * renewed": the learner's task was deferred until the run gave up, in 2 of 3
 * kill-test runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationRef, Reply } from '../../src/core/chat/messages.ts';
import { deliverOnce, DeliveryHeldError, deliveryTag } from '../../src/core/delivery/deliver-once.ts';
import type { SendOptions } from '../../src/core/ports/chat.port.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';
import { FileDeliveryStore } from '../support/file-delivery-store.ts';
import { tempDir } from '../support/temp-dir.ts';

const to: ConversationRef = { platform: 'slack', workspace: 'T1', channel: 'D1', user: 'U1' };
const reply: Reply = { blocks: [{ kind: 'text', text: "Today's task" }] };
const KEY = 'daily-task:slack:T1:U1:2026-03-01';
const LEASE = 1500;
const req = { key: KEY, learnerId: 'slack:T1:U1', to, compose: async () => reply };

class Crash extends Error {}

/** A platform that keeps what it took, by tag, and can be asked about it (as Slack's metadata and Discord's nonce allow). */
function platform() {
  const taken: string[] = [];
  return {
    taken,
    send: async (_to: ConversationRef, _r: Reply, opts?: SendOptions) => (taken.push(opts?.idempotencyKey ?? ''), { messageId: `m${taken.length}` }),
    findSent: async (_to: ConversationRef, q: { idempotencyKey: string }) => (taken.includes(q.idempotencyKey) ? { messageId: 'found' } : null),
  };
}

/** A store whose process dies at its k-th file-system step; `reached` says whether it got that far. */
function dyingStore(dir: string, k: number): { store: FileDeliveryStore; reached: () => boolean } {
  let steps = 0;
  const store = new FileDeliveryStore(dir, {
    crashPoint: () => {
      if (++steps === k) throw new Crash(`died at step ${k}`);
    },
  });
  return { store, reached: () => steps >= k };
}

/** The next worker: runs the delivery as the queue would, coming back when told to, at most 10 times. */
async function nextWorker(dir: string, p: ReturnType<typeof platform>, clock: ManualClock): Promise<string> {
  const store = new FileDeliveryStore(dir);
  for (let run = 0; run < 10; run++) {
    try {
      return await deliverOnce({ store, gateway: p, clock, leaseMs: LEASE }, req);
    } catch (err) {
      if (!(err instanceof DeliveryHeldError)) throw err;
      clock.advance(err.retryAfterMs);
    }
  }
  return 'still held after 10 runs';
}

describe('the chaos tier\'s shared delivery records, when a worker dies mid-write', () => {
  const dirs: { remove: () => void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  /**
   * For k = 1, 2, …: a worker dies at the k-th file-system step of a delivery (after `before` set the records up), the
   * next worker runs after the lease, and the learner gets the task exactly once. Returns how many steps a worker died at.
   */
  async function diesAtEveryStep(before: (dir: string, clock: ManualClock) => Promise<void> = async () => {}): Promise<number> {
    let deaths = 0;
    for (let k = 1; k <= 20; k++) {
      const t = tempDir('pathwise-files-');
      dirs.push(t);
      const p = platform();
      const clock = new ManualClock('2026-03-01T08:00:00Z');
      await before(t.dir, clock);
      const dying = dyingStore(t.dir, k);
      const first = await deliverOnce({ store: dying.store, gateway: p, clock, leaseMs: LEASE }, req).catch((err: unknown) => {
        if (!(err instanceof Crash)) throw err;
        return 'died';
      });
      if (!dying.reached()) break; // The whole delivery ran in fewer steps: every step has been a death.
      expect(first, `died at step ${k}`).toBe('died');
      clock.advance(LEASE + 1);
      expect(await nextWorker(t.dir, p, clock), `died at step ${k}`).toMatch(/^(sent|settled|already-sent)$/);
      expect(p.taken, `died at step ${k}`).toEqual([deliveryTag(KEY)]);
      expect(k, 'the test reached the end of the steps').toBeLessThan(20);
      deaths++;
    }
    return deaths;
  }

  it('a worker dying at any step of its claim or its `sent` record leaves the task to the next worker, sent once', async () => {
    expect(await diesAtEveryStep()).toBeGreaterThanOrEqual(2);
  });

  it('a worker dying at any step of taking over an expired claim leaves it to the next worker, sent once', async () => {
    const deaths = await diesAtEveryStep(async (dir, clock) => {
      // The first holder claimed and died before sending.
      expect(await new FileDeliveryStore(dir).claimDelivery({ key: KEY, learnerId: 'slack:T1:U1', state: 'sending', at: clock.now().toISOString(), leaseUntil: new Date(clock.now().getTime() + LEASE).toISOString() })).toBeNull();
      clock.advance(LEASE + 1);
    });
    expect(deaths).toBeGreaterThanOrEqual(2);
  });
});
