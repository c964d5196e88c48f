/**
 * Keeping learner-typed data inert in MongoDB.
 *
 * - Ids that reach a filter must be strings: a learner id that arrives as
 *   `{"$gt": ""}` (a parsed JSON body, say) must match nothing rather than
 *   every learner. Mongoose's `sanitizeFilter` is on for the connection as
 *   well; this check fails earlier and says which argument was wrong.
 * - Free-form objects (`pending`, a mastery map keyed by concept id, an FSRS
 *   card) may have keys MongoDB would read as operators (`$where`) or paths
 *   (`a.b`). Their keys are percent-escaped on the way in and restored on the
 *   way out, so any key round-trips and none is ever interpreted.
 */
import { PathwiseError } from '../../core/errors.ts';

export const STORE_INVALID = 'STORE_INVALID';

/** Returns `value` when it is a string; throws STORE_INVALID naming `what` otherwise. */
export function str(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new PathwiseError(STORE_INVALID, `${what} must be a string, got ${value === null ? 'null' : typeof value}`);
  return value;
}

/** `%` first, so escaping is reversible; then the characters MongoDB treats specially in field names. */
export function escapeKey(key: string): string {
  return key.replace(/%/g, '%25').replace(/\$/g, '%24').replace(/\./g, '%2E').replace(/\0/g, '%00');
}

export function unescapeKey(key: string): string {
  return key.replace(/%(25|24|2E|00)/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function mapKeys(value: unknown, f: (k: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapKeys(v, f));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[f(k)] = mapKeys(v, f);
  return out;
}

/** Escapes every key at every depth of plain objects and arrays; other values are returned as they are. */
export function escapeKeys<T>(value: T): T {
  return mapKeys(value, escapeKey) as T;
}

export function unescapeKeys<T>(value: T): T {
  return mapKeys(value, unescapeKey) as T;
}

/** Escapes the keys of one level only (a map whose values have a schema of their own). */
export function escapeTopKeys<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [escapeKey(k), v]));
}

export function unescapeTopKeys<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [unescapeKey(k), v]));
}
