/**
 * `pathwise worker`: runs scheduled jobs (daily tasks, review prompts) as a
 * process of its own, on BullMQ (REDIS_URL) with the learner store the bot
 * uses (MONGODB_URL). Run as many copies as you like, on as many machines:
 * BullMQ hands each job to one worker, a worker that dies mid-job has it
 * taken back by stalled-job recovery, and deliverOnce keeps the learner from
 * getting it twice. SIGINT/SIGTERM stop taking jobs, let running ones finish,
 * and close the queue and the connections.
 */
import type { Config } from '../config.ts';
import { UserError } from '../core/errors.ts';
import type { RunningJob, Scheduler } from '../core/ports/scheduler.port.ts';
import { redactUrl } from '../engines/bullmq/redis-connection.ts';
import { engineKinds, engineWarning, openEngines, type EmbeddedEngines, type Engines } from '../engines/select.ts';
import type { SchedulerEvent } from '../engines/bullmq/job-runner.ts';
import { write, type CliCommand, type CliIo } from './cli.ts';

export type JobHandler = (job: RunningJob) => Promise<void>;

/** Builds the job handler (the coach's: compose → deliverOnce → ChatGateway) on the opened engines. */
export type JobHandlerFactory = (config: Config, engines: Engines, io: CliIo) => Promise<{ handler: JobHandler; close?: () => Promise<void> }>;

/** Resolves with the name of the first of `signals` the process receives. */
export function untilSignal(signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): { promise: Promise<string>; dispose: () => void } {
  let dispose = () => {};
  const promise = new Promise<string>((resolve) => {
    const on = (s: NodeJS.Signals) => resolve(s);
    for (const s of signals) process.once(s, on);
    dispose = () => {
      for (const s of signals) process.removeListener(s, on);
    };
  });
  return { promise, dispose };
}

/** One worker event as a JSON log line (ids and reasons only). */
export function formatEvent(e: SchedulerEvent): string {
  return JSON.stringify({ at: new Date().toISOString(), level: e.type === 'job-skipped' ? 'info' : 'warn', event: e.type, ...e });
}

/**
 * Starts `scheduler` with `handler` and runs until `stop` resolves, then
 * shuts down in order: stop taking jobs and wait for running ones, then close.
 */
export async function runWorker(
  opts: { scheduler: Scheduler; handler: JobHandler; close: () => Promise<void>; describe: string },
  io: CliIo,
  stop: Promise<string>,
): Promise<number> {
  await opts.scheduler.start(opts.handler);
  write(io.stderr, `pathwise worker ready: ${opts.describe}`);
  const signal = await stop;
  write(io.stderr, `pathwise worker: ${signal} received, finishing running jobs and closing…`);
  await opts.close();
  write(io.stderr, 'pathwise worker stopped.');
  return 0;
}

/** `pathwise worker`, given how to open the embedded engines and build the job handler (the app wiring). */
export function workerCommand(wiring: { embedded: EmbeddedEngines; jobHandler: JobHandlerFactory } | null): CliCommand {
  return {
    path: ['worker'],
    usage: 'pathwise worker',
    summary: 'run scheduled jobs (daily tasks, reviews) as a separate process on BullMQ; needs REDIS_URL',
    async run(_args, io, config) {
      if (!config.redisUrl) {
        throw new UserError('WORKER_NEEDS_REDIS', 'pathwise worker runs BullMQ jobs: set REDIS_URL (and MONGODB_URL for the learner store).');
      }
      if (!wiring) throw new UserError('WORKER_NOT_WIRED', 'pathwise worker has no job handler in this build.');
      const warning = engineWarning(engineKinds(config));
      if (warning) write(io.stderr, `warning: ${warning}`);
      const engines = await openEngines(config, wiring.embedded, { onSchedulerEvent: (e) => write(io.stderr, formatEvent(e)) });
      let built: Awaited<ReturnType<JobHandlerFactory>>;
      try {
        built = await wiring.jobHandler(config, engines, io);
      } catch (err) {
        await engines.close();
        throw err;
      }
      const signals = untilSignal();
      try {
        return await runWorker(
          {
            scheduler: engines.scheduler,
            handler: built.handler,
            // Stop taking jobs and let running ones finish, then the coach, then the store.
            close: async () => {
              await engines.scheduler.stop();
              await built.close?.();
              await engines.cohorts.close();
              await engines.store.close();
            },
            describe: `queue ${config.queue.prefix} on ${redactUrl(config.redisUrl)}, concurrency ${config.queue.concurrency}, store ${engines.kinds.store}`,
          },
          io,
          signals.promise,
        );
      } finally {
        signals.dispose();
      }
    },
  };
}
