/**
 * The contract every {@link LearnerStore} passes: the embedded nedb store
 * always, MongoDB whenever it is reachable. Call it from a test file:
 *
 *   learnerStoreContract('nedb', async () => { ...; return { store, cleanup, reopen } });
 *
 * `make` must hand out an empty store each time; `reopen` (optional) opens a
 * new instance on the same data after the first one was closed, for the
 * persistence case.
 */
import { describe, expect, it, afterEach } from 'vitest';
import type { LearnerRecord, LearnerStore, ReviewCardRecord } from '../../src/core/ports/learner-store.port.ts';
import { deliverOnce } from '../../src/core/delivery/deliver-once.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';
import type { ConversationRef, Reply } from '../../src/core/chat/messages.ts';

export interface StoreUnderTest {
  store: LearnerStore;
  cleanup: () => Promise<void>;
  reopen?: () => Promise<LearnerStore>;
}

const to: ConversationRef = { platform: 'terminal', workspace: 'local', channel: 'c', user: 'u' };

export function learnerRecord(learnerId: string, over: Partial<LearnerRecord> = {}): LearnerRecord {
  const at = '2026-03-01T10:00:00.000Z';
  return {
    learnerId,
    conversation: { ...to, user: learnerId },
    createdAt: at,
    updatedAt: at,
    version: 0,
    onboarding: 'done',
    goals: ['data-scientist'],
    settings: { timezone: 'Europe/Berlin', dailyHour: 9, minutesPerDay: 30, preferredFormats: ['video'], avoidedFormats: [], paused: false },
    mastery: { python: { p: 0.4, attempts: 2, correct: 1, wrongStreak: 1, updatedAt: at } },
    plan: { createdAt: at, steps: [{ resourceId: 'r1', concepts: ['python'], minutes: 30, reason: 'start here', status: 'todo' }], totalCost: 3, optimal: true },
    pending: null,
    stats: { minutesSpent: 0, streakDays: 0, lastActiveDay: null },
    ...over,
  };
}

function card(learnerId: string, itemId: string, due: string): ReviewCardRecord {
  return { learnerId, itemId, conceptId: 'python', due, card: { due, stability: 1.5, difficulty: 5, state: 2, reps: 1, lapses: 0 } };
}

