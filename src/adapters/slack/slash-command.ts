/**
 * One slash command for the whole app, `/pathwise <subcommand> [text]`: a
 * workspace's slash-command names are shared by every installed app, so
 * Pathwise claims one and routes its first word to the command definitions.
 * Pure: text in, a route out.
 */
import type { Reply } from '../../core/chat/messages.ts';
import { text } from '../../core/chat/messages.ts';
import type { CommandSpec } from './command-spec.ts';

export const SLASH_COMMAND = '/pathwise';

export type SlashRoute =
  /** `/pathwise` alone, or `help` when no command definition claims it. */
  | { kind: 'help' }
  /** The text after the subcommand goes to the coach as is: the command definitions own the parsing of their options. */
  | { kind: 'command'; spec: CommandSpec; text: string }
  /** A command that asks for its options in a modal (given without text). */
  | { kind: 'modal'; spec: CommandSpec }
  /** The first word is no subcommand: the whole text is free text for the coach ("/pathwise I want to learn docker"). */
  | { kind: 'text'; text: string };

/**
 * Whether a command asks for its options in a modal when given without text:
 * settings always, and any command with a required option (`/pathwise goal`).
 */
export function opensModal(spec: CommandSpec): boolean {
  const options = spec.options ?? [];
  return options.length > 0 && (spec.name === 'settings' || options.some((o) => o.required));
}

/**
 * What a person typed, from Slack's wire format: message text always, and
 * slash-command text with `should_escape`, arrive with `&`, `<` and `>`
 * written as entities (mentions stay `<@U…|name>`, which the commands read).
 */
export function slackPlainText(raw: string): string {
  return raw.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function routeSlashText(raw: string, commands: readonly CommandSpec[]): SlashRoute {
  const trimmed = slackPlainText(raw).trim();
  const byName = new Map(commands.map((c) => [c.name.toLowerCase(), c]));
  if (trimmed === '') {
    const help = byName.get('help');
    return help ? { kind: 'command', spec: help, text: '' } : { kind: 'help' };
  }
  const first = trimmed.split(/\s+/, 1)[0] ?? '';
  const spec = byName.get(first.toLowerCase());
  if (!spec) return first.toLowerCase() === 'help' ? { kind: 'help' } : { kind: 'text', text: trimmed };
  const rest = trimmed.slice(first.length).trim();
  if (rest === '' && opensModal(spec)) return { kind: 'modal', spec };
  return { kind: 'command', spec, text: rest };
}

/** Slack's usage hint beside the command: the subcommands, at most 1000 characters. */
export function usageHint(commands: readonly CommandSpec[]): string {
  const hint = `[${commands.map((c) => c.name).join(' | ')}] [text]`;
  return hint.length <= 1000 ? hint : `${hint.slice(0, 999)}…`;
}

/** The subcommand list, for `/pathwise` alone or `/pathwise help`. */
export function helpReply(commands: readonly CommandSpec[]): Reply {
  const lines = commands.map((c) => {
    const opts = (c.options ?? []).map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
    return `• \`${SLASH_COMMAND} ${c.name}${opts ? ` ${opts}` : ''}\` — ${c.description}`;
  });
  return {
    ephemeral: true,
    blocks: [
      text('**Pathwise**, your learning coach. Talk to me in a direct message ("I want to learn docker", "done"), or use:'),
      text(lines.join('\n')),
    ],
  };
}
