/**
 * `review`: serves the learner's due spaced-repetition cards as a quiz in
 * review mode; answers feed FSRS (through recordAnswer) like any other.
 * Starting a review first fits the learner's own FSRS parameters when they
 * are due for one (review-params.ts).
 */
import { plural } from '../../core/text/wording.ts';
import type { Reply } from '../../core/chat/messages.ts';
import { setPending, type QuizPending } from '../pending.ts';
import { buttons, commandButton, merge, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { askQuestion } from './quiz.ts';
import { refreshReviewParams } from './review-params.ts';

export const REVIEW_BATCH = 10;

function when(ctx: TurnContext, at: Date): string {
  const ms = at.getTime() - ctx.now.getTime();
  const h = Math.round(ms / 3600_000);
  if (h < 1) return 'within the hour';
  if (h < 36) return `in about ${plural(h, 'hour')}`;
  return `in about ${plural(Math.round(h / 24), 'day')}`;
}

export async function startReview(ctx: TurnContext): Promise<Reply> {
  const { store, graph } = ctx.services;
  await refreshReviewParams(ctx);
  const due = (await store.dueCards(ctx.learnerId, ctx.now, REVIEW_BATCH)).filter((c) => graph.quizItems.has(c.itemId));
  if (due.length === 0) {
    const next = await store.nextDue(ctx.learnerId);
    return reply(
      say(next ? `Nothing to review right now. Your next review is due ${when(ctx, next)}.` : 'Nothing to review yet: questions you answer in quizzes come back here when they are due.'),
      buttons(commandButton('Quiz me', 'quiz'), commandButton("Today's task", 'today')),
    );
  }
  const p: QuizPending = { kind: 'quiz', mode: 'review', itemIds: due.map((c) => c.itemId), index: 0, correct: 0, askedAt: ctx.now.toISOString() };
  setPending(ctx.learner, p);
  return merge(reply(say(`🔁 ${plural(due.length, 'card')} due for review.`)), askQuestion(ctx, p));
}
