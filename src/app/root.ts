/**
 * The composition root: builds what each role of a Pathwise process runs
 * (the engines, the platform gateway, the coach) from the configuration,
 * and registers how to close each thing it opens with one {@link Shutdown},
 * whose stages give the one order every role stops in (src/app/shutdown.ts).
 * Entry points (src/cli/) only choose a role and hand it to
 * {@link runUntilStopped}.
 *
 * The platform SDKs load here only when their role starts, through their
 * adapters (dynamic imports), so `pathwise chat` and `pathwise help` never
 * load discord.js, @slack/bolt, mongoose or bullmq.
 */
import { rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { TerminalChat } from '../adapters/terminal/terminal.adapter.ts';
import { loadCommands } from '../coach/command-loader.ts';
import { PACKAGE_ROOT, type Config, type SlackConfig } from '../config.ts';
import type { ConversationRef } from '../core/chat/messages.ts';
import { UserError } from '../core/errors.ts';
import { systemClock } from '../core/ports/clock.port.ts';
import { seededRng } from '../core/random.ts';
import { loadRoadmaps } from '../roadmaps/roadmap-files.ts';
import { buildApp, fileLog, roadmapCache } from './build-app.ts';
import { openConfiguredEngines, openEmbeddedEngines, type OpenedEngines } from './engines.ts';
import type { Logger } from '../coach/logger.ts';
import type { ReconcileReport } from '../coach/reconcile.ts';
import type { EventDedup } from '../core/ports/event-dedup.port.ts';
import { write, type ProcessIo } from './io.ts';
import { Shutdown } from './shutdown.ts';
import { untilStopSignal } from './signals.ts';
import { formatEvent, platformGateways, startJobs, stderrLog } from './worker-wiring.ts';
import { GatewayRouter } from './gateway-router.ts';
import type { RunningJob } from '../core/ports/scheduler.port.ts';
import { WORKER_ROLES, type WorkerRole } from '../engines/bullmq/worker-roles.ts';

/** A started role. */
export interface Running {
  /** Settles when the work ends by itself (end of terminal input); a server's never does. */
  done: Promise<void>;
  /** Closes everything in the shutdown order; `signal` names the signal that asked, if one did. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const forever = new Promise<void>(() => undefined);

/**
 * Runs a started role until it ends by itself or the process gets SIGINT or
 * SIGTERM, then stops it. A second signal during the stop ends the process
 * the default way.
 */
export async function runUntilStopped(running: Running): Promise<number> {
  const signal = untilStopSignal();
  let received: NodeJS.Signals | undefined;
  try {
    received = (await Promise.race([running.done, signal.stopped])) ?? undefined;
  } finally {
    signal.dispose();
    await running.stop(received);
  }
  return 0;
}

/**
 * Starts a role and runs it until stopped. A SIGINT or SIGTERM while it is
 * still starting (a server that does not answer, a slow login) ends the
 * start at once: what was opened is closed in the background and the exit
 * code returned (130/143), and the entry point ends the process shortly
 * after, however the half-open connections behave.
 */
export async function runRole(start: () => Promise<Running>, io: Pick<ProcessIo, 'stderr'>): Promise<number> {
  const signal = untilStopSignal();
  const started = start();
  let first: { running: Running } | { signal: NodeJS.Signals };
  try {
    first = await Promise.race([started.then((running) => ({ running })), signal.stopped.then((s) => ({ signal: s }))]);
  } finally {
    signal.dispose();
  }
  if ('signal' in first) {
    write(io.stderr, `pathwise: ${first.signal} received while starting; stopped.`);
    started.then((r) => r.stop(), () => undefined).catch(() => undefined);
    return first.signal === 'SIGINT' ? 130 : 143;
  }
  return runUntilStopped(first.running);
}

/** Builds a role inside `shutdown`; if building fails, what was opened so far is closed again. */
async function starting(shutdown: Shutdown, build: () => Promise<Running>): Promise<Running> {
  try {
    return await build();
  } catch (err) {
    await shutdown.run().catch(() => undefined);
    throw err;
  }
}

function localUser(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '') || 'me';
  } catch {
    return 'me';
  }
}

/**
 * `pathwise chat`: the coach in the terminal on the embedded engines in
 * config.dataDir (one chat process per data directory); daily tasks and due
 * reviews arrive while it is open. Ends at end of input.
 */
