/**
 * Where the Discord adapter logs, and the masking every line goes through:
 * the bot token and interaction tokens (which let anyone answer as the bot
 * for 15 minutes) never reach a log line.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Where the adapter logs (the coach's structured logger has this shape). */
export interface AdapterLog {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

/** Masks the bot token and interaction tokens (in callback and webhook URLs) in a log line. */
export function redactTokens(line: string, token: string): string {
  let out = token ? line.split(token).join('[token]') : line;
  out = out.replace(/(\/interactions\/\d+\/)[^/\s]+/g, '$1[token]').replace(/(\/webhooks\/\d+\/)[^/\s?]+/g, '$1[token]');
  return out;
}
