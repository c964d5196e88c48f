/**
 * Every filter the MongoDB store sends, built in one place from values
 * checked to be strings (or Dates/numbers the store made itself). The
 * connection runs with `sanitizeFilter`, which would turn a `$gt` coming from
 * outside into a literal `$eq` match; the store's own operators are wrapped
 * in `mongoose.trusted` so they stay operators.
 */
import mongoose from 'mongoose';
import { PathwiseError } from '../../core/errors.ts';
import { STORE_INVALID, str } from './safe-values.ts';

export type Filter = Record<string, unknown>;

export function byLearner(learnerId: unknown): Filter {
  return { learnerId: str(learnerId, 'learnerId') };
}

export function byKey(key: unknown): Filter {
  return { key: str(key, 'key') };
}

export function byLearnerAndItem(learnerId: unknown, itemId: unknown): Filter {
  return { learnerId: str(learnerId, 'learnerId'), itemId: str(itemId, 'itemId') };
}

export function versionIs(learnerId: unknown, version: number): Filter {
  if (!Number.isInteger(version)) throw new PathwiseError(STORE_INVALID, 'version must be an integer');
  return { learnerId: str(learnerId, 'learnerId'), version };
}

export function idsAfter(after: unknown): Filter {
  return after === null ? {} : { learnerId: mongoose.trusted({ $gt: str(after, 'after') }) };
}

export function dueBy(learnerId: unknown, now: Date): Filter {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new PathwiseError(STORE_INVALID, 'now must be a valid Date');
  return { learnerId: str(learnerId, 'learnerId'), dueAt: mongoose.trusted({ $lte: now }) };
}

/** Attempts of any of `learnerIds` at or after `since`: `$in` over string-checked ids, served by the (learnerId, atTime) index. */
export function attemptsSinceFilter(since: Date, learnerIds: readonly unknown[]): Filter {
  if (!(since instanceof Date) || Number.isNaN(since.getTime())) throw new PathwiseError(STORE_INVALID, 'since must be a valid Date');
  const ids = learnerIds.map((id) => str(id, 'learnerId'));
  return { learnerId: mongoose.trusted({ $in: ids }), atTime: mongoose.trusted({ $gte: since }) };
}
