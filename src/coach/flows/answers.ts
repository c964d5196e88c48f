/**
 * What every quiz answer does, whether from practice or review: the
 * concept's belief traced (when the answer counts as evidence), the attempt
 * recorded, the item's FSRS card moved on (with the learner's fitted
 * weights once they have them), and the review prompt rescheduled.
 *
 * An answer counts as mastery evidence only when the item is fresh or its
 * review card has fallen due (src/core/kt/mastery-rule.ts): a right answer to
 * a question whose answer was shown minutes ago is memory of that answer, and
 * feeds review only. Guessing is priced per item: 1/k for k options, more
 * for an item whose form gives the answer away.
 */
import { itemGuess, observe } from '../../core/kt/bkt.ts';
import { countsAsEvidence, nextSittings } from '../../core/kt/mastery-rule.ts';
import { itemCues } from '../../core/graph/cues.ts';
import type { QuizItem } from '../../core/graph/types.ts';
import { gradeFor, reviewCard } from '../../core/review/review-cards.ts';
import { masteryOf, masteryRecord, masteryRuleOf } from '../learner.ts';
import type { TurnContext } from '../turn.ts';
import { scheduleReviewPrompt } from './review-schedule.ts';
import { learnerWeights } from './review-params.ts';

export interface AnswerOutcome {
  correct: boolean;
  /** Shown mastery before and after (held under the threshold until the evidence is there). */
  before: number;
  after: number;
  wrongStreak: number;
  /** False when the item's answer was shown recently: the answer fed review only. */
  counted: boolean;
}

/** Index chosen, or -1 for "I don't know" (a miss that is honest about it). */
export async function recordAnswer(ctx: TurnContext, item: QuizItem, choice: number, responseMs: number | undefined): Promise<AnswerOutcome> {
  const { learner, services, now } = ctx;
  const correct = choice === item.answer;
  const learnerId = learner.learnerId;
  const prevCard = await services.store.getCard(learnerId, item.id);
  const counted = countsAsEvidence(prevCard, now);
  const before = masteryOf(services, learner, item.conceptId);
  const at = now.toISOString();
  const m = { ...masteryRecord(learner, item.conceptId, services.bktParams(item.conceptId).prior, at) };
  if (counted) {
    const params = services.bktParams(item.conceptId);
    const guess = itemGuess(params.guess, item.choices.length, itemCues(item).length > 0);
    m.p = observe(m.p, correct, { ...params, guess }, (m.observed ?? 0) === 0);
    m.observed = (m.observed ?? 0) + 1;
    if (correct) {
      m.rightItems = [...new Set([...(m.rightItems ?? []), item.id])];
      const s = nextSittings({ sittings: m.sittings ?? 0, sittingStartedAt: m.sittingStartedAt }, now, masteryRuleOf(services));
      m.sittings = s.sittings;
      m.sittingStartedAt = s.sittingStartedAt;
    }
  }
  m.attempts += 1;
  m.correct += correct ? 1 : 0;
  m.wrongStreak = correct ? 0 : m.wrongStreak + 1;
  m.updatedAt = at;
  learner.mastery[item.conceptId] = m;
  const after = masteryOf(services, learner, item.conceptId);

  const grade = gradeFor(correct, responseMs);
  const w = learnerWeights(ctx);
  ctx.record(async () => {
    // Written before the learner's record; a retried turn (same instant) appends it again and the store keeps one.
    await services.store.appendAttempt({ learnerId, itemId: item.id, conceptId: item.conceptId, correct, at });
  });
  ctx.after(() => services.store.putCard(reviewCard(prevCard, { learnerId, itemId: item.id, conceptId: item.conceptId }, grade, now, w)));
  scheduleReviewPrompt(ctx);
  return { correct, before, after, wrongStreak: m.wrongStreak, counted };
}