export async function startChat(config: Config, io: ProcessIo): Promise<Running> {
  const shutdown = new Shutdown();
  return starting(shutdown, async () => {
    const interactive = Boolean((io.stdin as { isTTY?: boolean }).isTTY && (io.stdout as { isTTY?: boolean }).isTTY);
    const ref: ConversationRef = { platform: 'terminal', workspace: 'local', channel: 'terminal', user: localUser() };
    const terminal = new TerminalChat({ input: io.stdin, output: io.stdout, ref, interactive, filesDir: join(config.dataDir, 'files') });
    const log = fileLog(config, systemClock, shutdown);
    const engines = await openEmbeddedEngines(config, shutdown, { log });
    const filesDir = join(config.dataDir, 'files');
    // One person per terminal data directory: their exports and charts are everything in the files folder.
    const forgetFiles = async () => rmSync(filesDir, { recursive: true, force: true });
    const app = await buildApp(config, terminal, { log, engines, shutdown, forgetFiles });
    await app.startJobs();
    if (interactive) write(io.stdout, `Pathwise: your learning coach. Say hi, or type "help". (Ctrl+C or Ctrl+D to leave; data in ${config.dataDir})\n`);
    const done = terminal.run((event) => app.coach.handle(event));
    shutdown.add('intake', 'terminal input', async () => {
      terminal.close();
      await done.catch(() => undefined);
    });
    return { done, stop: () => shutdown.run() };
  });
}

function requireSlack(slack: SlackConfig | undefined): SlackConfig & { botToken: string } {
  const how = 'see README "Slack": `pathwise slack manifest` prints the app to install, then set its tokens';
  if (!slack?.botToken) throw new UserError('SLACK_NOT_CONFIGURED', `SLACK_BOT_TOKEN is not set; ${how}.`);
  if (!slack.appToken && !slack.signingSecret) {
    throw new UserError('SLACK_NOT_CONFIGURED', `set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP); ${how}.`);
  }
  return { ...slack, botToken: slack.botToken };
}

/**
 * `pathwise slack`: the coach in Slack, Socket Mode when SLACK_APP_TOKEN is
 * set, else HTTP with request signing on SLACK_PORT. Daily tasks and review
 * prompts go out as DMs while it runs, unless they belong to `pathwise
 * worker`s on BullMQ.
 */
export async function startSlack(config: Config, io: ProcessIo): Promise<Running> {
  const slack = requireSlack(config.slack);
  const shutdown = new Shutdown();
  return starting(shutdown, async () => {
    const [{ SlackAdapter }, { TtlEventDedup }] = await Promise.all([import('../adapters/slack/slack.adapter.ts'), import('../adapters/slack/event-dedup.ts')]);
    // With REDIS_URL, a re-sent event is claimed in Redis, so several Slack processes behind one URL answer it once.
    let dedup: EventDedup | undefined;
    if (config.redisUrl) {
      const { openRedisEventDedup } = await import('../engines/redis/redis-event-dedup.ts');
      let warned = 0;
      const shared = await openRedisEventDedup(config.redisUrl, config.queue.prefix, new TtlEventDedup({ clock: systemClock }), (err) => {
        // At most one warning a minute while Redis is away.
        if (Date.now() - warned < 60_000) return;
        warned = Date.now();
        write(io.stderr, `warning: Slack event de-duplication in Redis failed (${(err as Error).message}); events pass through this process's own check`);
      });
      dedup = shared.dedup;
      shutdown.add('outbound', 'slack event dedup', () => shared.close());
    }
    const adapter = new SlackAdapter({
      ...(dedup ? { dedup } : {}),
      botToken: slack.botToken,
      ...(slack.appToken ? { appToken: slack.appToken } : { signingSecret: slack.signingSecret! }),
      apiUrl: slack.apiUrl,
      clock: systemClock,
      logLevel: config.logLevel,
    });
    shutdown.add('intake', 'slack receiver', () => adapter.stop());
    const log = fileLog(config, systemClock, shutdown);
    const engines = await openConfiguredEngines(config, shutdown, { log });
    const app = await buildApp(config, adapter.gateway, { log, engines, shutdown, defaultTimezone: (from) => adapter.profileTimezone(from) });
    const { port } = await adapter.start(app.coach, { port: slack.port });
    // On BullMQ the jobs belong to `pathwise worker` processes, which route each to its platform's gateway.
    if (!config.redisUrl) await app.startJobs();
    write(
      io.stdout,
      adapter.mode === 'socket'
        ? 'Pathwise is connected to Slack (Socket Mode). Ctrl+C to stop.'
        : `Pathwise is listening for Slack on port ${port} (POST /slack/events). Ctrl+C to stop.`,
    );
    return { done: forever, stop: () => shutdown.run() };
  });
}