export function learnerStoreContract(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`LearnerStore contract: ${name}`, () => {
    let current: StoreUnderTest | null = null;
    const open = async () => (current = await make());
    afterEach(async () => {
      await current?.cleanup();
      current = null;
    });

    it('returns the attempts since a time for a set of learners (when the store offers attemptsSince)', async () => {
      const { store } = await open();
      if (!store.attemptsSince) return;
      const at = (d: string, learnerId: string, itemId: string) => ({ learnerId, itemId, conceptId: 'python', correct: true, at: d });
      await store.appendAttempt(at('2026-03-01T10:00:00.000Z', 'a', 'old'));
      await store.appendAttempt(at('2026-03-05T10:00:00.000Z', 'a', 'new-a'));
      await store.appendAttempt(at('2026-03-05T10:00:00.000Z', 'b', 'new-b'));
      await store.appendAttempt(at('2026-03-06T10:00:00.000Z', 'c', 'new-c'));
      const since = new Date('2026-03-04T00:00:00Z');
      expect((await store.attemptsSince(since, ['a', 'b'])).map((x) => x.itemId).sort()).toEqual(['new-a', 'new-b']);
      const many = ['a', ...Array.from({ length: 30 }, (_, i) => `x${i}`)];
      expect((await store.attemptsSince(since, many)).map((x) => x.itemId)).toEqual(['new-a']);
      expect(await store.attemptsSince(since, [])).toEqual([]);
    });

    it('keeps one attempt per answer: the same answer appended again (a retried turn) is stored once', async () => {
      const { store } = await open();
      const answer = { learnerId: 'a', itemId: 'q1', conceptId: 'python', correct: true, at: '2026-03-01T10:00:00.000Z' };
      await store.appendAttempt(answer);
      await store.appendAttempt({ ...answer });
      // The same item answered again later, and another item at the same instant, are attempts of their own.
      await store.appendAttempt({ ...answer, correct: false, at: '2026-03-02T10:00:00.000Z' });
      await store.appendAttempt({ ...answer, itemId: 'q2' });
      await store.appendAttempt({ ...answer, learnerId: 'b' });
      expect((await store.listAttempts('a')).map((x) => `${x.itemId}@${x.at.slice(0, 10)}:${String(x.correct)}`)).toEqual([
        'q1@2026-03-01:true',
        'q2@2026-03-01:true',
        'q1@2026-03-02:false',
      ]);
      expect(await store.listAttempts('b')).toHaveLength(1);
    });

    it('returns null for a learner it never saw', async () => {
      const { store } = await open();
      expect(await store.getLearner('terminal:local:nobody')).toBeNull();
    });

    it('creates a learner at version 1 and reads back the same record', async () => {
      const { store } = await open();
      const saved = await store.putLearner(learnerRecord('terminal:local:ana'), null);
      expect(saved.version).toBe(1);
      expect(await store.getLearner('terminal:local:ana')).toEqual(saved);
    });

    it('keeps the concepts whose cohort evidence already counts the learner', async () => {
      const { store } = await open();
      await store.putLearner(learnerRecord('terminal:local:ana', { evidenceConcepts: ['sql', 'pandas'] }), null);
      expect((await store.getLearner('terminal:local:ana'))?.evidenceConcepts).toEqual(['sql', 'pandas']);
    });

    it('keeps whether the learner ever assessed someone (forget-me reads every record only then), and its absence on older records', async () => {
      const { store } = await open();
      await store.putLearner(learnerRecord('terminal:local:ana', { assessedOthers: false }), null);
      await store.putLearner(learnerRecord('terminal:local:bo', { assessedOthers: true }), null);
      await store.putLearner(learnerRecord('terminal:local:cy'), null);
      expect((await store.getLearner('terminal:local:ana'))?.assessedOthers).toBe(false);
      expect((await store.getLearner('terminal:local:bo'))?.assessedOthers).toBe(true);
      expect(await store.getLearner('terminal:local:cy')).not.toHaveProperty('assessedOthers');
    });

    it("keeps the learner's fitted FSRS weights with their version, and removes them on a replace without them", async () => {
      const { store } = await open();
      const reviewParams = { version: 1, w: Array.from({ length: 21 }, (_, i) => 0.1 + i / 7), reviews: 312, fittedAt: '2026-03-01T10:00:00.000Z' };
      const saved = await store.putLearner(learnerRecord('terminal:local:ana', { reviewParams }), null);
      expect((await store.getLearner('terminal:local:ana'))?.reviewParams).toEqual(reviewParams);
      const { reviewParams: _dropped, ...without } = saved;
      await store.putLearner(without, saved.version);
      expect((await store.getLearner('terminal:local:ana'))?.reviewParams).toBeUndefined();
    });

    it("adds resource outcomes per workspace, concept and resource, atomically, and never shows one workspace another's", async () => {
      const { store } = await open();
      const one = { workspace: 'slack:W1', conceptId: 'pandas', resourceId: 'pandas-course', uses: 1, n: 1, gain: 0.5 };
      // Twenty learners finishing at once all count.
      await Promise.all(Array.from({ length: 20 }, () => store.addResourceOutcome(one)));
      await store.addResourceOutcome({ ...one, uses: 0, n: 0.5, gain: 0.5 });
      await store.addResourceOutcome({ ...one, resourceId: 'pandas-video', gain: 1 });
      await store.addResourceOutcome({ ...one, workspace: 'slack:W2', gain: 0 });
      // Ids a learner could never choose, but a store must keep as plain values.
      await store.addResourceOutcome({ ...one, workspace: 'discord:{"$gt": ""}', conceptId: 'a.b', resourceId: '$x' });
      const w1 = (await store.resourceOutcomes('slack:W1')).sort((a, b) => a.resourceId.localeCompare(b.resourceId));
      expect(w1).toHaveLength(2);
      expect(w1[0]).toMatchObject({ workspace: 'slack:W1', conceptId: 'pandas', resourceId: 'pandas-course', uses: 20, n: 20.5 });
      expect(w1[0]!.gain).toBeCloseTo(10.5, 9);
      expect(w1[1]).toMatchObject({ resourceId: 'pandas-video', uses: 1, n: 1, gain: 1 });
      expect(await store.resourceOutcomes('slack:W2')).toEqual([{ workspace: 'slack:W2', conceptId: 'pandas', resourceId: 'pandas-course', uses: 1, n: 1, gain: 0 }]);
      expect(await store.resourceOutcomes('discord:{"$gt": ""}')).toEqual([{ workspace: 'discord:{"$gt": ""}', conceptId: 'a.b', resourceId: '$x', uses: 1, n: 1, gain: 0.5 }]);
      expect(await store.resourceOutcomes('slack:W3')).toEqual([]);
      await expect(store.addResourceOutcome({ ...one, gain: Number.NaN })).rejects.toMatchObject({ code: 'STORE_INVALID' });
    });

    it('refuses a second create of the same learner with STORE_CONFLICT', async () => {
      const { store } = await open();
      await store.putLearner(learnerRecord('terminal:local:ana'), null);
      await expect(store.putLearner(learnerRecord('terminal:local:ana'), null)).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    });

    it('replaces with the expected version and bumps it; a stale or unknown version conflicts', async () => {
      const { store } = await open();
      const v1 = await store.putLearner(learnerRecord('terminal:local:ana'), null);
      const v2 = await store.putLearner({ ...v1, goals: ['devops-engineer'] }, 1);
      expect(v2.version).toBe(2);
      expect((await store.getLearner('terminal:local:ana'))?.goals).toEqual(['devops-engineer']);
      await expect(store.putLearner({ ...v1, goals: ['lost-update'] }, 1)).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
      await expect(store.putLearner(learnerRecord('terminal:local:ghost'), 3)).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
      expect((await store.getLearner('terminal:local:ana'))?.goals).toEqual(['devops-engineer']);
    });

    it('keeps skill claims (self-reported, a lead\'s) and reads a record without them as it was: no claims field', async () => {
      const { store } = await open();
      // A record from before claims were kept: written and read back without the field.
      const old = await store.putLearner(learnerRecord('terminal:local:old'), null);
      const readOld = await store.getLearner('terminal:local:old');
      expect(readOld).toEqual(old);
      expect(readOld).not.toHaveProperty('claims');
      const claims = [
        { concept: 'sql', level: 'core' as const, source: 'self' as const, at: '2026-03-01T10:00:00.000Z', via: 'career' as const },
        { concept: 'python', level: 'none' as const, source: 'lead' as const, at: '2026-03-02T10:00:00.000Z', by: 'slack:W1:lea' },
        { concept: '{"$gt": ""}', level: 'overview' as const, source: 'self' as const, at: '2026-03-02T10:00:00.000Z', via: 'self-check' as const },
      ];
      const v2 = await store.putLearner({ ...readOld!, claims }, 1);
      expect(await store.getLearner('terminal:local:old')).toEqual(v2);
      expect((await store.getLearner('terminal:local:old'))?.claims).toEqual(claims);
      // A replacement without claims removes them (a replace is a replace).
      const { claims: _gone, ...without } = v2;
      const v3 = await store.putLearner(without, 2);
      expect(await store.getLearner('terminal:local:old')).toEqual(v3);
      expect(await store.getLearner('terminal:local:old')).not.toHaveProperty('claims');
    });

    it('lets exactly one of two concurrent writers of the same version win', async () => {
      const { store } = await open();
      const v1 = await store.putLearner(learnerRecord('terminal:local:ana'), null);
      const results = await Promise.allSettled([store.putLearner({ ...v1, goals: ['a'] }, 1), store.putLearner({ ...v1, goals: ['b'] }, 1)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    });

    it('stores what learners type as plain values, never as query operators or paths', async () => {
      const { store } = await open();
      await store.putLearner(learnerRecord('terminal:local:ana'), null);
      const weird = learnerRecord('terminal:local:{"$gt": ""}', {
        displayName: '{"$gt": ""}',
        goals: ['{"$gt": ""}', '<script>alert(1)</script>'],
        pending: { text: '{"$ne": null}', nested: { where: "this.a == 'x'", goal: '$gt' } },
      });
      const saved = await store.putLearner(weird, null);
      expect(await store.getLearner('terminal:local:{"$gt": ""}')).toEqual(saved);
      // An operator-shaped id matches nothing rather than every learner.
      const asOperator = { $gt: '' } as unknown as string;
      await expect(store.getLearner(asOperator).then((r) => r === null, () => true)).resolves.toBe(true);
      await expect(store.getLearner('{"$gt": ""}')).resolves.toBeNull();
      expect((await store.getLearner('terminal:local:ana'))?.goals).toEqual(['data-scientist']);
    });

    it('lists learner ids in a stable order, page by page', async () => {
      const { store } = await open();
      for (const id of ['t:l:c', 't:l:a', 't:l:d', 't:l:b']) await store.putLearner(learnerRecord(id), null);
      const first = await store.listLearnerIds(null, 3);
      expect(first).toEqual(['t:l:a', 't:l:b', 't:l:c']);
      expect(await store.listLearnerIds(first[2]!, 3)).toEqual(['t:l:d']);
      expect(await store.listLearnerIds('t:l:d', 3)).toEqual([]);
    });

    it('keeps attempts per learner and returns the most recent ones, oldest first', async () => {
      const { store } = await open();
      for (let i = 0; i < 5; i++) {
        await store.appendAttempt({ learnerId: 'a', itemId: `q${i}`, conceptId: 'python', correct: i % 2 === 0, at: `2026-03-01T10:00:0${i}.000Z` });
      }
      await store.appendAttempt({ learnerId: 'b', itemId: 'q9', conceptId: 'sql', correct: true, at: '2026-03-01T10:00:09.000Z' });
      expect((await store.listAttempts('a')).map((a) => a.itemId)).toEqual(['q0', 'q1', 'q2', 'q3', 'q4']);
      expect((await store.listAttempts('a', 2)).map((a) => a.itemId)).toEqual(['q3', 'q4']);
      expect(await store.listAttempts('b')).toEqual([{ learnerId: 'b', itemId: 'q9', conceptId: 'sql', correct: true, at: '2026-03-01T10:00:09.000Z' }]);
    });

    it('keeps one card per learner and item, and serves due cards earliest first', async () => {
      const { store } = await open();
      await store.putCard(card('a', 'q1', '2026-03-05T10:00:00.000Z'));
      await store.putCard(card('a', 'q2', '2026-03-03T10:00:00.000Z'));
      await store.putCard(card('a', 'q3', '2026-03-09T10:00:00.000Z'));
      await store.putCard(card('b', 'q1', '2026-03-01T10:00:00.000Z'));
      await store.putCard(card('a', 'q1', '2026-03-04T10:00:00.000Z')); // replaces
      expect(await store.getCard('a', 'q1')).toEqual(card('a', 'q1', '2026-03-04T10:00:00.000Z'));
      expect(await store.getCard('a', 'nope')).toBeNull();
      const due = await store.dueCards('a', new Date('2026-03-05T00:00:00.000Z'), 10);
      expect(due.map((c) => c.itemId)).toEqual(['q2', 'q1']);
      expect((await store.dueCards('a', new Date('2026-03-10T00:00:00.000Z'), 2)).map((c) => c.itemId)).toEqual(['q2', 'q1']);
      expect(await store.dueCards('a', new Date('2026-03-01T00:00:00.000Z'), 10)).toEqual([]);
      expect((await store.nextDue('a'))?.toISOString()).toBe('2026-03-03T10:00:00.000Z');
      expect(await store.nextDue('nobody')).toBeNull();
    });

    it('records deliveries by key: put replaces, delete removes', async () => {
      const { store } = await open();
      expect(await store.getDelivery('daily:a:2026-03-01')).toBeNull();
      await store.putDelivery({ key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sending', at: '2026-03-01T08:00:00.000Z' });
      await store.putDelivery({ key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sent', at: '2026-03-01T08:00:00.000Z', messageId: 'm1' });
      expect(await store.getDelivery('daily:a:2026-03-01')).toEqual({ key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sent', at: '2026-03-01T08:00:00.000Z', messageId: 'm1' });
      await store.deleteDelivery('daily:a:2026-03-01');
      expect(await store.getDelivery('daily:a:2026-03-01')).toBeNull();
      await store.deleteDelivery('never-there');
    });

    it('claims a delivery for exactly one of many concurrent workers, and hands an expired claim to exactly one taker', async () => {
      const { store } = await open();
      const claim = (worker: number) => ({ key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sending' as const, at: `2026-03-01T08:00:0${worker}.000Z`, leaseUntil: '2026-03-01T08:02:00.000Z' });
      const results = await Promise.all([0, 1, 2, 3, 4, 5].map((w) => store.claimDelivery(claim(w))));
      expect(results.filter((r) => r === null)).toHaveLength(1);
      const winner = results.indexOf(null);
      for (const r of results) if (r) expect(r).toMatchObject({ state: 'sending', at: claim(winner).at, leaseUntil: '2026-03-01T08:02:00.000Z' });
      // The lease ran out; two workers try to take it over from the record they saw: one wins.
      const seen = (await store.getDelivery('daily:a:2026-03-01'))!;
      const next = (w: number) => ({ ...claim(w), at: `2026-03-01T08:05:0${w}.000Z`, leaseUntil: '2026-03-01T08:07:00.000Z' });
      const took = await Promise.all([7, 8].map((w) => store.takeOverDelivery(seen, next(w))));
      expect(took.filter(Boolean)).toHaveLength(1);
      expect(await store.takeOverDelivery(seen, next(9))).toBe(false);
      await store.putDelivery({ key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sent', at: '2026-03-01T08:05:07.000Z', messageId: 'm1' });
      expect(await store.claimDelivery(claim(1))).toMatchObject({ state: 'sent', messageId: 'm1' });
      expect(await store.getDelivery('daily:a:2026-03-01')).toEqual({ key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sent', at: '2026-03-01T08:05:07.000Z', messageId: 'm1' });
    });

    it('sends a bot-initiated message once per key through deliverOnce', async () => {
      const { store } = await open();
      const sent: Reply[] = [];
      const deps = { store, clock: new ManualClock('2026-03-01T08:00:00Z'), gateway: { send: async (_to: ConversationRef, r: Reply) => (sent.push(r), { messageId: `m${sent.length}` }) } };
      const req = { key: 'daily:a:2026-03-01', learnerId: 'a', to, compose: async (): Promise<Reply> => ({ blocks: [{ kind: 'text', text: 'hi' }] }) };
      expect(await deliverOnce(deps, req)).toBe('sent');
      expect(await deliverOnce(deps, req)).toBe('already-sent');
      expect(sent).toHaveLength(1);
    });

    it('forgets everything about one learner and nothing about the others', async () => {
      const { store } = await open();
      for (const id of ['a', 'b']) {
        await store.putLearner(learnerRecord(id), null);
        await store.appendAttempt({ learnerId: id, itemId: 'q1', conceptId: 'python', correct: true, at: '2026-03-01T10:00:00.000Z' });
        await store.putCard(card(id, 'q1', '2026-03-02T10:00:00.000Z'));
        await store.putDelivery({ key: `daily:${id}:2026-03-01`, learnerId: id, state: 'sent', at: '2026-03-01T08:00:00.000Z' });
      }
      expect(await store.forgetLearner('a')).toBeGreaterThanOrEqual(4);
      expect(await store.getLearner('a')).toBeNull();
      expect(await store.listAttempts('a')).toEqual([]);
      expect(await store.getCard('a', 'q1')).toBeNull();
      expect(await store.nextDue('a')).toBeNull();
      expect(await store.getDelivery('daily:a:2026-03-01')).toBeNull();
      expect(await store.getLearner('b')).not.toBeNull();
      expect(await store.listAttempts('b')).toHaveLength(1);
      expect(await store.getCard('b', 'q1')).not.toBeNull();
      expect(await store.forgetLearner('a')).toBe(0);
      // A forgotten learner can start over.
      expect((await store.putLearner(learnerRecord('a'), null)).version).toBe(1);
    });

    it('keeps everything across close and reopen', async () => {
      const sut = await open();
      if (!sut.reopen) return;
      await sut.store.putLearner(learnerRecord('a'), null);
      await sut.store.appendAttempt({ learnerId: 'a', itemId: 'q1', conceptId: 'python', correct: true, at: '2026-03-01T10:00:00.000Z' });
      await sut.store.putCard(card('a', 'q1', '2026-03-02T10:00:00.000Z'));
      // Recent: delivery records expire after a while (45 days in the embedded store and MongoDB).
      await sut.store.putDelivery({ key: 'k', learnerId: 'a', state: 'sent', at: new Date().toISOString() });
      await sut.store.close();
      const again = await sut.reopen();
      expect((await again.getLearner('a'))?.version).toBe(1);
      expect(await again.listAttempts('a')).toHaveLength(1);
      expect(await again.getCard('a', 'q1')).not.toBeNull();
      expect((await again.getDelivery('k'))?.state).toBe('sent');
      await expect(again.putLearner(learnerRecord('a'), null)).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    });
  });
}
