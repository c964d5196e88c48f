/**
 * The LearnerStore port's contract suite against MongoDB, when MONGODB_URL
 * is set (docker compose up -d mongo); skipped otherwise (the notice comes
 * from mongo.store.test.ts). Each case gets a database of its own, dropped
 * afterwards.
 */
import { describe } from 'vitest';
import { MongoLearnerStore } from '../../../src/engines/mongo/mongo.learner-store.ts';
import { learnerStoreContract } from '../../contracts/learner-store.contract.ts';
import { dropDatabase, mongoUrl, uniqueDatabaseUrl } from '../../support/mongo.ts';

describe.skipIf(!mongoUrl)('MongoDB learner store', { timeout: 30_000 }, () => {
  learnerStoreContract('MongoDB', async () => {
    const url = uniqueDatabaseUrl(mongoUrl!);
    const stores: MongoLearnerStore[] = [await MongoLearnerStore.open(url, { serverSelectionTimeoutMS: 5000 })];
    return {
      store: stores[0]!,
      reopen: async () => {
        const s = await MongoLearnerStore.open(url, { serverSelectionTimeoutMS: 5000 });
        stores.push(s);
        return s;
      },
      cleanup: async () => {
        for (const s of stores) await s.close().catch(() => undefined);
        await dropDatabase(url);
      },
    };
  });
});
