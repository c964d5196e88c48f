/**
 * The contract every {@link CohortStore} passes: the embedded nedb store
 * always, MongoDB whenever it is reachable.
 *
 *   cohortStoreContract('nedb', async () => ({ store, cleanup, reopen }));
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CohortRecord, CohortStore } from '../../src/core/ports/cohort-store.port.ts';

export interface CohortStoreUnderTest {
  store: CohortStore;
  cleanup: () => Promise<void>;
  reopen?: () => Promise<CohortStore>;
}

export function cohortRecord(cohortId: string, channel = cohortId, over: Partial<CohortRecord> = {}): CohortRecord {
  return {
    cohortId,
    channelKey: `slack:W1:${channel}`,
    channel: { platform: 'slack', workspace: 'W1', channel, user: 'lead' },
    name: `#${channel}`,
    goal: null,
    leads: ['slack:W1:lead'],
    schedule: { weekday: 1, hour: 9, timezone: 'Europe/Berlin' },
    createdAt: '2026-03-02T08:00:00.000Z',
    ...over,
  };
}

const member = (cohortId: string, learnerId: string, shareProgress = false) => ({ cohortId, learnerId, joinedAt: '2026-03-02T08:00:00.000Z', shareProgress });

export function cohortStoreContract(name: string, make: () => Promise<CohortStoreUnderTest>): void {
  describe(`CohortStore contract: ${name}`, () => {
    let current: CohortStoreUnderTest | null = null;
    const open = async () => (current = await make());
    afterEach(async () => {
      await current?.cleanup();
      current = null;
    });

    it('creates a cohort, finds it by id and by channel, and refuses a second one in the same channel', async () => {
      const { store } = await open();
      await store.createCohort(cohortRecord('c1', 'team'));
      expect((await store.getCohort('c1'))?.name).toBe('#team');
      expect((await store.cohortByChannel('slack:W1:team'))?.cohortId).toBe('c1');
      expect(await store.cohortByChannel('slack:W1:other')).toBeNull();
      await expect(store.createCohort(cohortRecord('c2', 'team'))).rejects.toMatchObject({ code: 'COHORT_EXISTS' });
    });

    it('lists cohort ids in order, paged (the reconciler re-arms every summary from them)', async () => {
      const { store } = await open();
      for (const id of ['c3', 'c1', 'c2']) await store.createCohort(cohortRecord(id, id));
      expect(await store.listCohortIds?.(null, 10)).toEqual(['c1', 'c2', 'c3']);
      expect(await store.listCohortIds?.('c1', 1)).toEqual(['c2']);
    });

    it('replaces a cohort (leads, goal, schedule)', async () => {
      const { store } = await open();
      await store.createCohort(cohortRecord('c1'));
      await store.putCohort(cohortRecord('c1', 'c1', { leads: ['slack:W1:lead', 'slack:W1:bo'], goal: 'python' }));
      expect(await store.getCohort('c1')).toMatchObject({ leads: ['slack:W1:lead', 'slack:W1:bo'], goal: 'python' });
    });

    it('keeps one membership per cohort and learner, lists members in order and pages them', async () => {
      const { store } = await open();
      await store.createCohort(cohortRecord('c1'));
      for (const id of ['slack:W1:c', 'slack:W1:a', 'slack:W1:b']) await store.putMembership(member('c1', id));
      await store.putMembership(member('c1', 'slack:W1:a', true));
      const all = await store.listMembers('c1', null, 10);
      expect(all.map((m) => m.learnerId)).toEqual(['slack:W1:a', 'slack:W1:b', 'slack:W1:c']);
      expect(all[0]!.shareProgress).toBe(true);
      expect((await store.listMembers('c1', 'slack:W1:a', 1)).map((m) => m.learnerId)).toEqual(['slack:W1:b']);
      expect(await store.removeMembership('c1', 'slack:W1:b')).toBe(true);
      expect(await store.removeMembership('c1', 'slack:W1:b')).toBe(false);
      expect(await store.getMembership('c1', 'slack:W1:b')).toBeNull();
    });

    it('lists a learner in several cohorts, and forgets them from all of them and from lead grants', async () => {
      const { store } = await open();
      await store.createCohort(cohortRecord('c1'));
      await store.createCohort(cohortRecord('c2', 'c2', { leads: ['slack:W1:lead', 'slack:W1:a'] }));
      await store.putMembership(member('c1', 'slack:W1:a'));
      await store.putMembership(member('c2', 'slack:W1:a'));
      await store.putMembership(member('c2', 'slack:W1:b'));
      expect((await store.membershipsOf('slack:W1:a')).map((m) => m.cohortId)).toEqual(['c1', 'c2']);
      expect(await store.forgetLearner('slack:W1:a')).toBe(3);
      expect(await store.membershipsOf('slack:W1:a')).toEqual([]);
      expect((await store.getCohort('c2'))?.leads).toEqual(['slack:W1:lead']);
      expect((await store.listMembers('c2', null, 10)).map((m) => m.learnerId)).toEqual(['slack:W1:b']);
    });

    it('deletes a cohort with its memberships', async () => {
      const { store } = await open();
      await store.createCohort(cohortRecord('c1'));
      await store.putMembership(member('c1', 'slack:W1:a'));
      await store.deleteCohort('c1');
      expect(await store.getCohort('c1')).toBeNull();
      expect(await store.membershipsOf('slack:W1:a')).toEqual([]);
    });

    it('treats typed values as plain strings, never as query operators', async () => {
      const { store } = await open();
      await store.createCohort(cohortRecord('c1'));
      await store.putMembership(member('c1', 'slack:W1:a'));
      expect(await store.membershipsOf('{"$gt":""}')).toEqual([]);
      await expect(store.getCohort({ $gt: '' } as unknown as string)).rejects.toThrow();
    });

    it('keeps cohorts and memberships after a reopen', async () => {
      const under = await open();
      if (!under.reopen) return;
      await under.store.createCohort(cohortRecord('c1'));
      await under.store.putMembership(member('c1', 'slack:W1:a', true));
      await under.store.close();
      const again = await under.reopen();
      expect((await again.getCohort('c1'))?.name).toBe('#c1');
      expect(await again.getMembership('c1', 'slack:W1:a')).toMatchObject({ shareProgress: true });
    });
  });
}
