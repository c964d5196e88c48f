/**
 * What the Slack adapter reads from a command definition in `commands/`: its
 * name, description and options. A structural subset, so the full definitions
 * (with their handlers) are accepted as they are and the adapter never calls a
 * handler itself: it only turns Slack input into a `CommandEvent`.
 */
export type OptionChoice = string | number | { name: string; value: string | number };

export interface CommandOptionSpec {
  name: string;
  description: string;
  /** "string", "integer", "number" or "boolean"; anything else is read as a string. */
  type: string;
  required?: boolean;
  choices?: readonly OptionChoice[];
  /** Inclusive bounds for integer and number options. */
  min?: number;
  max?: number;
}

export interface CommandSpec {
  name: string;
  description: string;
  options?: readonly CommandOptionSpec[];
}

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
