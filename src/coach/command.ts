/**
 * Commands are data: each file in `commands/` default-exports a
 * {@link CommandDefinition}: name, description, options and handler. The same
 * definitions are checked here when loaded and will be rendered into Discord
 * application commands and Slack's `/pathwise <subcommand>`, so their
 * metadata follows the stricter of the two platforms (Discord): lowercase
 * names of 1-32 characters, descriptions of 1-100, at most 25 options and 25
 * choices, required options first.
 */
import { z } from 'zod';
import type { Reply } from '../core/chat/messages.ts';
import { UserError } from '../core/errors.ts';
import type { LearnerRecord } from '../core/ports/learner-store.port.ts';
import type { TurnContext } from './turn.ts';

export type OptionType = 'string' | 'integer' | 'number' | 'boolean';
export type OptionValue = string | number | boolean;

export interface CommandOption {
  name: string;
  description: string;
  type: OptionType;
  required: boolean;
  choices?: { name: string; value: string | number }[];
  /** Inclusive bounds for integer and number options. */
  min?: number;
  max?: number;
}

export type CommandArgs = Record<string, OptionValue | undefined>;

export interface CommandDefinition {
  name: string;
  description: string;
  options: CommandOption[];
  /** What a learner may also type for it in free text (e.g. "quiz me"); matched whole, case-insensitively. */
  phrases?: string[];
  handler: (ctx: TurnContext, args: CommandArgs) => Promise<Reply> | Reply;
  /**
   * The values the learner has now for the options, by option name, so a
   * form (Slack's modal) opens filled with what is saved rather than with
   * guesses: changing one field must not reset another.
   */
  current?: (learner: LearnerRecord) => Record<string, OptionValue>;
}

const nameRule = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'lowercase letters, digits and hyphens, at most 32, starting with a letter');
const descriptionRule = z.string().trim().min(1).max(100, 'at most 100 characters (Discord and Slack limits)');

const optionSchema = z.strictObject({
  name: nameRule,
  description: descriptionRule,
  type: z.enum(['string', 'integer', 'number', 'boolean']),
  required: z.boolean(),
  choices: z.array(z.strictObject({ name: z.string().min(1).max(100), value: z.union([z.string().max(100), z.number()]) })).min(1).max(25).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

export const commandDefinitionSchema = z
  .strictObject({
    name: nameRule,
    description: descriptionRule,
    options: z.array(optionSchema).max(25),
    phrases: z.array(z.string().min(1).max(60)).optional(),
    handler: z.custom<CommandDefinition['handler']>((v) => typeof v === 'function', 'handler must be a function'),
    current: z.custom<NonNullable<CommandDefinition['current']>>((v) => typeof v === 'function', 'current must be a function').optional(),
  })
  .superRefine((def, ctx) => {
    const names = new Set<string>();
    let optionalSeen = false;
    def.options.forEach((o, i) => {
      if (names.has(o.name)) ctx.addIssue({ code: 'custom', path: ['options', i, 'name'], message: `duplicate option "${o.name}"` });
      names.add(o.name);
      if (o.required && optionalSeen) ctx.addIssue({ code: 'custom', path: ['options', i, 'required'], message: 'required options must come before optional ones' });
      if (!o.required) optionalSeen = true;
    });
  });

/** One-line usage, e.g. `/quiz [concept]`. */
export function usage(def: CommandDefinition): string {
  const opts = def.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`));
  return ['/' + def.name, ...opts].join(' ');
}

const TRUE = new Set(['true', 'yes', 'on', '1', 'y']);
const FALSE = new Set(['false', 'no', 'off', '0', 'n']);

function coerce(def: CommandDefinition, o: CommandOption, raw: OptionValue): OptionValue {
  const bad = (why: string) => new UserError('BAD_OPTION', `${o.name} ${why}. Usage: ${usage(def)}`);
  let v: OptionValue;
  if (o.type === 'boolean') {
    const s = String(raw).toLowerCase();
    if (typeof raw === 'boolean') v = raw;
    else if (TRUE.has(s)) v = true;
    else if (FALSE.has(s)) v = false;
    else throw bad('must be yes or no');
  } else if (o.type === 'integer' || o.type === 'number') {
    const s = String(raw).trim();
    if (!(o.type === 'integer' ? /^-?\d{1,9}$/ : /^-?\d{1,9}(\.\d+)?$/).test(s)) throw bad(`must be ${o.type === 'integer' ? 'a whole number' : 'a number'}`);
    v = Number(s);
    if ((o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max)) throw bad(`must be between ${o.min ?? '…'} and ${o.max ?? '…'}`);
  } else {
    v = String(raw).trim();
    if (v.length === 0) throw bad('is empty');
  }
  if (o.choices && !o.choices.some((c) => c.value === v)) throw bad(`must be one of: ${o.choices.map((c) => c.value).join(', ')}`);
  return v;
}

/**
 * Reads a command's options from platform options (Discord) or from the raw
 * text after the name (terminal, Slack): `name=value` or `name value` pairs
 * for named options; otherwise the whole text fills the first string option.
 */
export function parseArgs(def: CommandDefinition, text: string, options?: Record<string, OptionValue>): CommandArgs {
  const out: CommandArgs = {};
  const byName = new Map(def.options.map((o) => [o.name, o]));
  if (options) {
    for (const [k, v] of Object.entries(options)) {
      const o = byName.get(k);
      if (o) out[k] = coerce(def, o, v);
    }
  } else if (text.trim()) {
    const tokens = text.trim().split(/\s+/);
    // Several options: name=value or name value pairs. One option: the whole text, unless written as name=value.
    const named =
      def.options.length > 1
        ? tokens.some((t) => t.includes('=') || byName.has(t.toLowerCase()))
        : tokens.length === 1 && tokens[0]!.toLowerCase().startsWith(`${def.options[0]?.name}=`);
    if (named) {
      for (let i = 0; i < tokens.length; i++) {
        const [k, inline] = tokens[i]!.split(/=(.*)/s) as [string, string | undefined];
        const o = byName.get(k.toLowerCase());
        if (!o) throw new UserError('BAD_OPTION', `I don't know the option "${k.slice(0, 32)}". Usage: ${usage(def)}`);
        const value = inline !== undefined && inline !== '' ? inline : o.type === 'boolean' && (i + 1 >= tokens.length || byName.has(tokens[i + 1]!)) ? 'true' : tokens[++i];
        if (value === undefined) throw new UserError('BAD_OPTION', `${o.name} needs a value. Usage: ${usage(def)}`);
        out[o.name] = coerce(def, o, value);
      }
    } else {
      const first = def.options[0];
      if (!first) throw new UserError('BAD_OPTION', `/${def.name} takes no options.`);
      out[first.name] = coerce(def, first, first.type === 'string' ? text.trim() : tokens[0]!);
    }
  }
  for (const o of def.options) {
    if (o.required && out[o.name] === undefined) throw new UserError('MISSING_OPTION', `/${def.name} needs ${o.name}: ${o.description}. Usage: ${usage(def)}`);
  }
  return out;
}
