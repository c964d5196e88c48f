/**
 * The command definitions in `commands/` rendered as Discord application
 * (slash) commands, the JSON that `PUT /applications/{id}/commands` takes.
 * Pure. The adapter reads only a definition's metadata (a structural subset,
 * so the full definitions with their handlers are accepted as they are) and
 * never calls a handler: it turns Discord input into a `CommandEvent`.
 *
 * Every command is usable in servers and in the bot's DMs (`contexts`), for
 * the server-installed app (`integration_types`). Options named in
 * `autocomplete` ask Discord to call back while the person types (goal and
 * concept names from the knowledge graph).
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  TextInputStyle,
  type APIApplicationCommandBasicOption,
  type APIModalInteractionResponseCallbackData,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { PathwiseError } from '../../core/errors.ts';

import type { CommandOptionSpec, CommandSpec, OptionChoice } from '../../core/chat/command-spec.ts';

export type { CommandOptionSpec, CommandSpec, OptionChoice };

/** Command name → the option names Discord autocompletes. */
export type AutocompleteOptions = Readonly<Record<string, readonly string[]>>;

export type ApplicationCommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

type ScalarOptionType =
  | ApplicationCommandOptionType.String
  | ApplicationCommandOptionType.Integer
  | ApplicationCommandOptionType.Number
  | ApplicationCommandOptionType.Boolean;

const OPTION_TYPES: Partial<Record<string, ScalarOptionType>> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  boolean: ApplicationCommandOptionType.Boolean,
};

/** Discord's option type for a definition's type name; undefined for a type Discord commands cannot carry. */
export function optionType(type: string): ScalarOptionType | undefined {
  return OPTION_TYPES[type];
}

/** Discord's rule for command and option names (lowercase where the script has case). */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMANDS = 100;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;

function invalid(where: string, why: string): PathwiseError {
  return new PathwiseError('DISCORD_COMMAND_INVALID', `${where}: ${why}`);
}

function checkName(where: string, name: string): void {
  if (!NAME.test(name) || name !== name.toLowerCase()) throw invalid(where, `name "${name}" must be 1-32 lowercase letters, digits, - or _`);
}

function checkDescription(where: string, description: string): void {
  if (description.trim().length === 0 || description.length > 100) throw invalid(where, 'description must be 1-100 characters');
}

function renderOption(where: string, o: CommandOptionSpec, autocomplete: boolean): APIApplicationCommandBasicOption {
  checkName(where, o.name);
  checkDescription(where, o.description);
  const type = optionType(o.type);
  if (type === undefined) throw invalid(where, `type "${o.type}" is not one of string, integer, number, boolean`);
  const base = { name: o.name, description: o.description, required: o.required ?? false };
  if (type === ApplicationCommandOptionType.Boolean) {
    if (autocomplete || o.choices) throw invalid(where, 'a boolean option takes no choices or autocomplete');
    return { ...base, type };
  }
  if (autocomplete && o.choices) throw invalid(where, 'an option has either choices or autocomplete, not both');
  if (o.choices && (o.choices.length === 0 || o.choices.length > MAX_CHOICES)) throw invalid(where, `1-${MAX_CHOICES} choices`);
  const choices = o.choices?.map((c) => {
    const choice = typeof c === 'object' ? c : { name: String(c), value: c };
    if (choice.name.length === 0 || choice.name.length > 100) throw invalid(where, 'choice names must be 1-100 characters');
    return choice;
  });
  if (type === ApplicationCommandOptionType.String) {
    const strChoices = choices?.map((c) => ({ name: c.name, value: String(c.value) }));
    if (strChoices?.some((c) => c.value.length > 100)) throw invalid(where, 'choice values must be at most 100 characters');
    return autocomplete ? { ...base, type, autocomplete: true } : { ...base, type, ...(strChoices ? { choices: strChoices } : {}) };
  }
  const numChoices = choices?.map((c) => {
    const value = Number(c.value);
    if (!Number.isFinite(value) || (type === ApplicationCommandOptionType.Integer && !Number.isInteger(value))) throw invalid(where, `choice "${c.name}" is not a ${o.type}`);
    return { name: c.name, value };
  });
  const bounds = { ...(o.min !== undefined ? { min_value: o.min } : {}), ...(o.max !== undefined ? { max_value: o.max } : {}) };
  // `type` is Integer or Number here; TypeScript cannot pick the union member from a union-typed discriminant.
  return (autocomplete ? { ...base, type, ...bounds, autocomplete: true } : { ...base, type, ...bounds, ...(numChoices ? { choices: numChoices } : {}) }) as APIApplicationCommandBasicOption;
}

