import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { CohortStore } from '../../src/core/ports/cohort-store.port.ts';
import type { LearnerStore } from '../../src/core/ports/learner-store.port.ts';
import type { Scheduler } from '../../src/core/ports/scheduler.port.ts';
import { BullMqScheduler } from '../../src/engines/bullmq/bullmq.scheduler.ts';
import { engineKinds, engineWarning, openEngines } from '../../src/engines/select.ts';
import { deletePrefix, uniquePrefix } from '../support/redis.ts';

const embeddedStore = { close: async () => {} } as unknown as LearnerStore;
const embeddedScheduler = { stop: async () => {} } as unknown as Scheduler;
const embeddedCohorts = { close: async () => {} } as unknown as CohortStore;
const embedded = { openStore: async () => embeddedStore, openCohorts: async () => embeddedCohorts, openScheduler: async () => embeddedScheduler };

describe('engine selection', () => {
  it('picks MongoDB and BullMQ by their URLs, the embedded engines otherwise', () => {
    expect(engineKinds(loadConfig({}))).toEqual({ store: 'embedded', scheduler: 'embedded' });
    expect(engineKinds(loadConfig({ MONGODB_URL: 'mongodb://m:27017/p', REDIS_URL: 'redis://r:6379' }))).toEqual({ store: 'mongodb', scheduler: 'bullmq' });
    expect(engineWarning({ store: 'embedded', scheduler: 'bullmq' })).toMatch(/MONGODB_URL/);
    expect(engineWarning({ store: 'mongodb', scheduler: 'bullmq' })).toBeNull();
  });

  it('refuses malformed URLs and settings, naming the variable only', () => {
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ MONGODB_URL: 'postgres://secret@x' })).toThrow(/MONGODB_URL/);
    expect(() => loadConfig({ MONGODB_URL: 'postgres://secret@x' })).not.toThrow(/secret/);
    expect(() => loadConfig({ PATHWISE_WORKER_CONCURRENCY: '0' })).toThrow(/PATHWISE_WORKER_CONCURRENCY/);
    expect(loadConfig({ PATHWISE_WORKER_CONCURRENCY: '8', PATHWISE_QUEUE_PREFIX: 'pw-staging' }).queue).toEqual({ prefix: 'pw-staging', concurrency: 8 });
  });

  it('opens the embedded engines it is handed when no URL is set', async () => {
    const e = await openEngines(loadConfig({}), embedded);
    expect(e.store).toBe(embeddedStore);
    expect(e.cohorts).toBe(embeddedCohorts);
    expect(e.scheduler).toBe(embeddedScheduler);
    await e.close();
  });

  const url = inject('redisUrl');
  it.skipIf(!url)('opens BullMQ on REDIS_URL with the configured prefix', async () => {
    const prefix = uniquePrefix('select');
    const e = await openEngines(loadConfig({ REDIS_URL: url!, PATHWISE_QUEUE_PREFIX: prefix }), embedded);
    try {
      expect(e.scheduler).toBeInstanceOf(BullMqScheduler);
      expect((e.scheduler as BullMqScheduler).queue.opts.prefix).toBe(prefix);
      expect(e.store).toBe(embeddedStore);
    } finally {
      await e.close();
      await deletePrefix(url!, prefix);
    }
  });
});