/**
 * `pathwise discord [serve]`: connects to Discord and runs the coach there,
 * with the daily tasks and reviews sent as DMs. Logs are JSON lines on
 * stderr, the token masked.
 */
export async function startDiscord(config: Config, io: ProcessIo): Promise<Running> {
  const d = config.discord ?? { apiUrl: 'https://discord.com/api' };
  if (!d.token) throw new UserError('DISCORD_NOT_CONFIGURED', 'DISCORD_TOKEN is not set: copy the bot token from the Developer Portal (see README, "Discord").');
  const token = d.token;
  const shutdown = new Shutdown();
  return starting(shutdown, async () => {
    const [{ DiscordAdapter }, { graphAutocomplete }, { redactTokens }] = await Promise.all([
      import('../adapters/discord/discord.adapter.ts'),
      import('../adapters/discord/autocomplete.ts'),
      import('../adapters/discord/discord.log.ts'),
    ]);
    const log = stderrLog(config, io);
    const { graph } = loadRoadmaps(config.roadmapsDir, { cacheFile: roadmapCache(config) });
    const commands = await loadCommands(join(PACKAGE_ROOT, 'commands'));
    const adapter = new DiscordAdapter({ token, apiUrl: d.apiUrl, commands, autocomplete: graphAutocomplete(graph), log });
    // Interactions stop first; the client (whose REST the jobs send through) disconnects once the coach is idle.
    shutdown.add('intake', 'discord interactions', () => adapter.quiesce());
    shutdown.add('outbound', 'discord client', () => adapter.disconnect());
    // discord.js throws inside its own gateway handler on a payload it cannot
    // build (the adapter has answered it already); that must not end the bot.
    const unhandled = (err: unknown) =>
      log.log('error', 'process.unhandled_rejection', { error: redactTokens(err instanceof Error ? `${err.name}: ${err.message}` : String(err), token) });
    process.on('unhandledRejection', unhandled);
    shutdown.add('log', 'unhandled-rejection guard', () => void process.off('unhandledRejection', unhandled));
    const engines = await openConfiguredEngines(config, shutdown, { log });
    const app = await buildApp(config, adapter.gateway, { graph, log, engines, shutdown });
    const { applicationId } = await adapter.start(app.coach);
    // On BullMQ the jobs belong to `pathwise worker` processes, which route each to its platform's gateway.
    if (!config.redisUrl) await app.startJobs();
    write(io.stdout, `Pathwise is on Discord (application ${applicationId}). Ctrl+C to stop.`);
    return {
      done: forever,
      async stop(signal) {
        if (signal) write(io.stdout, 'Stopping…');
        await shutdown.run();
      },
    };
  });
}

/**
 * Rebuilds the schedules from the store now (Redis may have lost them: a
 * restart without data, FLUSHALL, failover) and every RECONCILE_EVERY_MS
 * while the worker runs; see src/coach/reconcile.ts.
 */
async function startReconciler(engines: OpenedEngines, log: Logger, shutdown: Shutdown, redisUrl: string, prefix: string): Promise<void> {
  const [{ reconcileSchedules, RECONCILE_EVERY_MS }, { openRedisLock }] = await Promise.all([import('../coach/reconcile.ts'), import('../engines/redis/redis-lock.ts')]);
  // Every worker reconciles: one at a time across them (a Redis lock with a lease).
  const shared = openRedisLock(redisUrl, prefix);
  shutdown.add('outbound', 'reconcile lock', () => shared.close());
  const deps = { store: engines.store, cohorts: engines.cohorts, scheduler: engines.scheduler, clock: systemClock, lock: shared.lock };
  const once = async () => log.log('info', 'schedules.reconciled', { ...(await reconcileSchedules(deps)) });
  await once();
  const timer = setInterval(() => void once().catch((err: unknown) => log.log('error', 'schedules.reconcile_failed', { error: (err as Error).message })), RECONCILE_EVERY_MS);
  timer.unref();
  shutdown.add('jobs', 'reconciler', () => clearInterval(timer));
}

