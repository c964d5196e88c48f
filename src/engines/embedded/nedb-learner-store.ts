/**
 * The embedded {@link LearnerStore}: nedb files in the data directory
 * (learners.db, attempts.db, cards.db, deliveries.db, and outcomes.db for
 * the resource bandit's per-workspace counts), for the terminal chat
 * and single-process deployments. One process per data directory.
 *
 * Every record is kept as a JSON string next to the few fields that are
 * queried (ids, version, due date). So keys and values a learner typed are
 * never interpreted by nedb (no `$` operators, no dotted keys), and unique
 * indexes enforce one learner per id, one card per learner and item, and one
 * delivery per key.
 */
import { PathwiseError } from '../../core/errors.ts';
import type {
  AttemptRecord,
  DeliveryRecord,
  LearnerRecord,
  LearnerStore,
  ResourceOutcomeRecord,
  ReviewCardRecord,
} from '../../core/ports/learner-store.port.ts';
import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir.ts';
import { allLoaded, isUniqueViolation, openCollection, str, type Collection } from './nedb-files.ts';

export const STORE_CONFLICT = 'STORE_CONFLICT';

/** Delivery records guard against re-sends for this long, then go (the same as MongoDB's TTL). */
export const DELIVERY_TTL_DAYS = 45;

/** A count to add: a finite number, else the write is refused. */
function finite(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new PathwiseError('STORE_INVALID', 'an outcome count must be a finite number');
  return v;
}

const decode = <T>(doc: Record<string, unknown> | null): T | null => (doc ? (JSON.parse(doc.json as string) as T) : null);

export class NedbLearnerStore implements LearnerStore {
  private constructor(
    private readonly learners: Collection,
    private readonly attempts: Collection,
    private readonly cards: Collection,
    private readonly deliveries: Collection,
    private readonly outcomes: Collection,
    /** Insertion counter: attempts with the same timestamp keep the order they were made in. */
    private seq: number,
    private readonly unlock: () => void,
  ) {}

  /**
   * Opens (or creates) the store's files under `dir`, taking the directory's
   * lock (one process per directory, data-dir.ts), and drops delivery
   * records older than {@link DELIVERY_TTL_DAYS} (as MongoDB's TTL index does),
   * so deliveries.db stops growing by a line per learner per day for ever.
   */
  static async open(dir: string, opts: { now?: Date } = {}): Promise<NedbLearnerStore> {
    mkdirSync(dir, { recursive: true });
    const unlock = lockDataDir(dir);
    try {
      return await NedbLearnerStore.load(dir, opts.now ?? new Date(), unlock);
    } catch (err) {
      unlock();
      throw err;
    }
  }

  private static async load(dir: string, now: Date, unlock: () => void): Promise<NedbLearnerStore> {
    const [learners, attempts, cards, deliveries, outcomes] = await allLoaded([
      openCollection(dir, 'learners', [{ fieldName: 'learnerId', unique: true }]),
      // `key` (learner, item, time) keeps one answer one attempt; sparse, as files written before it have none.
      openCollection(dir, 'attempts', [{ fieldName: 'learnerId' }, { fieldName: 'at' }, { fieldName: 'key', unique: true, sparse: true }]),
      openCollection(dir, 'cards', [{ fieldName: ['learnerId', 'itemId'], unique: true }, { fieldName: 'learnerId' }]),
      openCollection(dir, 'deliveries', [{ fieldName: 'key', unique: true }, { fieldName: 'learnerId' }]),
      openCollection(dir, 'outcomes', [{ fieldName: ['workspace', 'conceptId', 'resourceId'], unique: true }, { fieldName: 'workspace' }]),
    ]);
    const [last] = await attempts.findAsync({}).sort({ seq: -1 }).limit(1);
    const cutoff = new Date(now.getTime() - DELIVERY_TTL_DAYS * 86_400_000).toISOString();
    if ((await deliveries.removeAsync({ at: { $lt: cutoff } }, { multi: true })) > 0) await deliveries.compactDatafileAsync();
    return new NedbLearnerStore(learners, attempts, cards, deliveries, outcomes, typeof last?.seq === 'number' ? last.seq : 0, unlock);
  }

