/**
 * forget-me completes or says it did not (issue #17, item 8): the learner is
 * tombstoned first, so nothing acts for them while the deletion is pending;
 * a failure part-way is told to the learner and finished at the next start
 * or at their next message; in the terminal, exported files go too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { finishPendingForgets } from '../../src/coach/forget-learner.ts';
import { PACKAGE_ROOT } from '../../src/config.ts';
import type { LearnerStore } from '../../src/core/ports/learner-store.port.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { CoachHarness } from '../support/coach-harness.ts';
import { writeFixtureRoadmaps } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';

/** The embedded store, whose deletes fail while `down` is set (a store outage mid-forget). */
function flaky(inner: NedbLearnerStore): LearnerStore & { down: boolean } {
  const s = Object.create(inner) as LearnerStore & { down: boolean };
  s.down = false;
  s.forgetLearner = async (id: string) => {
    if (s.down) throw new Error('store unavailable');
    return inner.forgetLearner(id);
  };
  return s;
}

describe('forget-me', () => {
  let h: CoachHarness | null = null;
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    await h?.cleanup();
    h = null;
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('says when it could not finish, sends nothing meanwhile, and finishes at the next start', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const store = flaky(await NedbLearnerStore.open(t.dir));
    h = await CoachHarness.create({ dir: t.dir, store });
    await h.onboard('I want to become a data analyst', 'Well');
    expect((await h.store.getLearner(h.learnerId))!.claims!.length).toBeGreaterThan(0);
    // What else the record may keep about them: fitted review weights, and which concepts' cohort evidence counts them.
    const me = (await h.store.getLearner(h.learnerId))!;
    await h.store.putLearner({ ...me, evidenceConcepts: ['sql'], reviewParams: { version: 1, w: [0.4, 1.2], reviews: 300, fittedAt: '2026-03-01T10:00:00.000Z' } }, me.version);
    await h.say('quiz me');
    await h.answer(true);
    await h.say('forget me');
    store.down = true;
    expect(await h.press('Yes, delete everything')).toMatch(/could not finish deleting everything.*finish the deletion the next time I start/s);
    // The tombstone holds nothing personal, and no job acts for them.
    const left = await h.store.getLearner(h.learnerId);
    expect(left).toMatchObject({ onboarding: 'forgotten', goals: [], plan: null, mastery: {} });
    expect(left).not.toHaveProperty('claims');
    expect(left).not.toHaveProperty('evidenceConcepts');
    expect(left).not.toHaveProperty('reviewParams');
    expect(await h.scheduler.list(`learner:${h.learnerId}:`)).toEqual([]);
    await h.coach.handleJob({ key: 'x', payload: { type: 'daily-task', learnerId: h.learnerId, to: h.from }, scheduledFor: h.clock.now(), attempt: 1 });
    expect(h.gateway.sent).toEqual([]);
    // While the store is still down, a message from them does not restart onboarding over the old data.
    expect(await h.say('hi')).toMatch(/still deleting your data/);

    store.down = false;
    expect(await finishPendingForgets({ store: h.store, scheduler: h.scheduler, cohorts: h.cohorts })).toBe(1);
    expect(await h.store.getLearner(h.learnerId)).toBeNull();
    expect(await h.store.listAttempts(h.learnerId)).toEqual([]);
    expect(await h.store.nextDue(h.learnerId)).toBeNull();
    expect(await h.say('hi')).toMatch(/I'm Pathwise/);
  });

  it('finishes a pending deletion when the learner writes again', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const store = flaky(await NedbLearnerStore.open(t.dir));
    h = await CoachHarness.create({ dir: t.dir, store });
    await h.onboard();
    await h.say('forget me');
    store.down = true;
    await h.press('Yes, delete everything');
    store.down = false;
    expect(await h.say('hi')).toMatch(/I'm Pathwise/);
    expect((await h.store.getLearner(h.learnerId))?.onboarding).not.toBe('forgotten');
  });

  it('in the terminal, deletes the exported files too', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const data = join(t.dir, 'data');
    const clean: Record<string, string | undefined> = { ...process.env };
    for (const k of Object.keys(clean)) if (/^(PATHWISE_|REDIS_|MONGODB_)/.test(k)) delete clean[k];
    const env = { ...clean, PATHWISE_DATA_DIR: data, PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(t.dir, 'roadmaps')), PATHWISE_TIMEZONE: 'UTC' };
    const run = (input: string) => spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin/pathwise.js'), 'chat'], { env, encoding: 'utf8', input, timeout: 60_000 });
    const first = run('hi\n/export\n');
    expect(first.status).toBe(0);
    expect(readdirSync(join(data, 'files')).some((f) => f.startsWith('pathwise-export-'))).toBe(true);
    const second = run('forget me\nyes\n');
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/everything I kept about you is deleted/);
    expect(existsSync(join(data, 'files'))).toBe(false);
  }, 90_000);
});
