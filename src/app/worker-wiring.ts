/**
 * What `pathwise worker` runs: the coach's job handler (compose the daily
 * task or review prompt → deliverOnce → ChatGateway) on the engines chosen
 * from configuration (MongoDB/BullMQ, see src/engines/select.ts), with the
 * platform gateways the configuration allows. Logs go to stderr as JSON lines.
 */
import { REST } from 'discord.js';
import { DiscordGateway } from '../adapters/discord/discord.gateway.ts';
import { redactTokens } from '../adapters/discord/discord.log.ts';
import { createSlackGateway } from '../adapters/slack/slack.gateway.ts';
import type { JobHandlerFactory } from '../cli/worker.cli.ts';
import { jsonLogger } from '../coach/logger.ts';
import type { Config } from '../config.ts';
import { systemClock } from '../core/ports/clock.port.ts';
import { InProcessScheduler } from '../engines/embedded/in-process-scheduler.ts';
import { NedbCohortStore } from '../engines/embedded/nedb-cohort-store.ts';
import { NedbLearnerStore } from '../engines/embedded/nedb-learner-store.ts';
import type { EmbeddedEngines } from '../engines/select.ts';
import { buildApp } from './build-app.ts';
import { GatewayRouter, type PlatformGateways } from './gateway-router.ts';

/** The embedded engines, for a worker without MONGODB_URL (one process per data directory). */
export const embeddedEngines: EmbeddedEngines = {
  openStore: (dir) => NedbLearnerStore.open(dir),
  openCohorts: (dir) => NedbCohortStore.open(dir),
  openScheduler: (dir) => InProcessScheduler.open(dir, { clock: systemClock }),
};

/**
 * The gateways a worker can send through, from the tokens configured: each
 * needs only its platform's Web/REST API, no event connection (Slack:
 * SLACK_BOT_TOKEN; Discord: DISCORD_TOKEN).
 */
export function platformGateways(config: Config): { gateways: PlatformGateways; close: () => void } {
  const gateways: PlatformGateways = {};
  const closers: (() => void)[] = [];
  const discord = config.discord;
  if (discord?.token) {
    const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
    gateways.discord = new DiscordGateway(rest);
    closers.push(() => {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    });
  }
  const slack = config.slack;
  if (slack?.botToken) gateways.slack = createSlackGateway({ botToken: slack.botToken, apiUrl: slack.apiUrl, logLevel: config.logLevel });
  return { gateways, close: () => closers.forEach((c) => c()) };
}

/** The coach's job handler with the given gateways (tests hand in recorders). */
export function coachJobHandlerWith(gateways: PlatformGateways, secrets: string[] = []): JobHandlerFactory {
  return async (config, engines, io) => {
    const redact = (line: string) => secrets.reduce((l, s) => redactTokens(l, s), line);
    const log = jsonLogger((line) => void io.stderr.write(redact(line)), config.logLevel, () => systemClock.now());
    const app = await buildApp(config, new GatewayRouter(gateways), { engines: { store: engines.store, cohorts: engines.cohorts, scheduler: engines.scheduler }, log });
    return { handler: (job) => app.coach.handleJob(job), close: () => app.close() };
  };
}

/** `pathwise worker`'s handler: the coach, sending through the platforms configured. */
export const coachJobHandler: JobHandlerFactory = async (config, engines, io) => {
  const platforms = platformGateways(config);
  const secrets = [config.discord?.token, config.slack?.botToken].filter((t): t is string => Boolean(t));
  const built = await coachJobHandlerWith(platforms.gateways, secrets)(config, engines, io);
  return {
    handler: built.handler,
    close: async () => {
      await built.close?.();
      platforms.close();
    },
  };
};
