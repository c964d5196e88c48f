/**
 * When the coach may say "you know this": the BKT belief is necessary, not
 * sufficient. Mastery must mean mastery, so it also needs evidence a
 * memoriser or a guesser cannot fake cheaply:
 *
 * - P(L) ≥ θ (0.95 by default), traced with {@link observe} and a per-item guess;
 * - right answers on at least `minDistinctItems` (3) different items, each
 *   counted once per exposure (an item whose answer was shown feeds review,
 *   not mastery, until its review card is due again: see {@link countsAsEvidence});
 * - for concepts of difficulty ≥ `spacedFromDifficulty` (3), those right
 *   answers spread over at least `minSittings` (2) sittings, a sitting being
 *   answers at least `sittingGapMs` (1 hour) after the previous sitting began.
 *
 * A concept with fewer items than `minDistinctItems` needs all of them.
 * Pure: the coach keeps the evidence in the learner's record.
 */
import { DEFAULT_MASTERY_THRESHOLD } from './bkt.ts';

export interface MasteryRule {
  threshold: number;
  minDistinctItems: number;
  minSittings: number;
  spacedFromDifficulty: number;
  sittingGapMs: number;
}

export const DEFAULT_MASTERY_RULE: Readonly<MasteryRule> = Object.freeze({
  threshold: DEFAULT_MASTERY_THRESHOLD,
  minDistinctItems: 3,
  minSittings: 2,
  spacedFromDifficulty: 3,
  sittingGapMs: 60 * 60 * 1000,
});

/** What the rule reads about one concept. */
export interface MasteryEvidence {
  /** P(L) as traced. */
  p: number;
  /** Distinct items answered right while they counted as evidence. */
  rightItems: readonly string[];
  /** Sittings with at least one right answer that counted. */
  sittings: number;
}

export interface MasteryVerdict {
  mastered: boolean;
  /** What is still missing, for telling the learner; empty when mastered. */
  missing: ('belief' | 'items' | 'sittings')[];
  /** Distinct right items still needed (0 when enough). */
  itemsToGo: number;
}

export function judgeMastery(e: MasteryEvidence, concept: { difficulty: number; quizSize: number }, rule: MasteryRule = DEFAULT_MASTERY_RULE): MasteryVerdict {
  const missing: MasteryVerdict['missing'] = [];
  if (e.p < rule.threshold) missing.push('belief');
  const needItems = Math.min(rule.minDistinctItems, Math.max(1, concept.quizSize));
  const itemsToGo = Math.max(0, needItems - new Set(e.rightItems).size);
  if (itemsToGo > 0) missing.push('items');
  if (concept.difficulty >= rule.spacedFromDifficulty && e.sittings < rule.minSittings) missing.push('sittings');
  return { mastered: missing.length === 0, missing, itemsToGo };
}

/**
 * The belief the learner is shown and the planner reads: P(L) itself once the
 * concept is mastered, otherwise held just under the threshold, so a high
 * belief from too little evidence never reads as "mastered" or skips a step.
 */
export function shownBelief(p: number, verdict: MasteryVerdict, rule: MasteryRule = DEFAULT_MASTERY_RULE): number {
  return verdict.mastered ? p : Math.min(p, rule.threshold - 0.01);
}

/**
 * Whether an answer to an item counts as mastery evidence: yes for an item
 * never answered, or one whose review card has fallen due (the learner has
 * had time to forget the answer they were shown); no while the card is not
 * yet due, when a right answer may only be the shown answer remembered.
 */
export function countsAsEvidence(card: { due: string } | null, now: Date): boolean {
  return card === null || Date.parse(card.due) <= now.getTime();
}

/**
 * Sittings after a right answer at `now`: a new sitting starts when the last
 * one began at least `sittingGapMs` earlier.
 */
export function nextSittings(prev: { sittings: number; sittingStartedAt?: string | undefined }, now: Date, rule: MasteryRule = DEFAULT_MASTERY_RULE): { sittings: number; sittingStartedAt: string } {
  const last = prev.sittingStartedAt ? Date.parse(prev.sittingStartedAt) : NaN;
  if (Number.isFinite(last) && now.getTime() - last < rule.sittingGapMs) return { sittings: Math.max(1, prev.sittings), sittingStartedAt: prev.sittingStartedAt! };
  return { sittings: prev.sittings + 1, sittingStartedAt: now.toISOString() };
}
