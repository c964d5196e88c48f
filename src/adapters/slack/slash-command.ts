/**
 * One slash command for the whole app, `/pathwise <subcommand> [text]`: a
 * workspace's slash-command names are shared by every installed app, so
 * Pathwise claims one and routes its first word to the command definitions.
 * Pure: text in, a route out.
 */
import type { Reply } from '../../core/chat/messages.ts';
import { text } from '../../core/chat/messages.ts';
import { coerceOption, type CommandOptionSpec, type CommandSpec } from './command-spec.ts';

export const SLASH_COMMAND = '/pathwise';

export type SlashRoute =
  /** `/pathwise` alone, or `help` when no command definition claims it. */
  | { kind: 'help' }
  | { kind: 'command'; spec: CommandSpec; text: string; options: Record<string, string | number | boolean> }
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

export function routeSlashText(raw: string, commands: readonly CommandSpec[]): SlashRoute {
  const trimmed = raw.trim();
  const byName = new Map(commands.map((c) => [c.name.toLowerCase(), c]));
  if (trimmed === '') {
    const help = byName.get('help');
    return help ? { kind: 'command', spec: help, text: '', options: {} } : { kind: 'help' };
  }
  const [first = '', ...restWords] = trimmed.split(/\s+/);
  const spec = byName.get(first.toLowerCase());
  if (!spec) return first.toLowerCase() === 'help' ? { kind: 'help' } : { kind: 'text', text: trimmed };
  const rest = trimmed.slice(first.length).trim();
  if (rest === '' && restWords.length === 0 && opensModal(spec)) return { kind: 'modal', spec };
  return { kind: 'command', spec, text: rest, options: parseOptions(spec, rest) };
}

const PAIR = /(?:^|\s)([A-Za-z][\w-]*)=(?:"([^"]*)"|(\S+))/g;

/**
 * Reads `name=value` (or `name="two words"`) pairs for the command's own
 * options; text left over goes to its first string option not given yet,
 * required ones first (`/pathwise goal learn docker` → `{ goal: "learn docker" }`).
 * Values are typed as the option declares when they fit.
 */
export function parseOptions(spec: CommandSpec, rest: string): Record<string, string | number | boolean> {
  const options = spec.options ?? [];
  const byName = new Map(options.map((o) => [o.name.toLowerCase(), o]));
  const out: Record<string, string | number | boolean> = {};
  const leftover = rest
    .replace(PAIR, (whole, name: string, quoted: string | undefined, bare: string | undefined) => {
      const opt = byName.get(name.toLowerCase());
      if (!opt) return whole;
      const raw = quoted ?? bare ?? '';
      // A value that does not fit stays text, so the command's own schema can say what is wrong with it.
      out[opt.name] = coerceOption(opt, raw) ?? raw;
      return ' ';
    })
    .trim();
  if (leftover) {
    const free = [...options]
      .sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false))
      .find((o: CommandOptionSpec) => isStringOption(o) && !(o.name in out));
    if (free) {
      const v = coerceOption(free, leftover);
      if (v !== undefined) out[free.name] = v;
    }
  }
  return out;
}

function isStringOption(o: CommandOptionSpec): boolean {
  return !['integer', 'number', 'boolean'].includes(o.type) && !o.choices?.length;
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
