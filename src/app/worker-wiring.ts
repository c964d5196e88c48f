/**
 * What `pathwise worker` runs: the coach's job handler (compose the daily
 * task or review prompt → deliverOnce → ChatGateway) on the engines chosen
 * from configuration (MongoDB/BullMQ, see src/engines/select.ts), with the
 * platform gateways the configuration allows. Logs go to stderr as JSON
 * lines, with the platform tokens masked. The platform SDKs load only when
 * their token is set, through their adapters.
 */
import { redactTokens } from '../adapters/discord/discord.log.ts';
import { jsonLogger, type Logger } from '../coach/logger.ts';
import type { Config } from '../config.ts';
import { systemClock } from '../core/ports/clock.port.ts';
import type { RunningJob, Scheduler } from '../core/ports/scheduler.port.ts';
import type { SchedulerEvent } from '../engines/bullmq/job-runner.ts';
import { buildApp } from './build-app.ts';
import type { OpenedEngines } from './engines.ts';
import { GatewayRouter, type PlatformGateways } from './gateway-router.ts';
import { write, type ProcessIo } from './io.ts';
import { Shutdown } from './shutdown.ts';

export { embeddedEngines } from './engines.ts';

export type JobHandler = (job: RunningJob) => Promise<void>;

/** Builds the job handler (the coach's: compose → deliverOnce → ChatGateway) on the opened engines. */
export type JobHandlerFactory = (
  config: Config,
  engines: Pick<OpenedEngines, 'store' | 'cohorts' | 'scheduler'>,
  io: ProcessIo,
) => Promise<{ handler: JobHandler; close?: () => Promise<void> }>;

/** Masks every configured secret in a log line, and Discord interaction tokens in URLs. */
export function secretRedactor(config: Config): (line: string) => string {
  const secrets = [config.discord?.token, config.slack?.botToken, config.slack?.appToken, config.slack?.signingSecret].filter((t): t is string => Boolean(t));
  return (line) => secrets.reduce((l, s) => redactTokens(l, s), redactTokens(line, ''));
}

/** A JSON-lines logger on stderr with the secrets masked. */
export function stderrLog(config: Config, io: ProcessIo): Logger {
  const redact = secretRedactor(config);
  return jsonLogger((line) => void io.stderr.write(redact(line)), config.logLevel, () => systemClock.now());
}

/**
 * The gateways a worker can send through, from the tokens configured: each
 * needs only its platform's Web/REST API, no event connection (Slack:
 * SLACK_BOT_TOKEN; Discord: DISCORD_TOKEN). Their clients close at the
 * `outbound` stage of `shutdown`.
 */
export async function platformGateways(config: Config, shutdown: Shutdown): Promise<PlatformGateways> {
  const gateways: PlatformGateways = {};
  const discord = config.discord;
  if (discord?.token) {
    const { discordRestGateway } = await import('../adapters/discord/discord.gateway.ts');
    const rest = discordRestGateway({ token: discord.token, apiUrl: discord.apiUrl });
    gateways.discord = rest.gateway;
    shutdown.add('outbound', 'discord rest', () => rest.close());
  }
  const slack = config.slack;
  if (slack?.botToken) {
    const { createSlackGateway } = await import('../adapters/slack/slack.gateway.ts');
    gateways.slack = createSlackGateway({ botToken: slack.botToken, apiUrl: slack.apiUrl, logLevel: config.logLevel });
  }
  return gateways;
}

/** The coach's job handler with the given gateways (tests hand in recorders); `close` lets jobs in flight finish. */
export function coachJobHandlerWith(gateways: PlatformGateways): JobHandlerFactory {
  return async (config, engines, io) => {
    const shutdown = new Shutdown();
    const app = await buildApp(config, new GatewayRouter(gateways), { engines, log: stderrLog(config, io), shutdown });
    return { handler: (job) => app.coach.handleJob(job), close: () => shutdown.run() };
  };
}

/** `pathwise worker`'s handler: the coach, sending through the platforms configured. */
export const coachJobHandler: JobHandlerFactory = async (config, engines, io) => {
  const shutdown = new Shutdown();
  const gateways = await platformGateways(config, shutdown);
  const app = await buildApp(config, new GatewayRouter(gateways), { engines, log: stderrLog(config, io), shutdown });
  return { handler: (job) => app.coach.handleJob(job), close: () => shutdown.run() };
};

/** One worker event as a JSON log line (ids and reasons only). */
export function formatEvent(e: SchedulerEvent): string {
  return JSON.stringify({ at: new Date().toISOString(), level: e.type === 'job-skipped' ? 'info' : 'warn', event: e.type, ...e });
}

/** A running worker: started on `scheduler`, stopped with a word on stderr before and after. */
export async function startJobs(opts: { scheduler: Scheduler; handler: JobHandler; close: () => Promise<void>; describe: string }, io: ProcessIo) {
  await opts.scheduler.start(opts.handler);
  write(io.stderr, `pathwise worker ready: ${opts.describe}`);
  return {
    async stop(signal?: string) {
      write(io.stderr, `pathwise worker: ${signal ?? 'stop'} received, finishing running jobs and closing…`);
      await opts.close();
      write(io.stderr, 'pathwise worker stopped.');
    },
  };
}

/**
 * Starts `scheduler` with `handler` and runs until `stop` resolves, then
 * closes (`close` should stop taking jobs and wait for running ones first).
 */
export async function runWorker(
  opts: { scheduler: Scheduler; handler: JobHandler; close: () => Promise<void>; describe: string },
  io: ProcessIo,
  stop: Promise<string>,
): Promise<number> {
  const running = await startJobs(opts, io);
  await running.stop(await stop);
  return 0;
}
