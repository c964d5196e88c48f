/**
 * A small structured logger: one JSON line per event with its context. The
 * coach logs ids, codes and at most a short prefix of what a person typed;
 * never secrets, never whole messages.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Writes JSON lines at or above `level` to `write` (a file, stderr). */
export function jsonLogger(write: (line: string) => void, level: LogLevel, now: () => Date): Logger {
  return {
    log(l, event, fields) {
      if (RANK[l] < RANK[level]) return;
      write(JSON.stringify({ at: now().toISOString(), level: l, event, ...fields }) + '\n');
    },
  };
}

/** Keeps every line in memory, for tests. */
export class MemoryLogger implements Logger {
  readonly lines: { level: LogLevel; event: string; fields: LogFields }[] = [];
  log(level: LogLevel, event: string, fields: LogFields = {}): void {
    this.lines.push({ level, event, fields });
  }
}
