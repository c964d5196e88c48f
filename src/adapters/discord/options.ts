/**
 * Slash-command options and modal fields read into the coach's command
 * options, checked against the command's definition. Pure.
 */
import { ApplicationCommandOptionType, type CommandInteractionOption } from 'discord.js';
import { optionType, type CommandSpec } from './commands.ts';

type OptionsRead = { ok: true; options?: Record<string, string | number | boolean> } | { ok: false; why: string };

/**
 * A slash command's options checked against its definition: every option
 * must be declared and carry a value of the declared type. Anything else is a
 * payload we did not register (stale commands, a forged request).
 */
export function readOptions(spec: CommandSpec, data: readonly Pick<CommandInteractionOption, 'name' | 'type' | 'value'>[]): OptionsRead {
  const out: Record<string, string | number | boolean> = {};
  for (const o of data) {
    const def = spec.options?.find((d) => d.name === o.name);
    const type = def ? optionType(def.type) : undefined;
    if (!def || type === undefined || o.type !== type) return { ok: false, why: `unexpected option ${String(o.name).slice(0, 32)}` };
    const v = o.value;
    const fits =
      type === ApplicationCommandOptionType.String
        ? typeof v === 'string'
        : type === ApplicationCommandOptionType.Boolean
          ? typeof v === 'boolean'
          : typeof v === 'number' && Number.isFinite(v) && (type !== ApplicationCommandOptionType.Integer || Number.isInteger(v));
    if (!fits || v === undefined) return { ok: false, why: `option ${def.name} has the wrong type` };
    out[def.name] = v;
  }
  return Object.keys(out).length > 0 ? { ok: true, options: out } : { ok: true };
}

/** `name=value` pairs, the raw text a `CommandEvent` carries beside its options. */
export function optionText(options: Record<string, string | number | boolean> | undefined): string {
  return options
    ? Object.entries(options)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ')
    : '';
}

/** A modal's filled-in fields (by custom id = option name) as command options; blank fields are left out. */
export function modalOptions(spec: CommandSpec, value: (name: string) => string | undefined): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const o of spec.options ?? []) {
    const v = value(o.name)?.trim();
    if (v) out[o.name] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
