/**
 * The production {@link CohortStore}: cohorts and memberships in MongoDB,
 * with the same safeguards as the learner store (its own connection with
 * `sanitizeFilter`, string-checked ids, schema validation before writes).
 * Unique indexes hold one cohort per channel and one membership per cohort
 * and learner.
 */
import mongoose, { type Connection, type Model } from 'mongoose';
import { PathwiseError } from '../../core/errors.ts';
import { COHORT_EXISTS, type CohortRecord, type CohortStore, type MembershipRecord } from '../../core/ports/cohort-store.port.ts';
import { STORE_INVALID, str } from './safe-values.ts';
import { defineCohortModels, type CohortModels } from './schemas.ts';

type Doc = Record<string, unknown>;
const META = new Set(['_id', '__v', 'insertedAt', 'modifiedAt']);

function plain<T>(doc: Doc): T {
  return Object.fromEntries(Object.entries(doc).filter(([k, v]) => !META.has(k) && v !== undefined)) as T;
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

function validate(model: Model<unknown>, doc: Doc, what: string): void {
  const err = new model(doc).validateSync();
  if (err) {
    throw new PathwiseError(STORE_INVALID, `${what} is invalid: ${Object.entries(err.errors).map(([p, e]) => `${p}: ${e.message}`).join('; ')}`, { cause: err });
  }
}

export class MongoCohortStore implements CohortStore {
  private constructor(
    private readonly conn: Connection,
    private readonly m: CohortModels,
  ) {}

  static async open(url: string, opts: { serverSelectionTimeoutMS?: number } = {}): Promise<MongoCohortStore> {
    const conn = mongoose.createConnection(url, { serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 10_000, autoIndex: false, autoCreate: false, bufferCommands: false });
    conn.set('sanitizeFilter', true);
    const models = defineCohortModels(conn);
    try {
      await conn.asPromise();
      for (const model of Object.values(models)) await model.createIndexes();
    } catch (err) {
      await conn.close().catch(() => undefined);
      throw err;
    }
    return new MongoCohortStore(conn, models);
  }

  async createCohort(cohort: CohortRecord): Promise<void> {
    const doc = { ...cohort, cohortId: str(cohort.cohortId, 'cohortId'), channelKey: str(cohort.channelKey, 'channelKey') };
    validate(this.m.Cohort, doc, `cohort ${cohort.cohortId}`);
    try {
      await this.m.Cohort.create(doc);
    } catch (err) {
      if (isDuplicateKey(err)) throw new PathwiseError(COHORT_EXISTS, 'this channel already has a cohort', { cause: err });
      throw err;
    }
  }

  async getCohort(cohortId: string): Promise<CohortRecord | null> {
    const doc = await this.m.Cohort.findOne({ cohortId: str(cohortId, 'cohortId') }).lean<Doc>();
    return doc ? plain<CohortRecord>(doc) : null;
  }

  async cohortByChannel(channelKey: string): Promise<CohortRecord | null> {
    const doc = await this.m.Cohort.findOne({ channelKey: str(channelKey, 'channelKey') }).lean<Doc>();
    return doc ? plain<CohortRecord>(doc) : null;
  }

  async listCohortIds(after: string | null, limit: number): Promise<string[]> {
    const filter = after === null ? {} : { cohortId: { $gt: str(after, 'after') } };
    const docs = await this.m.Cohort.find(filter, { cohortId: 1 }).sort({ cohortId: 1 }).limit(limit).lean<Doc[]>();
    return docs.map((d) => d.cohortId as string);
  }

  async putCohort(cohort: CohortRecord): Promise<void> {
    const doc = { ...cohort, cohortId: str(cohort.cohortId, 'cohortId'), channelKey: str(cohort.channelKey, 'channelKey') };
    validate(this.m.Cohort, doc, `cohort ${cohort.cohortId}`);
    await this.m.Cohort.replaceOne({ cohortId: doc.cohortId }, doc, { upsert: true });
  }

  async deleteCohort(cohortId: string): Promise<void> {
    const id = str(cohortId, 'cohortId');
    await this.m.Membership.deleteMany({ cohortId: id });
    await this.m.Cohort.deleteOne({ cohortId: id });
  }

  async putMembership(m: MembershipRecord): Promise<void> {
    const doc = { ...m, cohortId: str(m.cohortId, 'cohortId'), learnerId: str(m.learnerId, 'learnerId') };
    validate(this.m.Membership, doc, 'membership');
    const filter = { cohortId: doc.cohortId, learnerId: doc.learnerId };
    try {
      await this.m.Membership.replaceOne(filter, doc, { upsert: true });
    } catch (err) {
      // Two first joins at once: the loser's retry finds the document and replaces it.
      if (!isDuplicateKey(err)) throw err;
      await this.m.Membership.replaceOne(filter, doc, { upsert: true });
    }
  }

  async getMembership(cohortId: string, learnerId: string): Promise<MembershipRecord | null> {
    const doc = await this.m.Membership.findOne({ cohortId: str(cohortId, 'cohortId'), learnerId: str(learnerId, 'learnerId') }).lean<Doc>();
    return doc ? plain<MembershipRecord>(doc) : null;
  }

  async removeMembership(cohortId: string, learnerId: string): Promise<boolean> {
    const res = await this.m.Membership.deleteOne({ cohortId: str(cohortId, 'cohortId'), learnerId: str(learnerId, 'learnerId') });
    return res.deletedCount > 0;
  }

  async listMembers(cohortId: string, after: string | null, limit: number): Promise<MembershipRecord[]> {
    const filter: Doc = { cohortId: str(cohortId, 'cohortId') };
    if (after !== null) filter.learnerId = mongoose.trusted({ $gt: str(after, 'after') });
    const docs = await this.m.Membership.find(filter).sort({ learnerId: 1 }).limit(limit).lean<Doc[]>();
    return docs.map((d) => plain<MembershipRecord>(d));
  }

  async membershipsOf(learnerId: string): Promise<MembershipRecord[]> {
    const docs = await this.m.Membership.find({ learnerId: str(learnerId, 'learnerId') }).sort({ cohortId: 1 }).lean<Doc[]>();
    return docs.map((d) => plain<MembershipRecord>(d));
  }

  async forgetLearner(learnerId: string): Promise<number> {
    const id = str(learnerId, 'learnerId');
    const removed = await this.m.Membership.deleteMany({ learnerId: id });
    const ungranted = await this.m.Cohort.updateMany({ leads: id }, { $pull: { leads: id } });
    return removed.deletedCount + ungranted.modifiedCount;
  }

  async close(): Promise<void> {
    await this.conn.close();
  }
}
