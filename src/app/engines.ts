/**
 * Opens the engines behind the ports for the composition root and registers
 * how to close them: the scheduler at the `jobs` stage, the stores at the
 * `stores` stage (src/app/shutdown.ts). The embedded engines (nedb files and
 * the in-process scheduler) load at once; MongoDB and BullMQ are imported
 * only when MONGODB_URL or REDIS_URL asks for them, so a terminal chat never
 * loads mongoose or bullmq.
 */
import type { Config } from '../config.ts';
import type { Clock } from '../core/ports/clock.port.ts';
import type { CohortStore } from '../core/ports/cohort-store.port.ts';
import type { LearnerStore } from '../core/ports/learner-store.port.ts';
import type { Scheduler } from '../core/ports/scheduler.port.ts';
import { systemClock } from '../core/ports/clock.port.ts';
import type { Logger } from '../coach/logger.ts';
import { InProcessScheduler, type InProcessSchedulerOptions } from '../engines/embedded/in-process-scheduler.ts';
import { NedbCohortStore } from '../engines/embedded/nedb-cohort-store.ts';
import { NedbLearnerStore } from '../engines/embedded/nedb-learner-store.ts';
import type { SchedulerEvent } from '../engines/bullmq/job-runner.ts';
import type { WorkerRole } from '../engines/bullmq/worker-roles.ts';
import type { EmbeddedEngines, EngineKinds } from '../engines/select.ts';
import type { Shutdown } from './shutdown.ts';

/** The engines a coach runs on. */
export interface OpenedEngines {
  store: LearnerStore;
  cohorts: CohortStore;
  scheduler: Scheduler;
  kinds: EngineKinds;
}

/** The embedded engines with default options, for engine selection (src/engines/select.ts) and tests. */
export const embeddedEngines: EmbeddedEngines = {
  openStore: (dir) => NedbLearnerStore.open(dir),
  openCohorts: (dir) => NedbCohortStore.open(dir),
  openScheduler: (dir) => InProcessScheduler.open(dir, { clock: systemClock }),
};

export interface EngineOpenOptions {
  clock?: Clock;
  /** Job failures of the in-process scheduler go here (BullMQ's go to `onSchedulerEvent`). */
  log?: Logger;
  /** Tuning of the in-process scheduler (tests). */
  scheduler?: Partial<Omit<InProcessSchedulerOptions, 'clock'>>;
  /** BullMQ worker events (failures, stalls). */
  onSchedulerEvent?: (e: SchedulerEvent) => void;
  /** What a BullMQ worker in this process takes (default both). */
  workerRoles?: readonly WorkerRole[];
}

function embeddedFor(opts: EngineOpenOptions): EmbeddedEngines {
  const clock = opts.clock ?? systemClock;
  return {
    ...embeddedEngines,
    openScheduler: (dir) =>
      InProcessScheduler.open(dir, {
        clock,
        ...opts.scheduler,
        ...(opts.log ? { onError: (e) => opts.log!.log(e.willRetry ? 'warn' : 'error', 'job.failed', e) } : {}),
      }),
  };
}

/** The nedb stores and the in-process scheduler in config.dataDir, whatever else is configured (the terminal chat). */
export async function openEmbeddedEngines(config: Pick<Config, 'dataDir'>, shutdown: Shutdown, opts: EngineOpenOptions = {}): Promise<OpenedEngines> {
  const embedded = embeddedFor(opts);
  const store = await embedded.openStore(config.dataDir);
  shutdown.add('stores', 'learner store', () => store.close());
  const cohorts = await embedded.openCohorts(config.dataDir);
  shutdown.add('stores', 'cohort store', () => cohorts.close());
  const scheduler = await embedded.openScheduler(config.dataDir);
  shutdown.add('jobs', 'scheduler', () => scheduler.stop());
  return { store, cohorts, scheduler, kinds: { store: 'embedded', scheduler: 'embedded' } };
}

/** The engines the configuration names: MongoDB with MONGODB_URL, BullMQ with REDIS_URL, the embedded ones otherwise. */
export async function openConfiguredEngines(config: Config, shutdown: Shutdown, opts: EngineOpenOptions = {}): Promise<OpenedEngines> {
  if (!config.mongodbUrl && !config.redisUrl) return openEmbeddedEngines(config, shutdown, opts);
  const select = await import('../engines/select.ts');
  const engines = await select.openEngines(config, embeddedFor(opts), {
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.onSchedulerEvent ? { onSchedulerEvent: opts.onSchedulerEvent } : {}),
    ...(opts.workerRoles ? { workerRoles: opts.workerRoles } : {}),
  });
  shutdown.add('stores', 'learner store', () => engines.store.close());
  shutdown.add('stores', 'cohort store', () => engines.cohorts.close());
  shutdown.add('jobs', 'scheduler', () => engines.scheduler.stop());
  return { store: engines.store, cohorts: engines.cohorts, scheduler: engines.scheduler, kinds: engines.kinds };
}
