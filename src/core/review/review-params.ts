/**
 * FSRS parameters fitted to the learner (issue #19, item 7). Until a learner
 * has {@link MIN_REVIEWS_TO_FIT} graded answers, every card is scheduled with
 * FSRS-6's default weights (ts-fsrs `default_w`, fitted by the FSRS authors
 * on many Anki users). From then on the coach fits the learner's own weights
 * (through the {@link ReviewParamFitter} port) and schedules with them,
 * fitting again after every {@link REFIT_EVERY} further answers.
 *
 * The history comes from the stored attempts: one sequence per quiz item,
 * oldest first, rating 3 (Good) for a right answer and 1 (Again) for a wrong
 * one (the attempt keeps no response time, so Hard and Easy never appear in
 * a fit), and Δt in whole days between the UTC days of consecutive answers
 * (0 for the first). Pure: plain data in and out.
 */
import type { AttemptRecord } from '../ports/learner-store.port.ts';
import type { ReviewParamFitter } from '../ports/review-fitter.port.ts';
import { predictionLogLoss } from './review-cards.ts';
import { default_w } from 'ts-fsrs';

export const MIN_REVIEWS_TO_FIT = 300;
export const REFIT_EVERY = 100;
/** Bumped when what a fit means changes (the optimizer, the rating map); older fits are ignored and redone. */
export const REVIEW_PARAMS_VERSION = 1;
/** FSRS-6 has 21 weights. */
export const FSRS6_WEIGHTS = 21;
/** The most recent answers a fit reads (a bound on the work of one fit). */
export const FIT_HISTORY_LIMIT = 5_000;

export interface ReviewLog {
  /** 1 Again, 2 Hard, 3 Good, 4 Easy. */
  rating: 1 | 2 | 3 | 4;
  /** Whole days since the card's previous review; 0 for its first. */
  deltaT: number;
}

/** One card's reviews, oldest first. */
export type CardHistory = ReviewLog[];

/** A learner's fitted weights, kept on the learner's record. */
export interface ReviewParams {
  version: number;
  w: number[];
  /** Answers the fit read. */
  reviews: number;
  fittedAt: string;
  /**
   * The fit predicted the learner's held-out cards no better than FSRS-6's
   * defaults ({@link checkedFit}), so the defaults stay; `w` is kept to show
   * what was fitted. Absent on fits from before the check: used as they are.
   */
  keptDefaults?: boolean;
}

const DAY = 86_400_000;

/** Per-item histories from attempts (any order in; each history oldest first). */
export function historiesFromAttempts(attempts: readonly AttemptRecord[]): CardHistory[] {
  const byItem = new Map<string, AttemptRecord[]>();
  for (const a of attempts) {
    const list = byItem.get(a.itemId) ?? [];
    list.push(a);
    byItem.set(a.itemId, list);
  }
  return [...byItem.values()].map((list) => {
    const sorted = [...list].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return sorted.map((a, i) => ({
      rating: a.correct ? 3 : 1,
      deltaT: i === 0 ? 0 : Math.floor(Date.parse(a.at) / DAY) - Math.floor(Date.parse(sorted[i - 1]!.at) / DAY),
    }));
  });
}

/** A fit of this version with 21 finite weights. */
function validFit(p: ReviewParams | undefined): p is ReviewParams {
  return !!p && p.version === REVIEW_PARAMS_VERSION && p.w.length === FSRS6_WEIGHTS && p.w.every(Number.isFinite);
}

/** The learner's weights when they are a usable fit of this version that beat the defaults, else undefined (the defaults). */
export function usableWeights(p: ReviewParams | undefined): number[] | undefined {
  return validFit(p) && !p.keptDefaults ? p.w : undefined;
}

/** Whether `reviews` answers call for a (first or new) fit, given the fit kept so far (one that kept the defaults included). */
export function needsFit(p: ReviewParams | undefined, reviews: number): boolean {
  if (reviews < MIN_REVIEWS_TO_FIT) return false;
  return !validFit(p) || reviews >= p.reviews + REFIT_EVERY;
}

/**
 * The record after a fit that failed (or ran past its bound) at `reviews`
 * answers: what was in use stays in use (a usable fit, or the defaults), and
 * `reviews` moves on, so the next try waits for {@link REFIT_EVERY} more
 * answers instead of running, and making the learner wait, at every review.
 */
export function failedTry(p: ReviewParams | undefined, reviews: number, now: Date): ReviewParams {
  if (usableWeights(p)) return { ...p!, reviews };
  return { version: REVIEW_PARAMS_VERSION, w: [...default_w], reviews, fittedAt: now.toISOString(), keptDefaults: true };
}

/** Every {@link HOLD_OUT_EVERY}th card is held out to check a fit before it is used. */
export const HOLD_OUT_EVERY = 5;

/** What a checked fit decided: the weights fitted on all the cards, and whether the defaults stay. */
export interface CheckedFit {
  w: number[];
  keptDefaults: boolean;
}

/**
 * A fit that must earn its place: fitted on four cards in five, it must
 * predict the fifth (the learner's own held-out answers) with a lower log
 * loss than FSRS-6's defaults, or the defaults stay. With a few hundred
 * answers a fit can follow noise: on simulated average learners an unchecked
 * fit did worse than the defaults (README, "Reviews fitted to the learner").
 * The weights used are then fitted again on every card.
 */
export async function checkedFit(fitter: ReviewParamFitter, histories: readonly CardHistory[]): Promise<CheckedFit> {
  const held = histories.filter((_, i) => i % HOLD_OUT_EVERY === HOLD_OUT_EVERY - 1);
  const train = histories.filter((_, i) => i % HOLD_OUT_EVERY !== HOLD_OUT_EVERY - 1);
  const probe = await fitter.fit(train);
  const fitted = predictionLogLoss(held, probe);
  const defaults = predictionLogLoss(held);
  if (fitted === null || defaults === null || !(fitted < defaults)) return { w: probe, keptDefaults: true };
  return { w: await fitter.fit(histories), keptDefaults: false };
}
