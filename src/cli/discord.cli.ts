/**
 * `pathwise discord [serve]` runs the coach as a Discord bot;
 * `pathwise discord register` registers its slash commands. Both read the
 * Discord settings from the configuration (DISCORD_TOKEN,
 * DISCORD_APPLICATION_ID, DISCORD_API_URL, DISCORD_GUILD_ID) and never print
 * the token.
 */
import { join } from 'node:path';
import { AUTOCOMPLETED } from '../adapters/discord/autocomplete.ts';
import type { Config, DiscordConfig } from '../config.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { UserError } from '../core/errors.ts';
import { write, type CliCommand } from './cli.ts';

const USAGE = 'pathwise discord [serve] | pathwise discord register [--guild <server id> | --global]';

function discordConfig(config: Config): DiscordConfig {
  return config.discord ?? { apiUrl: 'https://discord.com/api' };
}

function requireToken(d: DiscordConfig): string {
  if (!d.token) throw new UserError('DISCORD_NOT_CONFIGURED', 'DISCORD_TOKEN is not set: copy the bot token from the Developer Portal (see README, "Discord").');
  return d.token;
}

/**
 * `pathwise discord` / `pathwise discord serve`: connects to Discord and runs
 * the coach there, with the daily tasks and reviews sent as DMs. Logs are JSON
 * lines on stderr. Stops cleanly on SIGINT/SIGTERM: disconnects, lets turns in
 * flight finish, stops the jobs and closes the store.
 */
export const discordServe: CliCommand = {
  path: ['discord'],
  usage: 'pathwise discord [serve]',
  summary: 'run the coach as a Discord bot (DISCORD_TOKEN; state in ./.pathwise or PATHWISE_DATA_DIR)',
  async run(args, io, config) {
    if (args.length > 1 || (args.length === 1 && args[0] !== 'serve')) throw new UserError('USAGE', `usage: ${USAGE}`);
    const { runRole, startDiscord } = await import('../app/root.ts');
    return runRole(() => startDiscord(config, io), io);
  },
};

/** Reads `--guild <id>`, `--guild=<id>` or `--global`. */
export function parseRegisterArgs(args: string[]): { guildId?: string; global: boolean } {
  let guildId: string | undefined;
  let global = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--global') global = true;
    else if (a === '--guild') guildId = args[++i];
    else if (a.startsWith('--guild=')) guildId = a.slice('--guild='.length);
    else throw new UserError('USAGE', `unknown argument "${a.slice(0, 40)}". Usage: ${USAGE}`);
  }
  if (guildId !== undefined && !/^\d{15,21}$/.test(guildId)) throw new UserError('USAGE', '--guild needs a server id (a number; in Discord, right-click the server, Copy Server ID).');
  if (guildId !== undefined && global) throw new UserError('USAGE', 'give either --guild or --global, not both.');
  return { ...(guildId ? { guildId } : {}), global };
}

/**
 * `pathwise discord register [--guild <id> | --global]`: replaces the bot's
 * slash commands with those in `commands/`. In one server they show at once
 * (for testing); globally they can take up to an hour. Without a flag:
 * DISCORD_GUILD_ID when set, else global.
 */
export const discordRegister: CliCommand = {
  path: ['discord', 'register'],
  usage: 'pathwise discord register [--guild <id> | --global]',
  summary: 'register the slash commands in one server (instant) or globally (production)',
  async run(args, io, config) {
    const flags = parseRegisterArgs(args);
    const d = discordConfig(config);
    const token = requireToken(d);
    if (!d.applicationId) throw new UserError('DISCORD_NOT_CONFIGURED', 'DISCORD_APPLICATION_ID is not set: copy the Application ID from the Developer Portal.');
    const guildId = flags.guildId ?? (flags.global ? undefined : d.guildId);
    const { loadCommands } = await import('../coach/command-loader.ts');
    const commands = await loadCommands(join(PACKAGE_ROOT, 'commands'));
    const { registerCommands } = await import('../adapters/discord/discord.register.ts');
    const result = await registerCommands({
      token,
      applicationId: d.applicationId,
      apiUrl: d.apiUrl,
      commands,
      autocomplete: AUTOCOMPLETED,
      ...(guildId ? { guildId } : {}),
    });
    const names = result.names.map((n) => `/${n}`).join(' ');
    write(
      io.stdout,
      result.scope === 'guild'
        ? `✔ ${result.names.length} commands registered in server ${guildId} (they show at once): ${names}`
        : `✔ ${result.names.length} commands registered globally (they can take up to an hour to show everywhere): ${names}`,
    );
    return 0;
  },
};
