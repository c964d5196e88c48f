import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.ts';
import { UserError } from '../core/errors.ts';
import { write, type CliCommand } from './cli.ts';

const USAGE = 'pathwise slack [serve] | pathwise slack manifest [--url https://…] [--json]';

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
    const { runRole, startSlack } = await import('../app/root.ts');
    return runRole(() => startSlack(config, io), io);
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
    const [{ stringify }, { buildManifest }, { loadCommands }] = await Promise.all([
      import('yaml'),
      import('../adapters/slack/manifest.ts'),
      import('../coach/command-loader.ts'),
    ]);
    const commands = await loadCommands(join(PACKAGE_ROOT, 'commands'));
    const manifest = buildManifest(commands, url ? { url } : {});
    write(io.stdout, json ? JSON.stringify(manifest, null, 2) : stringify(manifest));
    return 0;
  },
};