  async getLearner(learnerId: string): Promise<LearnerRecord | null> {
    return decode<LearnerRecord>(await this.learners.findOneAsync({ learnerId: str(learnerId, 'learnerId') }));
  }

  async putLearner(record: LearnerRecord, expectedVersion: number | null): Promise<LearnerRecord> {
    const learnerId = str(record.learnerId, 'learnerId');
    const stored: LearnerRecord = { ...record, version: (expectedVersion ?? 0) + 1 };
    const doc = { learnerId, version: stored.version, json: JSON.stringify(stored) };
    if (expectedVersion === null) {
      try {
        await this.learners.insertAsync(doc);
      } catch (err) {
        if (isUniqueViolation(err)) throw new PathwiseError(STORE_CONFLICT, 'learner already exists', { cause: err });
        throw err;
      }
      return stored;
    }
    if (typeof expectedVersion !== 'number') throw new TypeError('expectedVersion must be a number or null');
    // Compare-and-set: nedb runs one operation at a time, so the version check and the write are atomic.
    const { numAffected } = await this.learners.updateAsync({ learnerId, version: expectedVersion }, { $set: { version: doc.version, json: doc.json } }, {});
    if (numAffected !== 1) throw new PathwiseError(STORE_CONFLICT, 'learner was changed or removed meanwhile');
    return stored;
  }

  async listLearnerIds(after: string | null, limit: number): Promise<string[]> {
    const query = after === null ? {} : { learnerId: { $gt: str(after, 'after') } };
    const docs = await this.learners.findAsync(query, { learnerId: 1 }).sort({ learnerId: 1 }).limit(limit);
    return docs.map((d) => d.learnerId as string);
  }

  async appendAttempt(attempt: AttemptRecord): Promise<void> {
    const learnerId = str(attempt.learnerId, 'learnerId');
    const at = str(attempt.at, 'at');
    const doc = { learnerId, at, key: `${learnerId}\u0000${str(attempt.itemId, 'itemId')}\u0000${at}`, seq: ++this.seq, json: JSON.stringify(attempt) };
    try {
      await this.attempts.insertAsync(doc);
    } catch (err) {
      // The same answer appended again by a retried turn: already kept.
      if (!isUniqueViolation(err)) throw err;
    }
  }

  async listAttempts(learnerId: string, limit?: number): Promise<AttemptRecord[]> {
    // The most recent `limit`, returned oldest first.
    let cursor = this.attempts.findAsync({ learnerId: str(learnerId, 'learnerId') }).sort({ at: -1, seq: -1 });
    if (limit !== undefined) cursor = cursor.limit(limit);
    return (await cursor).map((d) => decode<AttemptRecord>(d)!).reverse();
  }

  async attemptsSince(since: Date, learnerIds: readonly string[]): Promise<AttemptRecord[]> {
    const from = since.toISOString();
    const ids = learnerIds.map((id) => str(id, 'learnerId'));
    // Few learners: their own attempts via the learnerId index. Many: the week's attempts via the `at` index, kept when theirs.
    if (ids.length <= 20) {
      const docs = await this.attempts.findAsync({ learnerId: { $in: ids }, at: { $gte: from } });
      return docs.map((d) => decode<AttemptRecord>(d)!);
    }
    const wanted = new Set(ids);
    const docs = await this.attempts.findAsync({ at: { $gte: from } });
    return docs.filter((d) => wanted.has(d.learnerId as string)).map((d) => decode<AttemptRecord>(d)!);
  }

  async putCard(card: ReviewCardRecord): Promise<void> {
    const learnerId = str(card.learnerId, 'learnerId');
    const itemId = str(card.itemId, 'itemId');
    const due = new Date(str(card.due, 'due')).toISOString();
    await this.cards.updateAsync({ learnerId, itemId }, { learnerId, itemId, due, json: JSON.stringify(card) }, { upsert: true });
  }

  async getCard(learnerId: string, itemId: string): Promise<ReviewCardRecord | null> {
    return decode<ReviewCardRecord>(await this.cards.findOneAsync({ learnerId: str(learnerId, 'learnerId'), itemId: str(itemId, 'itemId') }));
  }

