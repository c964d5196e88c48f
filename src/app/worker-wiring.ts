/**
 * What `pathwise worker` runs: the coach's job handler (compose the daily
 * task or review prompt → deliverOnce → ChatGateway) on the engines chosen
 * from configuration (MongoDB/BullMQ, see src/engines/select.ts), with the
 * platform gateways this process has. Logs go to stderr as JSON lines.
 */
import { jsonLogger } from '../coach/logger.ts';
import { systemClock } from '../core/ports/clock.port.ts';
import type { EmbeddedEngines } from '../engines/select.ts';
import { InProcessScheduler } from '../engines/embedded/in-process-scheduler.ts';
import { NedbLearnerStore } from '../engines/embedded/nedb-learner-store.ts';
import type { JobHandlerFactory } from '../cli/worker.cli.ts';
import { buildApp } from './build-app.ts';
import { GatewayRouter, type PlatformGateways } from './gateway-router.ts';

/** The embedded engines, for a worker without MONGODB_URL (one process per data directory). */
export const embeddedEngines: EmbeddedEngines = {
  openStore: (dir) => NedbLearnerStore.open(dir),
  openScheduler: (dir) => InProcessScheduler.open(dir, { clock: systemClock }),
};

/** The coach's job handler for a worker process; `gateways` are the platforms it can deliver to. */
export function coachJobHandler(gateways: PlatformGateways): JobHandlerFactory {
  return async (config, engines, io) => {
    const log = jsonLogger((line) => void io.stderr.write(line), config.logLevel, () => systemClock.now());
    const app = await buildApp(config, new GatewayRouter(gateways), { engines: { store: engines.store, scheduler: engines.scheduler }, log });
    return { handler: (job) => app.coach.handleJob(job), close: () => app.close() };
  };
}
