/**
 * The production {@link LearnerStore}: MongoDB through mongoose, on a
 * connection of its own (`mongoose.createConnection`, never the global
 * singleton), with `sanitizeFilter` on so nothing a learner typed becomes a
 * query operator. The few operators the store itself uses are marked
 * `trusted` where they are built (filters.ts).
 *
 * putLearner is a compare-and-set on `version` (one atomic updateOne), so of
 * two writers holding the same version exactly one wins and the other gets
 * STORE_CONFLICT, as the port requires.
 */
import mongoose, { type Connection, type Model } from 'mongoose';
import { PathwiseError } from '../../core/errors.ts';
import type { AttemptRecord, DeliveryRecord, LearnerRecord, LearnerStore, ResourceOutcomeRecord, ReviewCardRecord } from '../../core/ports/learner-store.port.ts';
import {
  attemptFromDoc,
  attemptToDoc,
  cardFromDoc,
  cardToDoc,
  deliveryFromDoc,
  deliveryToDoc,
  learnerFromDoc,
  learnerToDoc,
} from './documents.ts';
import { attemptsSinceFilter, byKey, byLearner, byLearnerAndItem, dueBy, idsAfter, versionIs } from './filters.ts';
import { STORE_INVALID, str } from './safe-values.ts';
import { defineModels, learnerSchema, type StoreModels } from './schemas.ts';

export const STORE_CONFLICT = 'STORE_CONFLICT';

type Doc = Record<string, unknown>;

export interface MongoStoreOptions {
  /** How long to wait for a server before failing (ms). */
  serverSelectionTimeoutMS?: number;
  /** Build the indexes on open (default true; they are idempotent). */
  createIndexes?: boolean;
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Checks a document against its schema before writing; names every failing path. */
function validate(model: Model<unknown>, doc: Doc, what: string): void {
  const err = new model(doc).validateSync();
  if (err) {
    const paths = Object.entries(err.errors).map(([p, e]) => `${p}: ${e.message}`);
    throw new PathwiseError(STORE_INVALID, `${what} is invalid: ${paths.join('; ')}`, { cause: err });
  }
}

/** Top-level learner fields a replacement does not carry are removed, so a replace is a replace. */
const LEARNER_FIELDS = Object.keys(learnerSchema.paths).filter((p) => !p.includes('.') && !['_id', 'insertedAt', 'modifiedAt'].includes(p));

export class MongoLearnerStore implements LearnerStore {
  private constructor(
    private readonly conn: Connection,
    private readonly m: StoreModels,
  ) {}

  /** Connects, registers the models and (by default) builds their indexes. */
  static async open(url: string, opts: MongoStoreOptions = {}): Promise<MongoLearnerStore> {
    const conn = mongoose.createConnection(url, {
      serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 10_000,
      autoIndex: false,
      autoCreate: false,
      // Fail at once when the server is gone rather than queue writes in memory.
      bufferCommands: false,
    });
    conn.set('sanitizeFilter', true);
    const models = defineModels(conn);
    try {
      await conn.asPromise();
      if (opts.createIndexes !== false) {
        for (const model of Object.values(models)) await model.createIndexes();
      }
    } catch (err) {
      await conn.close().catch(() => undefined);
      throw err;
    }
    return new MongoLearnerStore(conn, models);
  }

  async getLearner(learnerId: string): Promise<LearnerRecord | null> {
    const doc = await this.m.Learner.findOne(byLearner(learnerId)).lean<Doc>();
    return doc ? learnerFromDoc(doc) : null;
  }

