/**
 * Opens nedb datastores in a data directory. Shared by the embedded store and
 * scheduler so both keep their files side by side in `config.dataDir`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Datastore from '@seald-io/nedb';

export type Collection = Datastore<Record<string, unknown>>;

export interface IndexSpec {
  fieldName: string | string[];
  unique?: boolean;
}

/** Loads (or creates) `<dir>/<name>.db` and makes sure its indexes exist (unique ones are enforced on load too). */
export async function openCollection(dir: string, name: string, indexes: IndexSpec[]): Promise<Collection> {
  mkdirSync(dir, { recursive: true });
  const db: Collection = new Datastore({ filename: join(dir, `${name}.db`) });
  await db.loadDatabaseAsync();
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
