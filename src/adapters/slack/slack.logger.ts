/**
 * Bolt's logger interface over a plain sink, with Slack secrets masked: Bolt
 * and the WebClient log request details at debug level, and a token must
 * never reach a log line whatever the level.
 */
import type { LogLevel, Logger } from '@slack/bolt';

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

/** Where log lines go; `console` by default, a collecting array in tests. */
export interface LogSink {
  debug(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

const ORDER: LogLevelName[] = ['debug', 'info', 'warn', 'error'];
const TOKEN = /\b(xox[abposer]|xapp)-[A-Za-z0-9-]+/g;

/** Masks Slack tokens (`xoxb-…`, `xapp-…`) in a log line. */
export function redactSecrets(line: string): string {
  return line.replace(TOKEN, '$1-[redacted]');
}

function format(parts: unknown[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if (p instanceof Error) return `${p.name}: ${p.message}`;
      try {
        return JSON.stringify(p);
      } catch {
        return String(p);
      }
    })
    .join(' ');
}

export function createSlackLogger(level: LogLevelName, sink: LogSink = console): Logger {
  let current: LogLevelName = level;
  let name = 'pathwise:slack';
  const emit = (at: LogLevelName, parts: unknown[]): void => {
    if (ORDER.indexOf(at) < ORDER.indexOf(current)) return;
    sink[at](redactSecrets(`[${at.toUpperCase()}] ${name} ${format(parts)}`));
  };
  return {
    debug: (...m: unknown[]) => emit('debug', m),
    info: (...m: unknown[]) => emit('info', m),
    warn: (...m: unknown[]) => emit('warn', m),
    error: (...m: unknown[]) => emit('error', m),
    setLevel: (l: LogLevel) => {
      current = l as LogLevelName;
    },
    getLevel: () => current as LogLevel,
    setName: (n: string) => {
      name = n;
    },
  };
}
