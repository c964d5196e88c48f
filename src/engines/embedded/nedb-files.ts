/**
 * Opens nedb datastores in a data directory. Shared by the embedded store and
 * scheduler so both keep their files side by side in `config.dataDir`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Datastore from '@seald-io/nedb';
import { damagedFileError, scanFile } from './data-dir.ts';

export type Collection = Datastore<Record<string, unknown>>;

export interface IndexSpec {
  fieldName: string | string[];
  unique?: boolean;
  /** Documents without the field are not indexed (so several may lack it under a unique index). */
  sparse?: boolean;
}

/** Loads (or creates) `<dir>/<name>.db` and makes sure its indexes exist (unique ones are enforced on load too). */
export async function openCollection(dir: string, name: string, indexes: IndexSpec[]): Promise<Collection> {
  mkdirSync(dir, { recursive: true });
  const filename = join(dir, `${name}.db`);
  // Not one unreadable line is skipped silently (nedb's default drops up to 10%): the file and line are named instead.
  const db: Collection = new Datastore({ filename, corruptAlertThreshold: 0 });
  try {
    await db.loadDatabaseAsync();
  } catch (err) {
    const scan = scanFile(filename);
    if (scan.bad.length > 0 || (err as { corruptItems?: number }).corruptItems) throw damagedFileError(filename, scan, err);
    throw err;
  }
  for (const i of indexes) await db.ensureIndexAsync(i);
  return db;
}

/** nedb reports a unique-index violation with this errorType. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { errorType?: string }).errorType === 'uniqueViolated';
}

/**
 * Queries are built from these only: a string checked to be a string, so a
 * value a person typed (say `{"$gt": ""}`) can never reach nedb as an operator.
 */
export function str(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  return value;
}

/**
 * Waits for every collection to finish loading, then throws the first
 * failure: a damaged file must not leave its siblings still writing while
 * the directory's lock is released.
 */
export async function allLoaded<T extends Promise<Collection>[]>(loads: [...T]): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(loads);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<Collection>).value) as { [K in keyof T]: Awaited<T[K]> };
}
