import { join } from 'node:path';
import { stringify } from 'yaml';
import { SlackAdapter } from '../adapters/slack/slack.adapter.ts';
import { buildManifest } from '../adapters/slack/manifest.ts';
import { buildApp } from '../app/build-app.ts';
import { embeddedEngines } from '../app/worker-wiring.ts';
import { openEngines } from '../engines/select.ts';
import { loadCommands } from '../coach/command-loader.ts';
import { PACKAGE_ROOT, type SlackConfig } from '../config.ts';
import { UserError } from '../core/errors.ts';
import { systemClock } from '../core/ports/clock.port.ts';
import { write, type CliCommand } from './cli.ts';

const USAGE = 'pathwise slack [serve] | pathwise slack manifest [--url https://…] [--json]';

/** Resolves on the first SIGINT or SIGTERM; `dispose` removes the handlers. */
function untilStopSignal(): { stopped: Promise<NodeJS.Signals>; dispose(): void } {
  let handler: (signal: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    handler = resolve;
  });
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return {
    stopped,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
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
 * `pathwise slack [serve]`: the coach in Slack, Socket Mode when
 * SLACK_APP_TOKEN is set, else HTTP with request signing on SLACK_PORT.
 * Daily tasks and review prompts go out as DMs while it runs. Stops cleanly
 * on SIGINT/SIGTERM: no new requests, turns in flight finish, store closed.
 */
export const slackServe: CliCommand = {
  path: ['slack'],
  usage: 'pathwise slack [serve]',
  summary: 'run the coach in Slack (Socket Mode with SLACK_APP_TOKEN, else HTTP on SLACK_PORT)',
  async run(args, io, config) {
    if (args.length > 1 || (args[0] !== undefined && args[0] !== 'serve')) {
      throw new UserError('USAGE', `unknown argument ${JSON.stringify(args[0] ?? args[1])}; usage: ${USAGE}`);
    }
    const slack = requireSlack(config.slack);
    const adapter = new SlackAdapter({
      botToken: slack.botToken,
      ...(slack.appToken ? { appToken: slack.appToken } : { signingSecret: slack.signingSecret! }),
      apiUrl: slack.apiUrl,
      clock: systemClock,
      logLevel: config.logLevel,
    });
    // MONGODB_URL / REDIS_URL: the production engines (src/engines/select.ts), shared with `pathwise worker`s.
    const engines = config.mongodbUrl || config.redisUrl ? await openEngines(config, embeddedEngines) : undefined;
    const app = await buildApp(config, adapter.gateway, { defaultTimezone: (from) => adapter.profileTimezone(from), ...(engines ? { engines } : {}) });
    const signal = untilStopSignal();
    try {
      const { port } = await adapter.start(app.coach, { port: slack.port });
      // On BullMQ the jobs belong to `pathwise worker` processes, which route each to its platform's gateway.
      if (!config.redisUrl) await app.startJobs();
      write(
        io.stdout,
        adapter.mode === 'socket'
          ? 'Pathwise is connected to Slack (Socket Mode). Ctrl+C to stop.'
          : `Pathwise is listening for Slack on port ${port} (POST /slack/events). Ctrl+C to stop.`,
      );
      await signal.stopped;
    } finally {
      signal.dispose();
      await adapter.stop();
      await engines?.scheduler.stop();
      await app.close();
      await engines?.cohorts.close();
      await engines?.store.close();
    }
    return 0;
  },
};

/**
 * `pathwise slack manifest [--url https://…] [--json]`: the app manifest,
 * generated from the command definitions, to paste at api.slack.com/apps.
 * Socket Mode by default; with --url, HTTP to `{url}/slack/events`.
 */
export const slackManifest: CliCommand = {
  path: ['slack', 'manifest'],
  usage: 'pathwise slack manifest [--url https://…] [--json]',
  summary: 'print the Slack app manifest to install Pathwise in one paste (YAML; --json)',
  async run(args, io) {
    let url: string | undefined;
    let json = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--json') json = true;
      else if (a === '--url' && args[i + 1] !== undefined) url = args[++i];
      else if (a.startsWith('--url=')) url = a.slice('--url='.length);
      else throw new UserError('USAGE', `unknown argument ${JSON.stringify(a)}; usage: ${this.usage}`);
    }
    if (url !== undefined && !/^https:\/\/[^\s/]+/.test(url)) {
      throw new UserError('USAGE', 'Slack only posts to https addresses: --url https://your.host');
    }
    const commands = await loadCommands(join(PACKAGE_ROOT, 'commands'));
    const manifest = buildManifest(commands, url ? { url } : {});
    write(io.stdout, json ? JSON.stringify(manifest, null, 2) : stringify(manifest));
    return 0;
  },
};
