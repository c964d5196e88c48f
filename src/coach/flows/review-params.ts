/**
 * Fitting the learner's own FSRS parameters, lazily and at review time: when
 * `review` starts and the learner has at least 300 answers (and no fit yet,
 * or 100 more answers than the last fit read), the coach reads their most
 * recent answers (at most 5,000), fits through the services' fitter (bounded
 * by the fitter's time limit) and keeps the weights, with their version, on
 * the learner's record. From then on their cards are scheduled with them
 * (answers.ts). A failed fit keeps what was there and is reported, never shown.
 */
import { FIT_HISTORY_LIMIT, historiesFromAttempts, needsFit, REVIEW_PARAMS_VERSION, usableWeights } from '../../core/review/review-params.ts';
import type { TurnContext } from '../turn.ts';

export async function refreshReviewParams(ctx: TurnContext): Promise<void> {
  const { services, learner } = ctx;
  if (!services.reviewFitter) return;
  const attempts = await services.store.listAttempts(learner.learnerId, FIT_HISTORY_LIMIT);
  if (!needsFit(learner.reviewParams, attempts.length)) return;
  try {
    const w = await services.reviewFitter.fit(historiesFromAttempts(attempts));
    learner.reviewParams = { version: REVIEW_PARAMS_VERSION, w, reviews: attempts.length, fittedAt: ctx.now.toISOString() };
  } catch (err) {
    services.onReviewFitFailed?.(learner.learnerId, err);
  }
}

/** The weights the learner's cards are scheduled with: their fit, or undefined for FSRS-6's defaults. */
export function learnerWeights(ctx: TurnContext): number[] | undefined {
  return usableWeights(ctx.learner.reviewParams);
}