  async putLearner(record: LearnerRecord, expectedVersion: number | null): Promise<LearnerRecord> {
    const stored: LearnerRecord = { ...record, version: (expectedVersion ?? 0) + 1 };
    const doc = learnerToDoc(stored);
    validate(this.m.Learner, doc, `learner ${stored.learnerId}`);
    if (expectedVersion === null) {
      try {
        await this.m.Learner.create(doc);
      } catch (err) {
        if (isDuplicateKey(err)) throw new PathwiseError(STORE_CONFLICT, 'learner already exists', { cause: err });
        throw err;
      }
      return stored;
    }
    if (typeof expectedVersion !== 'number') throw new PathwiseError(STORE_INVALID, 'expectedVersion must be a number or null');
    const unset = Object.fromEntries(LEARNER_FIELDS.filter((f) => !(f in doc)).map((f) => [f, 1]));
    const res = await this.m.Learner.updateOne(versionIs(stored.learnerId, expectedVersion), {
      $set: doc,
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
    });
    if (res.matchedCount !== 1) throw new PathwiseError(STORE_CONFLICT, 'learner was changed or removed meanwhile');
    return stored;
  }

  async listLearnerIds(after: string | null, limit: number): Promise<string[]> {
    const docs = await this.m.Learner.find(idsAfter(after)).sort({ learnerId: 1 }).limit(limit).select({ learnerId: 1, _id: 0 }).lean<Doc[]>();
    return docs.map((d) => d.learnerId as string);
  }