/** One definition as a chat-input application command. Throws `DISCORD_COMMAND_INVALID` naming what breaks Discord's rules. */
export function toApplicationCommand(spec: CommandSpec, autocomplete: readonly string[] = []): ApplicationCommandJson {
  const where = `/${spec.name}`;
  checkName(where, spec.name);
  checkDescription(where, spec.description);
  const options = spec.options ?? [];
  if (options.length > MAX_OPTIONS) throw invalid(where, `at most ${MAX_OPTIONS} options`);
  let optionalSeen = false;
  const names = new Set<string>();
  const rendered = options.map((o) => {
    const at = `${where} ${o.name}`;
    if (names.has(o.name)) throw invalid(at, 'duplicate option');
    names.add(o.name);
    if (o.required && optionalSeen) throw invalid(at, 'required options must come before optional ones');
    if (!o.required) optionalSeen = true;
    return renderOption(at, o, autocomplete.includes(o.name));
  });
  const unknown = autocomplete.filter((a) => !names.has(a));
  if (unknown.length > 0) throw invalid(where, `autocomplete names unknown option(s): ${unknown.join(', ')}`);
  return {
    type: ApplicationCommandType.ChatInput,
    name: spec.name,
    description: spec.description,
    options: rendered,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

/** Every definition, ready for `PUT /applications/{id}/commands` (which replaces the whole set). */
export function toApplicationCommands(specs: readonly CommandSpec[], autocomplete: AutocompleteOptions = {}): ApplicationCommandJson[] {
  if (specs.length > MAX_COMMANDS) throw invalid('commands', `at most ${MAX_COMMANDS} commands`);
  const seen = new Set<string>();
  return specs.map((s) => {
    if (seen.has(s.name)) throw invalid(`/${s.name}`, 'defined twice');
    seen.add(s.name);
    return toApplicationCommand(s, autocomplete[s.name] ?? []);
  });
}

/** Modals carry `modal:<command>` as their custom id. */
const MODAL_ID = /^modal:([-_a-z0-9]{1,32})$/;
/** Discord allows five fields in a modal. */
export const MAX_MODAL_FIELDS = 5;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function fieldLabel(o: CommandOptionSpec): string {
  const words = o.name.replace(/[-_]+/g, ' ');
  return clip(words.charAt(0).toUpperCase() + words.slice(1), 45);
}

function fieldHint(o: CommandOptionSpec): string | undefined {
  if (o.type === 'boolean') return 'yes or no';
  if ((o.type === 'integer' || o.type === 'number') && (o.min !== undefined || o.max !== undefined)) return `${o.min ?? '…'} to ${o.max ?? '…'}`;
  if (o.choices?.length) return clip(o.choices.map((c) => (typeof c === 'object' ? String(c.value) : String(c))).join(', '), 100);
  return undefined;
}

/**
 * A command's options as a modal form (`/settings` with nothing typed opens
 * one): a short text field per option, each labelled with its description,
 * all optional so a person changes only what they fill in. The first five
 * options only; the rest stay reachable as slash-command options. `initial`
 * pre-fills fields by option name with what is saved, so changing the hour
 * shows the zone it keeps.
 */
export function toModal(spec: CommandSpec, initial: Record<string, string> = {}): APIModalInteractionResponseCallbackData {
  return {
    custom_id: `modal:${spec.name}`,
    title: clip(spec.name.charAt(0).toUpperCase() + spec.name.slice(1).replace(/-/g, ' '), 45),
    components: (spec.options ?? []).slice(0, MAX_MODAL_FIELDS).map((o) => {
      const hint = fieldHint(o);
      return {
        type: ComponentType.Label,
        label: fieldLabel(o),
        description: clip(o.description, 100),
        component: {
          type: ComponentType.TextInput,
          custom_id: o.name,
          style: TextInputStyle.Short,
          required: false,
          max_length: 100,
          ...(hint ? { placeholder: hint } : {}),
          ...(initial[o.name] ? { value: clip(initial[o.name]!, 100) } : {}),
        },
      };
    }),
  };
}

/** The command a modal's custom id stands for; null when it is not one of ours. */
export function modalCommandName(customId: string): string | null {
  return MODAL_ID.exec(customId)?.[1] ?? null;
}
