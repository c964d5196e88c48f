/**
 * Safety of the embedded store's data directory (issue #17, item 7):
 *
 * - **One process per directory.** nedb keeps every file in memory and
 *   rewrites it on compaction, so two processes on one directory silently
 *   lose each other's writes. `<dir>/pathwise.lock` holds the owner's pid,
 *   created exclusively (O_EXCL); a second process is refused with the
 *   holder's pid. A lock whose pid is no longer running (a crash, a
 *   SIGKILL) is taken over. Within one process the stores and the scheduler
 *   share the lock (counted).
 * - **Damaged files are named.** {@link scanFile} finds the lines nedb cannot
 *   read; start-up names the file and line and points at `pathwise doctor`,
 *   which backs the file up and rewrites it without them ({@link repairFile}).
 */
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../../core/errors.ts';

const held = new Map<string, number>();
export const LOCK_FILE = 'pathwise.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock for this process (or shares the one it holds); returns its release. */
export function lockDataDir(dir: string): () => void {
  const key = resolve(dir);
  const count = held.get(key);
  if (count !== undefined) {
    held.set(key, count + 1);
    return once(() => release(key));
  }
  const file = join(key, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      held.set(key, 1);
      return once(() => release(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new UserError(
        'STORE_LOCKED',
        `The data directory ${key} is in use by another Pathwise process (pid ${pid}). The embedded store is one process per directory: stop that process, or give this one another PATHWISE_DATA_DIR (or set MONGODB_URL to share learners between processes).`,
      );
    }
    // Left by a process that is gone: take it over.
    rmSync(file, { force: true });
  }
  throw new UserError('STORE_LOCKED', `could not take the lock ${file}; remove it if no Pathwise process uses ${key}`);
}

function release(key: string): void {
  const n = (held.get(key) ?? 1) - 1;
  if (n > 0) return void held.set(key, n);
  held.delete(key);
  rmSync(join(key, LOCK_FILE), { force: true });
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      f();
    }
  };
}

/** A line nedb cannot read: its number (1-based) and length, never its content (it may be personal). */
export interface BadLine {
  line: number;
  bytes: number;
  why: string;
}

/** The unreadable lines of a nedb file (nedb reads each line as one JSON document). */
export function scanFile(path: string): { lines: number; bad: BadLine[] } {
  if (!existsSync(path)) return { lines: 0, bad: [] };
  const rows = readFileSync(path, 'utf8').split('\n');
  const bad: BadLine[] = [];
  let lines = 0;
  rows.forEach((row, i) => {
    if (row === '') return;
    lines++;
    try {
      const doc = JSON.parse(row) as unknown;
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) bad.push({ line: i + 1, bytes: row.length, why: 'not a document' });
    } catch (err) {
      bad.push({ line: i + 1, bytes: row.length, why: (err as Error).message.replace(/ in JSON.*$/, '').slice(0, 80) });
    }
  });
  return { lines, bad };
}

/** The start-up error for a damaged file: file, line and the way out. */
export function damagedFileError(path: string, scan: { lines: number; bad: BadLine[] }, cause: unknown): UserError {
  const [first] = scan.bad;
  const where = first ? `line ${first.line} of ${scan.lines} cannot be read (${first.why})${scan.bad.length > 1 ? `, and ${scan.bad.length - 1} more line(s)` : ''}` : 'it cannot be read';
  return new UserError(
    'STORE_DAMAGED',
    `${path}: ${where}. Nothing was changed. Run \`pathwise doctor\` (with the same PATHWISE_DATA_DIR) to back the file up and drop the unreadable lines, or restore it from a backup.`,
    { cause },
  );
}

export interface RepairReport {
  file: string;
  lines: number;
  dropped: BadLine[];
  backup: string | null;
}

/**
 * `pathwise doctor`: every `*.db` file of the directory is checked; a damaged
 * one is copied to `<file>.bak-<time>` and rewritten without its unreadable
 * lines. Takes the directory's lock, so it never runs beside a live process.
 */
export function repairDataDir(dir: string, now: Date): RepairReport[] {
  if (!existsSync(dir)) return [];
  const unlock = lockDataDir(dir);
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.db'))
      .sort()
      .map((f) => repairFile(join(dir, f), now));
  } finally {
    unlock();
  }
}

export function repairFile(path: string, now: Date): RepairReport {
  const scan = scanFile(path);
  if (scan.bad.length === 0) return { file: path, lines: scan.lines, dropped: [], backup: null };
  const backup = `${path}.bak-${now.toISOString().replace(/[:.]/g, '-')}`;
  copyFileSync(path, backup);
  const badLines = new Set(scan.bad.map((b) => b.line));
  const kept = readFileSync(path, 'utf8')
    .split('\n')
    .filter((row, i) => row !== '' && !badLines.has(i + 1));
  writeFileSync(path, kept.length > 0 ? `${kept.join('\n')}\n` : '');
  return { file: path, lines: scan.lines, dropped: scan.bad, backup };
}
