/**
 * The embedded {@link CohortStore}: `cohorts.db` and `memberships.db` in the
 * data directory, stored like the learner store (a JSON string next to the
 * few queried fields, so typed values never reach nedb as operators), with
 * unique indexes for one cohort per channel and one membership per cohort
 * and learner.
 */
import { PathwiseError } from '../../core/errors.ts';
import { COHORT_EXISTS, type CohortRecord, type CohortStore, type MembershipRecord } from '../../core/ports/cohort-store.port.ts';
import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir.ts';
import { allLoaded, isUniqueViolation, openCollection, str, type Collection } from './nedb-files.ts';

const decode = <T>(doc: Record<string, unknown> | null | undefined): T | null => (doc ? (JSON.parse(doc.json as string) as T) : null);

export class NedbCohortStore implements CohortStore {
  private constructor(
    private readonly cohorts: Collection,
    private readonly members: Collection,
    private readonly unlock: () => void,
  ) {}

  /** Opens the files under `dir`, sharing (or taking) the directory's lock (data-dir.ts). */
  static async open(dir: string): Promise<NedbCohortStore> {
    mkdirSync(dir, { recursive: true });
    const unlock = lockDataDir(dir);
    try {
      const [cohorts, members] = await allLoaded([
        openCollection(dir, 'cohorts', [{ fieldName: 'cohortId', unique: true }, { fieldName: 'channelKey', unique: true }]),
        openCollection(dir, 'memberships', [{ fieldName: ['cohortId', 'learnerId'], unique: true }, { fieldName: 'learnerId' }, { fieldName: 'cohortId' }]),
      ]);
      return new NedbCohortStore(cohorts, members, unlock);
    } catch (err) {
      unlock();
      throw err;
    }
  }

  private cohortDoc(c: CohortRecord) {
    return { cohortId: str(c.cohortId, 'cohortId'), channelKey: str(c.channelKey, 'channelKey'), json: JSON.stringify(c) };
  }

  async createCohort(cohort: CohortRecord): Promise<void> {
    try {
      await this.cohorts.insertAsync(this.cohortDoc(cohort));
    } catch (err) {
      if (isUniqueViolation(err)) throw new PathwiseError(COHORT_EXISTS, 'this channel already has a cohort', { cause: err });
      throw err;
    }
  }

  async getCohort(cohortId: string): Promise<CohortRecord | null> {
    return decode<CohortRecord>(await this.cohorts.findOneAsync({ cohortId: str(cohortId, 'cohortId') }));
  }

  async cohortByChannel(channelKey: string): Promise<CohortRecord | null> {
    return decode<CohortRecord>(await this.cohorts.findOneAsync({ channelKey: str(channelKey, 'channelKey') }));
  }

  async listCohortIds(after: string | null, limit: number): Promise<string[]> {
    const query = after === null ? {} : { cohortId: { $gt: str(after, 'after') } };
    const docs = await this.cohorts.findAsync(query, { cohortId: 1 }).sort({ cohortId: 1 }).limit(limit);
    return docs.map((d) => d.cohortId as string);
  }

  async putCohort(cohort: CohortRecord): Promise<void> {
    const doc = this.cohortDoc(cohort);
    await this.cohorts.updateAsync({ cohortId: doc.cohortId }, doc, { upsert: true });
  }

  async deleteCohort(cohortId: string): Promise<void> {
    const q = { cohortId: str(cohortId, 'cohortId') };
    await this.members.removeAsync(q, { multi: true });
    await this.cohorts.removeAsync(q, {});
  }

  async putMembership(m: MembershipRecord): Promise<void> {
    const q = { cohortId: str(m.cohortId, 'cohortId'), learnerId: str(m.learnerId, 'learnerId') };
    await this.members.updateAsync(q, { ...q, json: JSON.stringify(m) }, { upsert: true });
  }

  async getMembership(cohortId: string, learnerId: string): Promise<MembershipRecord | null> {
    return decode<MembershipRecord>(await this.members.findOneAsync({ cohortId: str(cohortId, 'cohortId'), learnerId: str(learnerId, 'learnerId') }));
  }

  async removeMembership(cohortId: string, learnerId: string): Promise<boolean> {
    return (await this.members.removeAsync({ cohortId: str(cohortId, 'cohortId'), learnerId: str(learnerId, 'learnerId') }, {})) > 0;
  }

  async listMembers(cohortId: string, after: string | null, limit: number): Promise<MembershipRecord[]> {
    const q = after === null ? { cohortId: str(cohortId, 'cohortId') } : { cohortId: str(cohortId, 'cohortId'), learnerId: { $gt: str(after, 'after') } };
    const docs = await this.members.findAsync(q).sort({ learnerId: 1 }).limit(limit);
    return docs.map((d) => decode<MembershipRecord>(d)!);
  }

  async membershipsOf(learnerId: string): Promise<MembershipRecord[]> {
    const docs = await this.members.findAsync({ learnerId: str(learnerId, 'learnerId') }).sort({ cohortId: 1 });
    return docs.map((d) => decode<MembershipRecord>(d)!);
  }

  async forgetLearner(learnerId: string): Promise<number> {
    const id = str(learnerId, 'learnerId');
    let n = await this.members.removeAsync({ learnerId: id }, { multi: true });
    // Lead grants live inside cohort records; nedb cannot query inside the JSON string, so scan (cohorts are few).
    for (const doc of await this.cohorts.findAsync({})) {
      const c = decode<CohortRecord>(doc)!;
      if (!c.leads.includes(id)) continue;
      await this.putCohort({ ...c, leads: c.leads.filter((l) => l !== id) });
      n++;
    }
    await Promise.all([this.cohorts, this.members].map((c) => c.compactDatafileAsync()));
    return n;
  }

  async close(): Promise<void> {
    try {
      await Promise.all([this.cohorts, this.members].map((c) => c.compactDatafileAsync()));
    } finally {
      this.unlock();
    }
  }
}
