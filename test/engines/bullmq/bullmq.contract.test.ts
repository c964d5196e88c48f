/**
 * The Scheduler port's contract suite against BullMQ on the private Redis of
 * the test run; one key prefix per case, deleted afterwards.
 */
import { describe, inject } from 'vitest';
import { BullMqScheduler } from '../../../src/engines/bullmq/bullmq.scheduler.ts';
import { schedulerContract } from '../../contracts/scheduler.contract.ts';
import { deletePrefix, uniquePrefix } from '../../support/redis.ts';

const url = inject('redisUrl');
if (!url) console.warn('⚠ SKIPPED: Scheduler contract on BullMQ — redis-server is not installed (apt-get install -y redis-server)');

describe.skipIf(!url)('BullMQ scheduler', { timeout: 30_000 }, () => {
  schedulerContract('BullMQ', async () => {
    const prefix = uniquePrefix('contract');
    const all: BullMqScheduler[] = [];
    const open = () => {
      const s = new BullMqScheduler({ redis: url!, prefix, retry: { attempts: 3, backoffMs: 300 } });
      all.push(s);
      return s;
    };
    return {
      scheduler: open(),
      reopen: async () => open(),
      cleanup: async () => {
        for (const s of all) await s.stop();
        await deletePrefix(url!, prefix);
      },
    };
  });
});
