/**
 * Picks the engines from configuration: MongoDB when MONGODB_URL is set, else
 * the embedded store; BullMQ when REDIS_URL is set, else the in-process
 * scheduler. The embedded engines are handed in by the caller (the app
 * wiring), so this module adds the production ones without owning the rest.
 */
import type { Config } from '../config.ts';
import type { Clock } from '../core/ports/clock.port.ts';
import type { CohortStore } from '../core/ports/cohort-store.port.ts';
import type { LearnerStore } from '../core/ports/learner-store.port.ts';
import type { Scheduler } from '../core/ports/scheduler.port.ts';
import { BullMqScheduler } from './bullmq/bullmq.scheduler.ts';
import { probeRedis, redactUrl } from './bullmq/redis-connection.ts';
import { PathwiseError } from '../core/errors.ts';
import type { SchedulerEvent } from './bullmq/job-runner.ts';
import type { WorkerRole } from './bullmq/worker-roles.ts';
import { MongoCohortStore } from './mongo/mongo.cohort-store.ts';
import { MongoLearnerStore } from './mongo/mongo.learner-store.ts';

export type StoreKind = 'mongodb' | 'embedded';
export type SchedulerKind = 'bullmq' | 'embedded';

export interface EngineKinds {
  store: StoreKind;
  scheduler: SchedulerKind;
}

export function engineKinds(config: Pick<Config, 'mongodbUrl' | 'redisUrl'>): EngineKinds {
  return { store: config.mongodbUrl ? 'mongodb' : 'embedded', scheduler: config.redisUrl ? 'bullmq' : 'embedded' };
}

/**
 * The combination that cannot work across processes: the embedded store is
 * one process per data directory, while BullMQ workers are meant to run as
 * processes of their own. Returns a warning to show, or null.
 */
export function engineWarning(kinds: EngineKinds): string | null {
  if (kinds.scheduler === 'bullmq' && kinds.store === 'embedded') {
    return 'REDIS_URL is set but MONGODB_URL is not: the embedded store is one process per data directory, so the bot and `pathwise worker` must not share it. Set MONGODB_URL for separate worker processes.';
  }
  return null;
}

/** How to open the embedded engines; the app wiring passes the nedb stores and the in-process scheduler. */
export interface EmbeddedEngines {
  openStore(dataDir: string): Promise<LearnerStore>;
  openCohorts(dataDir: string): Promise<CohortStore>;
  openScheduler(dataDir: string): Promise<Scheduler>;
}

export interface EngineOptions {
  clock?: Clock;
  /** What a BullMQ worker in this process takes (default both: deliveries and slot fan-outs). */
  workerRoles?: readonly WorkerRole[];
  /** BullMQ worker events (failures, stalls), for the log. */
  onSchedulerEvent?: (e: SchedulerEvent) => void;
}

export async function openStore(config: Config, embedded: Pick<EmbeddedEngines, 'openStore'>): Promise<LearnerStore> {
  return config.mongodbUrl ? mongoOrFail(config.mongodbUrl, () => MongoLearnerStore.open(config.mongodbUrl!)) : embedded.openStore(config.dataDir);
}

/** MongoDB's server selection gives up after 10 s; the error then names the server (never the password). */
async function mongoOrFail<T>(url: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (err) {
    throw new PathwiseError('MONGODB_UNREACHABLE', `MongoDB at ${redactUrl(url)} is unreachable or refused us (${(err as Error).name}); check MONGODB_URL and that the server is running.`, { cause: err });
  }
}

/** Cohorts live next to the learners: MongoDB with MONGODB_URL, else the embedded files. */
export async function openCohorts(config: Config, embedded: Pick<EmbeddedEngines, 'openCohorts'>): Promise<CohortStore> {
  return config.mongodbUrl ? mongoOrFail(config.mongodbUrl, () => MongoCohortStore.open(config.mongodbUrl!)) : embedded.openCohorts(config.dataDir);
}

export async function openScheduler(config: Config, embedded: Pick<EmbeddedEngines, 'openScheduler'>, opts: EngineOptions = {}): Promise<Scheduler> {
  if (!config.redisUrl) return embedded.openScheduler(config.dataDir);
  await probeRedis(config.redisUrl);
  return new BullMqScheduler({
    redis: config.redisUrl,
    prefix: config.queue.prefix,
    concurrency: config.queue.concurrency,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.onSchedulerEvent ? { onEvent: opts.onSchedulerEvent } : {}),
    ...(opts.workerRoles ? { roles: opts.workerRoles } : {}),
  });
}

export interface Engines {
  store: LearnerStore;
  cohorts: CohortStore;
  scheduler: Scheduler;
  kinds: EngineKinds;
  /** Stops the scheduler (letting running jobs finish), then closes the stores. */
  close(): Promise<void>;
}

export async function openEngines(config: Config, embedded: EmbeddedEngines, opts: EngineOptions = {}): Promise<Engines> {
  const store = await openStore(config, embedded);
  let cohorts: CohortStore | null = null;
  let scheduler: Scheduler;
  try {
    cohorts = await openCohorts(config, embedded);
    scheduler = await openScheduler(config, embedded, opts);
  } catch (err) {
    await cohorts?.close();
    await store.close();
    throw err;
  }
  return {
    store,
    cohorts,
    scheduler,
    kinds: engineKinds(config),
    async close() {
      await scheduler.stop();
      await cohorts.close();
      await store.close();
    },
  };
}