  async dueCards(learnerId: string, now: Date, limit: number): Promise<ReviewCardRecord[]> {
    const docs = await this.cards
      .findAsync({ learnerId: str(learnerId, 'learnerId'), due: { $lte: now.toISOString() } })
      .sort({ due: 1, itemId: 1 })
      .limit(limit);
    return docs.map((d) => decode<ReviewCardRecord>(d)!);
  }

  async nextDue(learnerId: string): Promise<Date | null> {
    const [first] = await this.cards.findAsync({ learnerId: str(learnerId, 'learnerId') }).sort({ due: 1 }).limit(1);
    return first ? new Date(first.due as string) : null;
  }

  async getDelivery(key: string): Promise<DeliveryRecord | null> {
    return decode<DeliveryRecord>(await this.deliveries.findOneAsync({ key: str(key, 'key') }));
  }

  private deliveryDoc(d: DeliveryRecord) {
    // State, claim time and lease sit beside the JSON so a take-over can match on them.
    return { key: str(d.key, 'key'), learnerId: str(d.learnerId, 'learnerId'), state: d.state, at: str(d.at, 'at'), leaseUntil: d.leaseUntil ?? null, json: JSON.stringify(d) };
  }

  async claimDelivery(claim: DeliveryRecord): Promise<DeliveryRecord | null> {
    // An insert that fails on the unique key: of two claims, exactly one gets in.
    try {
      await this.deliveries.insertAsync(this.deliveryDoc(claim));
      return null;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    return (await this.getDelivery(claim.key)) ?? { ...claim, leaseUntil: new Date(Date.now() + 1000).toISOString() };
  }

  async takeOverDelivery(seen: DeliveryRecord, next: DeliveryRecord): Promise<boolean> {
    // nedb runs one operation at a time, so the match and the replace are atomic.
    const q = { key: str(seen.key, 'key'), state: 'sending', at: str(seen.at, 'at'), leaseUntil: seen.leaseUntil ?? null };
    const { numAffected } = await this.deliveries.updateAsync(q, this.deliveryDoc(next), {});
    return numAffected === 1;
  }

  async putDelivery(delivery: DeliveryRecord): Promise<void> {
    const doc = this.deliveryDoc(delivery);
    await this.deliveries.updateAsync({ key: doc.key }, doc, { upsert: true });
  }

  async deleteDelivery(key: string): Promise<void> {
    await this.deliveries.removeAsync({ key: str(key, 'key') }, {});
  }

  async addResourceOutcome(delta: ResourceOutcomeRecord): Promise<void> {
    const key = { workspace: str(delta.workspace, 'workspace'), conceptId: str(delta.conceptId, 'conceptId'), resourceId: str(delta.resourceId, 'resourceId') };
    const inc = { uses: finite(delta.uses), n: finite(delta.n), gain: finite(delta.gain) };
    // nedb runs one operation at a time, so the increment is atomic; an upsert starts the counts at zero.
    await this.outcomes.updateAsync(key, { $inc: inc }, { upsert: true });
  }

  async resourceOutcomes(workspace: string): Promise<ResourceOutcomeRecord[]> {
    const docs = await this.outcomes.findAsync({ workspace: str(workspace, 'workspace') });
    return docs.map((d) => ({ workspace: d.workspace as string, conceptId: d.conceptId as string, resourceId: d.resourceId as string, uses: d.uses as number, n: d.n as number, gain: d.gain as number }));
  }

  async forgetLearner(learnerId: string): Promise<number> {
    const q = { learnerId: str(learnerId, 'learnerId') };
    let n = 0;
    // The learner record (a forget-me tombstone) last: a failure part-way leaves it, and the deletion is finished later.
    for (const c of [this.attempts, this.cards, this.deliveries, this.learners]) n += await c.removeAsync(q, { multi: true });
    // Rewrite the files so the deleted records are gone from disk too, not only from the index.
    await Promise.all([this.learners, this.attempts, this.cards, this.deliveries].map((c) => c.compactDatafileAsync()));
    return n;
  }

  async close(): Promise<void> {
    try {
      await Promise.all([this.learners, this.attempts, this.cards, this.deliveries, this.outcomes].map((c) => c.compactDatafileAsync()));
    } finally {
      this.unlock();
    }
  }
}