  async appendAttempt(attempt: AttemptRecord): Promise<void> {
    const doc = attemptToDoc(attempt);
    validate(this.m.Attempt, doc, 'attempt');
    try {
      await this.m.Attempt.create(doc);
    } catch (err) {
      // The same answer (learner, item, time) appended again by a retried turn: already kept.
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async listAttempts(learnerId: string, limit?: number): Promise<AttemptRecord[]> {
    let q = this.m.Attempt.find(byLearner(learnerId)).sort({ atTime: -1, _id: -1 });
    if (limit !== undefined) q = q.limit(limit);
    const docs = await q.lean<Doc[]>();
    return docs.map(attemptFromDoc).reverse();
  }

  async attemptsSince(since: Date, learnerIds: readonly string[]): Promise<AttemptRecord[]> {
    if (learnerIds.length === 0) return [];
    const docs = await this.m.Attempt.find(attemptsSinceFilter(since, learnerIds)).lean<Doc[]>();
    return docs.map(attemptFromDoc);
  }

  async putCard(card: ReviewCardRecord): Promise<void> {
    const doc = cardToDoc(card);
    validate(this.m.Card, doc, 'review card');
    await this.upsert(this.m.Card, byLearnerAndItem(card.learnerId, card.itemId), doc);
  }

  async getCard(learnerId: string, itemId: string): Promise<ReviewCardRecord | null> {
    const doc = await this.m.Card.findOne(byLearnerAndItem(learnerId, itemId)).lean<Doc>();
    return doc ? cardFromDoc(doc) : null;
  }

  async dueCards(learnerId: string, now: Date, limit: number): Promise<ReviewCardRecord[]> {
    const docs = await this.m.Card.find(dueBy(learnerId, now)).sort({ dueAt: 1, itemId: 1 }).limit(limit).lean<Doc[]>();
    return docs.map(cardFromDoc);
  }

  async nextDue(learnerId: string): Promise<Date | null> {
    const doc = await this.m.Card.findOne(byLearner(learnerId)).sort({ dueAt: 1 }).select({ dueAt: 1 }).lean<Doc>();
    return doc ? new Date(doc.dueAt as Date) : null;
  }

  async getDelivery(key: string): Promise<DeliveryRecord | null> {
    const doc = await this.m.Delivery.findOne(byKey(key)).lean<Doc>();
    return doc ? deliveryFromDoc(doc) : null;
  }

  async claimDelivery(claim: DeliveryRecord): Promise<DeliveryRecord | null> {
    const doc = deliveryToDoc(claim);
    validate(this.m.Delivery, doc, `delivery ${claim.key}`);
    // An insert, not an upsert: the unique index on `key` lets exactly one of two racing workers in.
    try {
      await this.m.Delivery.create(doc);
      return null;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const held = await this.getDelivery(claim.key);
    // Gone between the insert and the read (expired, or forgotten): the next try claims it.
    return held ?? { ...claim, leaseUntil: new Date(Date.now() + 1000).toISOString() };
  }

  async takeOverDelivery(seen: DeliveryRecord, next: DeliveryRecord): Promise<boolean> {
    const doc = deliveryToDoc(next);
    validate(this.m.Delivery, doc, `delivery ${next.key}`);
    const filter = { ...byKey(seen.key), state: 'sending', at: str(seen.at, 'at'), ...(seen.leaseUntil ? { leaseUntil: str(seen.leaseUntil, 'leaseUntil') } : { leaseUntil: { $exists: false } }) };
    const res = await this.m.Delivery.updateOne(filter, { $set: doc });
    return res.matchedCount === 1;
  }

  async putDelivery(delivery: DeliveryRecord): Promise<void> {
    const doc = deliveryToDoc(delivery);
    validate(this.m.Delivery, doc, `delivery ${delivery.key}`);
    const unset = { ...(doc.messageId === undefined ? { messageId: 1 as const } : {}), ...(doc.leaseUntil === undefined ? { leaseUntil: 1 as const } : {}) };
    await this.upsert(this.m.Delivery, byKey(delivery.key), doc, Object.keys(unset).length > 0 ? unset : undefined);
  }

  async deleteDelivery(key: string): Promise<void> {
    await this.m.Delivery.deleteOne(byKey(key));
  }

  async addResourceOutcome(delta: ResourceOutcomeRecord): Promise<void> {
    const key = { workspace: str(delta.workspace, 'workspace'), conceptId: str(delta.conceptId, 'conceptId'), resourceId: str(delta.resourceId, 'resourceId') };
    const inc = { uses: delta.uses, n: delta.n, gain: delta.gain };
    if (!Object.values(inc).every((v) => typeof v === 'number' && Number.isFinite(v))) throw new PathwiseError(STORE_INVALID, 'an outcome count must be a finite number');
    validate(this.m.Outcome, { ...key, uses: 0, n: 0, gain: 0 }, 'resource outcome');
    // One atomic $inc; a new key is created by the upsert (a racing insert's duplicate-key error retries as an update).
    const update = { $inc: inc };
    try {
      await this.m.Outcome.updateOne(key, update, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await this.m.Outcome.updateOne(key, update, { upsert: true });
    }
  }

  async resourceOutcomes(workspace: string): Promise<ResourceOutcomeRecord[]> {
    const docs = await this.m.Outcome.find({ workspace: str(workspace, 'workspace') }).lean<Doc[]>();
    return docs.map((d) => ({ workspace: d.workspace as string, conceptId: d.conceptId as string, resourceId: d.resourceId as string, uses: d.uses as number, n: d.n as number, gain: d.gain as number }));
  }

  async forgetLearner(learnerId: string): Promise<number> {
    const filter = byLearner(learnerId);
    // The learner record (a forget-me tombstone) last, so a failure part-way leaves it to finish from.
    const models = [this.m.Attempt, this.m.Card, this.m.Delivery, this.m.Learner];
    const deleteAll = async (session?: mongoose.ClientSession) => {
      let n = 0;
      for (const model of models) n += (await model.deleteMany(filter, session ? { session } : {})).deletedCount;
      return n;
    };
    try {
      // One transaction (docker-compose runs MongoDB as a single-node replica set): all of it or none.
      return await this.conn.transaction((session) => deleteAll(session));
    } catch (err) {
      // A standalone server has no transactions (code 20, IllegalOperation); delete in order instead.
      if ((err as { code?: number }).code !== 20) throw err;
      return deleteAll();
    }
  }

  async close(): Promise<void> {
    await this.conn.close();
  }

  /**
   * Inserts or replaces by a unique filter. Two concurrent upserts of a new
   * key can race to insert; the loser sees a duplicate-key error and its
   * retry then finds the document and updates it.
   */
  private async upsert(model: Model<unknown>, filter: Doc, doc: Doc, unset?: Record<string, 1>): Promise<void> {
    const update = { $set: doc, ...(unset ? { $unset: unset } : {}) };
    try {
      await model.updateOne(filter, update, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await model.updateOne(filter, update, { upsert: true });
    }
  }
}
