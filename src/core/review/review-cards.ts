/**
 * Spaced repetition for quiz items, with ts-fsrs doing all the scheduling
 * (FSRS-6: difficulty, stability and retrievability per card). This module
 * only maps Pathwise's answers to FSRS ratings and the card to and from the
 * plain record the store keeps (dates as ISO strings). Pure: `now` comes in.
 *
 * Rating from an answer: wrong → Again; right → Good, or Easy when it came
 * quickly (under {@link EASY_WITHIN_MS}), Hard when it took long (over
 * {@link HARD_AFTER_MS}). Short-term (minute) steps are off: a daily coach
 * reviews in days, so a first Good lands a few days out.
 *
 * The weights are FSRS-6's defaults unless the learner's own fit is given
 * (review-params.ts: from 300 answers on).
 */
import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import type { ReviewCardRecord } from '../ports/learner-store.port.ts';

export const EASY_WITHIN_MS = 8_000;
export const HARD_AFTER_MS = 90_000;

const defaultScheduler = fsrs({ enable_fuzz: false, enable_short_term: false });

/** The scheduler for the learner's fitted weights, or the default one (building one is cheap: no state beyond the weights). */
function schedulerFor(w: readonly number[] | undefined): ReturnType<typeof fsrs> {
  return w ? fsrs({ w: [...w], enable_fuzz: false, enable_short_term: false }) : defaultScheduler;
}

/** Maps one answer to an FSRS grade; `responseMs` is optional (buttons on some platforms carry no timing). */
export function gradeFor(correct: boolean, responseMs?: number): Grade {
  if (!correct) return Rating.Again;
  if (responseMs === undefined) return Rating.Good;
  if (responseMs <= EASY_WITHIN_MS) return Rating.Easy;
  if (responseMs >= HARD_AFTER_MS) return Rating.Hard;
  return Rating.Good;
}

function toPlain(card: Card): Record<string, unknown> {
  return {
    ...card,
    due: card.due.toISOString(),
    last_review: card.last_review ? card.last_review.toISOString() : null,
  };
}

function fromPlain(plain: Record<string, unknown>): Card {
  const c = plain as unknown as Omit<Card, 'due' | 'last_review'> & { due: string; last_review: string | null };
  return { ...c, due: new Date(c.due), ...(c.last_review ? { last_review: new Date(c.last_review) } : { last_review: undefined }) } as Card;
}

/**
 * The card after one answer: a new card for an item seen the first time,
 * then one FSRS step with the answer's grade, under the learner's fitted
 * weights `w` when given (else the defaults).
 */
export function reviewCard(
  prev: ReviewCardRecord | null,
  item: { learnerId: string; itemId: string; conceptId: string },
  grade: Grade,
  now: Date,
  w?: readonly number[],
): ReviewCardRecord {
  const card = prev ? fromPlain(prev.card) : createEmptyCard(now);
  const next = schedulerFor(w).next(card, now, grade).card;
  return { learnerId: item.learnerId, itemId: item.itemId, conceptId: item.conceptId, due: next.due.toISOString(), card: toPlain(next) };
}

/**
 * The card an item would have now had it been scheduled with weights `w`
 * from its first answer: its answers replayed in order (right → Good, wrong
 * → Again, as the fit saw them). Used once a learner's own weights are
 * fitted, so their cards' memory states match the weights that move them on.
 * Null for an item without answers.
 */
export function replayCard(
  answers: readonly { correct: boolean; at: string }[],
  item: { learnerId: string; itemId: string; conceptId: string },
  w: readonly number[],
): ReviewCardRecord | null {
  const sorted = [...answers].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (sorted.length === 0) return null;
  const s = schedulerFor(w);
  let card = createEmptyCard(new Date(sorted[0]!.at));
  for (const a of sorted) card = s.next(card, new Date(a.at), a.correct ? Rating.Good : Rating.Again).card;
  return { learnerId: item.learnerId, itemId: item.itemId, conceptId: item.conceptId, due: card.due.toISOString(), card: toPlain(card) };
}

/**
 * How well weights `w` (FSRS-6's defaults without it) predict a learner's
 * answers: mean log loss of the recall probability FSRS gives each review
 * after a card's first, replaying each history in order (a right answer as
 * Good, a miss as Again). Null when no history has a second review. Pure; for
 * checking a fit against the defaults on held-out cards (review-params.ts).
 */
export function predictionLogLoss(histories: readonly { rating: number; deltaT: number }[][], w?: readonly number[]): number | null {
  const s = w ? schedulerFor(w) : fsrs({ enable_fuzz: false, enable_short_term: false });
  const start = Date.UTC(2000, 0, 1);
  let loss = 0;
  let n = 0;
  for (const h of histories) {
    let t = start;
    let card = createEmptyCard(new Date(t));
    h.forEach((r, i) => {
      t += r.deltaT * 86_400_000;
      const now = new Date(t);
      if (i > 0) {
        const p = Math.min(1 - 1e-6, Math.max(1e-6, s.get_retrievability(card, now, false)));
        loss -= r.rating > 1 ? Math.log(p) : Math.log(1 - p);
        n++;
      }
      card = s.next(card, now, r.rating > 1 ? Rating.Good : Rating.Again).card;
    });
  }
  return n === 0 ? null : loss / n;
}

/** Days until the card is due again, rounded, for telling the learner. */
export function daysUntilDue(card: ReviewCardRecord, now: Date): number {
  return Math.max(0, Math.round((new Date(card.due).getTime() - now.getTime()) / 86_400_000));
}
