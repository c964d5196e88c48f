/**
 * The CohortStore port's contract suite against MongoDB, when MONGODB_URL is
 * set; skipped otherwise (the notice comes from mongo.store.test.ts).
 */
import { describe } from 'vitest';
import { MongoCohortStore } from '../../../src/engines/mongo/mongo.cohort-store.ts';
import { cohortStoreContract } from '../../contracts/cohort-store.contract.ts';
import { dropDatabase, mongoUrl, uniqueDatabaseUrl } from '../../support/mongo.ts';

describe.skipIf(!mongoUrl)('MongoDB cohort store', { timeout: 30_000 }, () => {
  cohortStoreContract('MongoDB', async () => {
    const url = uniqueDatabaseUrl(mongoUrl!);
    const stores: MongoCohortStore[] = [await MongoCohortStore.open(url, { serverSelectionTimeoutMS: 5000 })];
    return {
      store: stores[0]!,
      reopen: async () => {
        const s = await MongoCohortStore.open(url, { serverSelectionTimeoutMS: 5000 });
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