/**
 * `pathwise worker`: runs scheduled jobs (daily tasks, review prompts) on
 * BullMQ (REDIS_URL) with the learner store the bots use (MONGODB_URL),
 * sending through the platforms whose tokens are set. `roles` (default
 * both; `--only`) says whether it delivers, runs slots' fan-outs, or both
 * (src/engines/bullmq/worker-roles.ts); a fan-out-only process sends
 * nothing, so it opens no platform client. Every role reconciles.
 */
export async function startWorker(config: Config, io: ProcessIo, roles: readonly WorkerRole[] = WORKER_ROLES): Promise<Running> {
  if (!config.redisUrl) {
    throw new UserError('REDIS_NOT_CONFIGURED', 'pathwise worker runs BullMQ jobs: set REDIS_URL (and MONGODB_URL for the learner store).');
  }
  const redisUrl = config.redisUrl;
  const shutdown = new Shutdown();
  return starting(shutdown, async () => {
    const { engineKinds, engineWarning } = await import('../engines/select.ts');
    const { redactUrl } = await import('../engines/bullmq/redis-connection.ts');
    const warning = engineWarning(engineKinds(config));
    if (warning) write(io.stderr, `warning: ${warning}`);
    const log = stderrLog(config, io);
    const engines = await openConfiguredEngines(config, shutdown, { log, onSchedulerEvent: (e) => write(io.stderr, formatEvent(e)), workerRoles: roles });
    const handler = roles.includes('deliveries') ? await deliveryHandler(config, engines, log, shutdown, redisUrl) : fanOutOnly;
    await startReconciler(engines, log, shutdown, redisUrl, config.queue.prefix);
    const running = await startJobs(
      {
        scheduler: engines.scheduler,
        handler,
        close: () => shutdown.run(),
        describe: `${roles.join(' and ')} of queue ${config.queue.prefix} on ${redactUrl(redisUrl)}, concurrency ${roles.includes('deliveries') ? config.queue.concurrency : 1}, store ${engines.kinds.store}`,
      },
      io,
    );
    return { done: forever, stop: (signal) => running.stop(signal) };
  });
}

/** The coach's job handler, sending through the configured platforms under the budget every worker process shares in Redis. */
async function deliveryHandler(config: Config, engines: OpenedEngines, log: Logger, shutdown: Shutdown, redisUrl: string): Promise<(job: RunningJob) => Promise<void>> {
  const gateways = await platformGateways(config, shutdown);
  const { openRedisRateLimiter } = await import('../engines/redis/redis-rate-limiter.ts');
  const { RateLimitedGateway, DEFAULT_LIMITS } = await import('./rate-limited-gateway.ts');
  const rate = openRedisRateLimiter(redisUrl, config.queue.prefix, (key) => (key === 'discord' ? DEFAULT_LIMITS.discord : DEFAULT_LIMITS.slack));
  shutdown.add('outbound', 'rate limiter', () => rate.close());
  const gateway = new RateLimitedGateway(new GatewayRouter(gateways), rate.limiter, seededRng(Date.now()));
  const app = await buildApp(config, gateway, { engines, log, shutdown });
  return (job) => app.coach.handleJob(job);
}

/** A fan-out-only worker takes no delivery jobs, so its handler is never called. */
async function fanOutOnly(job: RunningJob): Promise<void> {
  throw new Error(`job ${job.key} reached a fan-out-only worker`);
}

/**
 * `pathwise jobs reconcile`: rebuilds the schedules from the store once on
 * the configured engines (BullMQ with REDIS_URL) and reports what it did.
 * Nothing is sent from here; the workers run what it queued.
 */
export async function reconcileOnce(config: Config): Promise<ReconcileReport> {
  const shutdown = new Shutdown();
  try {
    const engines = await openConfiguredEngines(config, shutdown, {});
    const { reconcileSchedules } = await import('../coach/reconcile.ts');
    // The workers reconcile too: share their lock, so this run and theirs do not rebuild at once.
    const url = config.redisUrl;
    const lock = url ? (await import('../engines/redis/redis-lock.ts')).openRedisLock(url, config.queue.prefix) : null;
    if (lock) shutdown.add('outbound', 'reconcile lock', () => lock.close());
    return await reconcileSchedules({ store: engines.store, cohorts: engines.cohorts, scheduler: engines.scheduler, clock: systemClock, ...(lock ? { lock: lock.lock } : {}) });
  } finally {
    await shutdown.run();
  }
}
