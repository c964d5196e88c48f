/**
 * The MongoDB learner store against a real server. Runs only when
 * MONGODB_URL is set (docker compose up -d mongo); otherwise it is skipped
 * with a notice. Each test uses a database of its own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LearnerRecord } from '../../../src/core/ports/learner-store.port.ts';
import { MongoLearnerStore } from '../../../src/engines/mongo/mongo.learner-store.ts';
import { dropDatabase, MONGO_SKIP_NOTICE, mongoUrl, uniqueDatabaseUrl } from '../../support/mongo.ts';

if (!mongoUrl) console.warn(`\n⚠ ${MONGO_SKIP_NOTICE}\n`);

function learner(learnerId: string, over: Partial<LearnerRecord> = {}): LearnerRecord {
  const at = '2026-03-01T10:00:00.000Z';
  return {
    learnerId,
    conversation: { platform: 'slack', workspace: 'T1', channel: 'D1', user: learnerId },
    createdAt: at,
    updatedAt: at,
    version: 0,
    onboarding: 'done',
    goals: ['data-scientist'],
    settings: { timezone: 'Europe/Berlin', dailyHour: 9, minutesPerDay: 30, preferredFormats: ['video'], avoidedFormats: [], paused: false },
    mastery: { 'sql.joins': { p: 0.4, attempts: 2, correct: 1, wrongStreak: 1, updatedAt: at } },
    plan: null,
    pending: { $where: 'sleep(100)', offered: ['a.b'] },
    stats: { minutesSpent: 0, streakDays: 0, lastActiveDay: null },
    ...over,
  };
}

describe.skipIf(!mongoUrl)('MongoLearnerStore on MongoDB', { timeout: 30_000 }, () => {
  const open: { store: MongoLearnerStore; url: string }[] = [];
  async function make(): Promise<MongoLearnerStore> {
    const url = uniqueDatabaseUrl(mongoUrl!);
    const store = await MongoLearnerStore.open(url, { serverSelectionTimeoutMS: 5000 });
    open.push({ store, url });
    return store;
  }
  afterEach(async () => {
    for (const { store, url } of open.splice(0)) {
      await store.close();
      await dropDatabase(url);
    }
  });

  it('creates at version 1, replaces by version, and conflicts on a stale one', async () => {
    const s = await make();
    const v1 = await s.putLearner(learner('slack:T1:U1', { displayName: 'Ada' }), null);
    expect(await s.getLearner('slack:T1:U1')).toEqual(v1);
    const { displayName: _gone, ...withoutName } = v1;
    const v2 = await s.putLearner({ ...withoutName, goals: ['devops'] }, 1);
    expect(await s.getLearner('slack:T1:U1')).toEqual(v2);
    expect((await s.getLearner('slack:T1:U1'))?.displayName).toBeUndefined();
    await expect(s.putLearner(v1, 1)).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    await expect(s.putLearner(learner('slack:T1:U1'), null)).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
  });

  it('lets one of many concurrent creates and one of many same-version writers win', async () => {
    const s = await make();
    const creates = await Promise.allSettled(Array.from({ length: 8 }, () => s.putLearner(learner('slack:T1:U2'), null)));
    expect(creates.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const v1 = (await s.getLearner('slack:T1:U2'))!;
    const writes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => s.putLearner({ ...v1, goals: [`g${i}`] }, 1)));
    expect(writes.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('treats an operator-shaped id as a value and refuses a non-string one', async () => {
    const s = await make();
    await s.putLearner(learner('slack:T1:U3'), null);
    await expect(s.getLearner({ $gt: '' } as unknown as string)).rejects.toMatchObject({ code: 'STORE_INVALID' });
    expect(await s.getLearner('{"$gt": ""}')).toBeNull();
    expect(await s.listLearnerIds(null, 10)).toEqual(['slack:T1:U3']);
  });

  it('keeps one delivery per key under concurrent upserts', async () => {
    const s = await make();
    const at = '2026-03-01T08:00:00.000Z';
    await Promise.all(Array.from({ length: 10 }, () => s.putDelivery({ key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sending', at })));
    await s.putDelivery({ key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sent', at, messageId: 'm1' });
    expect(await s.getDelivery('daily:a:2026-03-01')).toEqual({ key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sent', at, messageId: 'm1' });
    expect(await s.forgetLearner('a')).toBe(1);
  });
});
