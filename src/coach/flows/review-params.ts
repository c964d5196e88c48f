/**
 * Fitting the learner's own FSRS parameters, lazily and at review time: when
 * `review` starts and the learner has at least 300 answers (and no fit yet,
 * or 100 more answers than the last fit read), the coach reads their most
 * recent answers (at most 5,000), fits through the services' fitter (bounded
 * by the fitter's time limit), checks the fit on held-out cards against the
 * defaults (core `checkedFit`) and keeps the weights, with their version and
 * whether they won, on the learner's record. The learner's cards are then rescheduled from their
 * answers with the new weights (at most {@link RESCHEDULE_LIMIT}; written
 * before the learner's record, safe to write again), and from then on every
 * answer moves its card with them (answers.ts). A failed fit keeps what was
 * there and is reported, never shown.
 */
import { checkedFit, failedTry, FIT_HISTORY_LIMIT, historiesFromAttempts, needsFit, REVIEW_PARAMS_VERSION, usableWeights } from '../../core/review/review-params.ts';
import type { TurnContext } from '../turn.ts';
import { replayCard } from '../../core/review/review-cards.ts';
import type { AttemptRecord } from '../../core/ports/learner-store.port.ts';

/** Cards rescheduled after a fit, at most (the ones due soonest). */
export const RESCHEDULE_LIMIT = 2_000;
/** Later than any due date (a four-digit year: ISO strings compare as dates only then). */
const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');

export async function refreshReviewParams(ctx: TurnContext): Promise<void> {
  const { services, learner } = ctx;
  if (!services.reviewFitter) return;
  const attempts = await services.store.listAttempts(learner.learnerId, FIT_HISTORY_LIMIT);
  if (!needsFit(learner.reviewParams, attempts.length)) return;
  try {
    const { w, keptDefaults } = await checkedFit(services.reviewFitter, historiesFromAttempts(attempts));
    learner.reviewParams = { version: REVIEW_PARAMS_VERSION, w, reviews: attempts.length, fittedAt: ctx.now.toISOString(), ...(keptDefaults ? { keptDefaults } : {}) };
    // A fit that did not beat the defaults on the held-out cards changes no card.
    if (keptDefaults) return;
    const byItem = new Map<string, AttemptRecord[]>();
    for (const a of attempts) byItem.set(a.itemId, [...(byItem.get(a.itemId) ?? []), a]);
    // A full window may have cut the oldest answers of some questions off: replaying those would start them afresh. Leave the cards.
    if (attempts.length >= FIT_HISTORY_LIMIT) return;
    const cards = await services.store.dueCards(learner.learnerId, FAR_FUTURE, RESCHEDULE_LIMIT);
    const replayed = cards.map((c) => replayCard(byItem.get(c.itemId) ?? [], c, w)).filter((c) => c !== null);
    ctx.record(async () => {
      for (const c of replayed) await services.store.putCard(c);
    });
  } catch (err) {
    // Not again at every review: the next try waits for REFIT_EVERY more answers, with what the learner had.
    learner.reviewParams = failedTry(learner.reviewParams, attempts.length, ctx.now);
    services.onReviewFitFailed?.(learner.learnerId, err);
  }
}

/** The weights the learner's cards are scheduled with: their fit, or undefined for FSRS-6's defaults. */
export function learnerWeights(ctx: TurnContext): number[] | undefined {
  return usableWeights(ctx.learner.reviewParams);
}
