/**
 * `/export`: everything Pathwise keeps about the person, as one JSON file
 * (their record, their skills profile, every quiz attempt, review cards,
 * cohort memberships). Only
 * ever their own: the learner id comes from the event, never from input.
 */
import { plural } from '../../core/text/wording.ts';
import type { Reply } from '../../core/chat/messages.ts';
import { reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { profileOf } from './profile.ts';

const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');
const MAX_CARDS = 100_000;

export async function exportReply(ctx: TurnContext): Promise<Reply> {
  const { store, cohorts } = ctx.services;
  const id = ctx.learnerId;
  const data = {
    exportedAt: ctx.now.toISOString(),
    learner: ctx.learner,
    /** Derived from the record: each skill's level and evidence, and the goal's career levels met. */
    skillsProfile: profileOf(ctx),
    attempts: await store.listAttempts(id),
    reviewCards: await store.dueCards(id, FAR_FUTURE, MAX_CARDS),
    cohorts: cohorts ? await Promise.all((await cohorts.membershipsOf(id)).map(async (m) => ({ ...m, cohort: (await cohorts.getCohort(m.cohortId))?.name ?? null }))) : [],
  };
  const json = JSON.stringify(data, null, 2);
  return reply(
    say(`📦 Here is everything I keep about you: ${plural(data.attempts.length, 'quiz attempt')}, ${plural(data.reviewCards.length, 'review card')}, ${plural(data.cohorts.length, 'cohort membership')}.`),
    { kind: 'file', data: new TextEncoder().encode(json), mime: 'application/json', filename: `pathwise-export-${ctx.now.toISOString().slice(0, 10)}.json`, alt: 'Your Pathwise data as JSON' },
  );
}
