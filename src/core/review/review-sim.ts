/**
 * Simulated review logs from a learner whose memory follows a known FSRS-6
 * parameter set: for the fit's benchmark (bench/fsrs-fit.bench.ts) and
 * tests. Pure and seeded.
 *
 * Each card is first seen on a random day of the first `spreadDays`; that
 * first answer is right with probability `firstRight`. Later reviews happen
 * when the coach would bring the card back (FSRS with the default weights,
 * the schedule every learner starts on), times a lognormal delay
 * exp(0.5·Z) and at least a day, because learners do not review exactly on
 * time. At each review the answer is right with the true retrievability
 *   R(t) = (1 + f · t / S)^(−d)    (FSRS-6, S and d from the true weights)
 * and the true memory state moves on with the true weights; the coach's
 * schedule moves on with the defaults.
 */
import { createEmptyCard, default_w, fsrs, Rating, type Card } from 'ts-fsrs';
import type { Rng } from '../random.ts';
import type { CardHistory } from './review-params.ts';

const DAY = 86_400_000;

/**
 * FSRS-6 weights of a learner who forgets faster (`factor` < 1) or slower
 * (> 1) than the default learner: the four initial stabilities (w0–w3) are
 * scaled by `factor`, and the stability gained after a successful review by
 * exp(w8) is scaled by √factor.
 */
export function forgetterWeights(factor: number): number[] {
  const w = [...default_w];
  for (let i = 0; i < 4; i++) w[i] = Math.min(100, Math.max(0.001, w[i]! * factor));
  w[8] = Math.max(0, w[8]! + 0.5 * Math.log(factor));
  return w;
}

export interface SimulatedReviews {
  histories: CardHistory[];
  /** The same answers as attempts would record them (item id, right or not, when). */
  answers: { itemId: string; correct: boolean; at: Date }[];
}

export interface ReviewSimOptions {
  cards: number;
  reviewsPerCard: number;
  start: Date;
  spreadDays?: number;
  firstRight?: number;
}

function normal(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Review logs of one simulated learner with true weights `trueW`. */
export function simulateReviews(trueW: readonly number[], opts: ReviewSimOptions, rng: Rng): SimulatedReviews {
  const truth = fsrs({ w: [...trueW], enable_fuzz: false, enable_short_term: false });
  const coach = fsrs({ enable_fuzz: false, enable_short_term: false });
  const spread = opts.spreadDays ?? 30;
  const histories: CardHistory[] = [];
  const answers: SimulatedReviews['answers'] = [];
  for (let c = 0; c < opts.cards; c++) {
    const itemId = `item-${c}`;
    let at = new Date(opts.start.getTime() + Math.floor(rng() * spread) * DAY + Math.floor(rng() * 12) * 3600_000);
    let mem: Card = createEmptyCard(at);
    let sched: Card = createEmptyCard(at);
    const history: CardHistory = [];
    let prev: Date | null = null;
    for (let k = 0; k < opts.reviewsPerCard; k++) {
      const p = k === 0 ? (opts.firstRight ?? 0.6) : truth.get_retrievability(mem, at, false);
      const right = rng() < p;
      const grade = right ? Rating.Good : Rating.Again;
      history.push({ rating: right ? 3 : 1, deltaT: prev ? Math.floor(at.getTime() / DAY) - Math.floor(prev.getTime() / DAY) : 0 });
      answers.push({ itemId, correct: right, at });
      mem = truth.next(mem, at, grade).card;
      sched = coach.next(sched, at, grade).card;
      prev = at;
      const planned = sched.due.getTime() - at.getTime();
      at = new Date(at.getTime() + Math.max(DAY, Math.round((planned * Math.exp(0.5 * normal(rng))) / DAY) * DAY));
    }
    histories.push(history);
  }
  return { histories, answers };
}
