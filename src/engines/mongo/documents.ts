/**
 * Records ↔ MongoDB documents. Pure, so the round trip is tested without a
 * server: record → document → mongoose validation → document → record must
 * give back the record unchanged.
 */
import type { AttemptRecord, DeliveryRecord, LearnerRecord, ReviewCardRecord } from '../../core/ports/learner-store.port.ts';
import { PathwiseError } from '../../core/errors.ts';
import { escapeKeys, escapeTopKeys, STORE_INVALID, str, unescapeKeys, unescapeTopKeys } from './safe-values.ts';

/** Fields MongoDB and Mongoose add that are not part of a record. */
const META = new Set(['_id', '__v', 'insertedAt', 'modifiedAt']);

function withoutMeta(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!META.has(k) && v !== undefined) out[k] = v;
  return out;
}

/** Drops `undefined` members, which MongoDB would store as nothing (or null) and read back differently. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function learnerToDoc(r: LearnerRecord): Record<string, unknown> {
  str(r.learnerId, 'learnerId');
  return defined({
    ...r,
    mastery: escapeTopKeys(r.mastery ?? {}),
    pending: r.pending === null || r.pending === undefined ? null : escapeKeys(r.pending),
  });
}

export function learnerFromDoc(doc: Record<string, unknown>): LearnerRecord {
  const d = withoutMeta(doc) as unknown as LearnerRecord;
  return {
    ...d,
    mastery: unescapeTopKeys(d.mastery ?? {}),
    pending: d.pending === null || d.pending === undefined ? null : unescapeKeys(d.pending),
  };
}

export function attemptToDoc(a: AttemptRecord): Record<string, unknown> {
  // `at` as given (returned unchanged) and as a Date, so time queries and order do not depend on how the string was written.
  const atTime = new Date(str(a.at, 'at'));
  if (Number.isNaN(atTime.getTime())) throw new PathwiseError(STORE_INVALID, 'attempt time must be an ISO date-time');
  return { learnerId: str(a.learnerId, 'learnerId'), itemId: str(a.itemId, 'itemId'), conceptId: a.conceptId, correct: a.correct, at: a.at, atTime };
}

export function attemptFromDoc(doc: Record<string, unknown>): AttemptRecord {
  const { atTime: _atTime, ...rest } = withoutMeta(doc);
  return rest as unknown as AttemptRecord;
}

export function cardToDoc(c: ReviewCardRecord): Record<string, unknown> {
  const dueAt = new Date(str(c.due, 'due'));
  return { learnerId: str(c.learnerId, 'learnerId'), itemId: str(c.itemId, 'itemId'), conceptId: c.conceptId, due: c.due, dueAt, card: escapeKeys(c.card) };
}

export function cardFromDoc(doc: Record<string, unknown>): ReviewCardRecord {
  const { dueAt: _dueAt, ...rest } = withoutMeta(doc);
  const c = rest as unknown as ReviewCardRecord;
  return { ...c, card: unescapeKeys(c.card) };
}

export function deliveryToDoc(d: DeliveryRecord): Record<string, unknown> {
  return defined({ key: str(d.key, 'key'), learnerId: str(d.learnerId, 'learnerId'), state: d.state, at: d.at, messageId: d.messageId, leaseUntil: d.leaseUntil });
}

export function deliveryFromDoc(doc: Record<string, unknown>): DeliveryRecord {
  return withoutMeta(doc) as unknown as DeliveryRecord;
}
