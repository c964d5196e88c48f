/**
 * Registers the slash commands with Discord: the whole set replaces what was
 * there (`PUT`, Discord's bulk overwrite), in one server for instant testing
 * (`/applications/{id}/guilds/{gid}/commands`) or globally for production
 * (`/applications/{id}/commands`, which can take up to an hour to show).
 * Over REST only; no gateway connection.
 */
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { PathwiseError } from '../../core/errors.ts';
import { toApplicationCommands, type AutocompleteOptions, type CommandSpec } from './commands.ts';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register in this server only; omitted: globally. */
  guildId?: string;
  /** REST base without the version (default `https://discord.com/api`). */
  apiUrl?: string;
  commands: readonly CommandSpec[];
  autocomplete?: AutocompleteOptions;
}

export interface RegisterResult {
  scope: 'guild' | 'global';
  /** The names Discord now has, in order. */
  names: string[];
}

export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const body = toApplicationCommands(options.commands, options.autocomplete);
  const rest = new REST({ api: options.apiUrl ?? 'https://discord.com/api' }).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  try {
    const saved = (await rest.put(route, { body })) as { name: string }[];
    return { scope: options.guildId ? 'guild' : 'global', names: saved.map((c) => c.name) };
  } catch (err) {
    if (err instanceof DiscordAPIError) {
      const hint =
        err.status === 401
          ? 'the bot token was refused (DISCORD_TOKEN)'
          : err.status === 403 || err.status === 404
            ? `Discord refused access: check DISCORD_APPLICATION_ID${options.guildId ? ' and that the bot was invited to that server with the applications.commands scope' : ''}`
            : `Discord answered ${err.status} (code ${String(err.code)}): ${err.message}`;
      throw new PathwiseError('DISCORD_REGISTER_FAILED', `could not register the commands: ${hint}`, { cause: err });
    }
    throw new PathwiseError('DISCORD_REGISTER_FAILED', `could not register the commands: ${(err as Error).message}`, { cause: err });
  }
}
