/**
 * What every quiz answer does, whether from practice or review: BKT update of
 * the concept's P(L), the attempt recorded, the item's FSRS card moved on,
 * and the review prompt rescheduled.
 */
import { update } from '../../core/kt/bkt.ts';
import type { QuizItem } from '../../core/graph/types.ts';
import { gradeFor, reviewCard } from '../../core/review/review-cards.ts';
import { masteryOf, masteryRecord } from '../learner.ts';
import type { TurnContext } from '../turn.ts';
import { scheduleReviewPrompt } from './review-schedule.ts';

export interface AnswerOutcome {
  correct: boolean;
  before: number;
  after: number;
  wrongStreak: number;
}

export function recordAnswer(ctx: TurnContext, item: QuizItem, choice: number, responseMs: number | undefined): AnswerOutcome {
  const { learner, services, now } = ctx;
  const correct = choice === item.answer;
  const before = masteryOf(services, learner, item.conceptId);
  const after = update(before, correct, services.bktParams(item.conceptId));
  const at = now.toISOString();
  const m = { ...masteryRecord(learner, item.conceptId, before, at) };
  m.p = after;
  m.attempts += 1;
  m.correct += correct ? 1 : 0;
  m.wrongStreak = correct ? 0 : m.wrongStreak + 1;
  m.updatedAt = at;
  learner.mastery[item.conceptId] = m;

  const learnerId = learner.learnerId;
  const grade = gradeFor(correct, responseMs);
  ctx.after(() => services.store.appendAttempt({ learnerId, itemId: item.id, conceptId: item.conceptId, correct, at }));
  ctx.after(async () => {
    const prev = await services.store.getCard(learnerId, item.id);
    await services.store.putCard(reviewCard(prev, { learnerId, itemId: item.id, conceptId: item.conceptId }, grade, now));
  });
  scheduleReviewPrompt(ctx);
  return { correct, before, after, wrongStreak: m.wrongStreak };
}
