/**
 * What a chat adapter reads from a command definition in `commands/`: its
 * name, description and options. A structural subset of the coach's
 * `CommandDefinition`, so the full definitions (handlers included) are
 * accepted as they are, and adapters render Slack's `/pathwise <subcommand>`
 * and Discord's application commands from the same data without ever calling
 * a handler themselves.
 */
export type OptionChoice = string | number | { name: string; value: string | number };

export interface CommandOptionSpec {
  name: string;
  description: string;
  /** "string", "integer", "number" or "boolean"; adapters read anything else as a string. */
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
