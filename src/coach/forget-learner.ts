/**
 * forget-me that completes or says it did not (issue #17, item 8).
 *
 * 1. **Tombstone first.** The learner's record is saved as `onboarding:
 *    'forgotten'` with goal, plan, mastery and pending state emptied, under
 *    the usual version check. From then on no job acts for them (jobs send
 *    only to onboarded learners) and no turn does either (a turn finishes
 *    the deletion first).
 * 2. **Then everything goes:** their schedules, cohort memberships, the files
 *    the platform adapter saved for them (exports, charts: the terminal's
 *    files folder), their name on the skills they assessed as a lead in
 *    other learners' profiles (the assessment stays, "by a lead"; only for
 *    someone who ever assessed, see `assessedOthers`), and in
 *    the store their attempts, cards and deliveries with the tombstone last
 *    (MongoDB: in one transaction).
 * 3. If a step fails the tombstone stays: the learner is told, and the
 *    deletion is finished on the next start (the worker's reconciler, the
 *    embedded roles' start-up) or at their next message.
 */
import type { LearnerRecord, LearnerStore } from '../core/ports/learner-store.port.ts';
import type { CohortStore } from '../core/ports/cohort-store.port.ts';
import type { Scheduler } from '../core/ports/scheduler.port.ts';
import { learnerKeyPrefix } from './flows/review-schedule.ts';

export const FORGOTTEN = 'forgotten';

export interface ForgetDeps {
  store: Pick<LearnerStore, 'forgetLearner' | 'getLearner' | 'listLearnerIds' | 'putLearner'>;
  scheduler: Pick<Scheduler, 'cancelPrefix'>;
  cohorts?: Pick<CohortStore, 'forgetLearner'>;
  /** Deletes what the platform adapter keeps on disk for the learner (exported files, charts). */
  forgetFiles?: (learnerId: string) => Promise<void>;
}

export function isForgotten(l: Pick<LearnerRecord, 'onboarding'>): boolean {
  return l.onboarding === FORGOTTEN;
}

/** Turns the draft into a tombstone: nothing personal left in it, only what identifies whose deletion is pending. */
export function tombstone(l: LearnerRecord): void {
  l.onboarding = FORGOTTEN;
  l.goals = [];
  l.plan = null;
  l.mastery = {};
  l.pending = null;
  l.stats = { minutesSpent: 0, streakDays: 0, lastActiveDay: null };
  delete l.displayName;
  delete l.today;
  delete l.claims;
  delete l.reviewParams;
  delete l.evidenceConcepts;
}

/** Step 2: deletes everything about a tombstoned learner, the tombstone last. Throws when a step failed (the tombstone stays). */
export async function finishForget(deps: ForgetDeps, learnerId: string): Promise<void> {
  await deps.scheduler.cancelPrefix(learnerKeyPrefix(learnerId));
  await deps.cohorts?.forgetLearner(learnerId);
  await deps.forgetFiles?.(learnerId);
  // Someone who never assessed anyone has no name in others' profiles: no need to read every learner (a record from before
  // the flag was kept, without it, may have).
  const self = await deps.store.getLearner(learnerId);
  if (self?.assessedOthers !== false) await unnameAssessments(deps.store, learnerId);
  await deps.store.forgetLearner(learnerId);
}

/** Tries per learner when their record changes under the rewrite (a turn of theirs saved in between). */
const UNNAME_TRIES = 5;
/** Learner records read at once while unnaming. */
const UNNAME_PARALLEL = 16;

/**
 * A lead's assessments in other learners' skills profiles keep their level
 * and date but lose the lead's id (`by`): the profile then says "assessed by
 * a lead". Every learner is read once (forget-me is rare; a lead may have
 * left the cohort since); a record that changes meanwhile is read again.
 */
async function unnameAssessments(store: ForgetDeps['store'], leadId: string): Promise<void> {
  const unname = async (id: string) => {
    for (let attempt = 1; ; attempt++) {
      const l = await store.getLearner(id);
      if (!l?.claims?.some((c) => c.by === leadId)) return;
      l.claims = l.claims.map(({ by, ...c }) => (by === leadId ? c : { ...c, ...(by !== undefined ? { by } : {}) }));
      try {
        await store.putLearner(l, l.version);
        return;
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'STORE_CONFLICT' || attempt >= UNNAME_TRIES) throw err;
      }
    }
  };
  for (let after: string | null = null; ; ) {
    const page = await store.listLearnerIds(after, 500);
    const ids = page.filter((id) => id !== leadId);
    // A few reads at a time: on MongoDB each is a round trip.
    for (let i = 0; i < ids.length; i += UNNAME_PARALLEL) await Promise.all(ids.slice(i, i + UNNAME_PARALLEL).map(unname));
    if (page.length < 500) return;
    after = page[page.length - 1]!;
  }
}

/** Finishes every deletion left pending (a failure part-way, a crash): run at start. Returns how many it finished. */
export async function finishPendingForgets(deps: ForgetDeps): Promise<number> {
  let n = 0;
  for (let after: string | null = null; ; ) {
    const ids = await deps.store.listLearnerIds(after, 500);
    for (const id of ids) {
      const l = await deps.store.getLearner(id);
      if (l && isForgotten(l)) {
        await finishForget(deps, id);
        n++;
      }
    }
    if (ids.length < 500) return n;
    after = ids[ids.length - 1]!;
  }
}
