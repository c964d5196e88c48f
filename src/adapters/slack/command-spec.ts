/**
 * Slack-side helpers over the command definitions (types in
 * src/core/chat/command-spec.ts): option choices and typed option values.
 * The adapter never calls a handler itself: it only turns Slack input into a
 * `CommandEvent`.
 */
import type { CommandOptionSpec, CommandSpec, OptionChoice } from '../../core/chat/command-spec.ts';

export type { CommandOptionSpec, CommandSpec, OptionChoice };

export function choiceValue(c: OptionChoice): string {
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function choiceLabel(c: OptionChoice): string {
  return typeof c === 'object' ? c.name : String(c);
}

/**
 * Turns option text into the option's type; undefined for blank text or text
 * that does not fit the type.
 */
export function coerceOption(spec: CommandOptionSpec, raw: string): string | number | boolean | undefined {
  const v = raw.trim();
  if (v === '') return undefined;
  switch (spec.type) {
    case 'integer': {
      const n = Number(v);
      return Number.isInteger(n) ? n : undefined;
    }
    case 'number': {
      const n = Number(v);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'boolean': {
      const t = v.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(t)) return true;
      if (['false', 'no', 'off', '0'].includes(t)) return false;
      return undefined;
    }
    default:
      return v;
  }
}
