/**
 * The simulator's learner populations: hand-set distributions of each
 * simulated learner's parameters per concept, written down here so every
 * figure the simulator gives can be traced to a number someone chose.
 *
 * Per learner and concept (d = the concept's difficulty, 1…5):
 * - prior      P(known before anything): Beta(prior(d))
 * - resource   P(learn from one `complete` resource of a neutral format): Beta(resource(d));
 *              a resource of depth share s (overview ¼, core ½, complete 1),
 *              type effect e_type and format factor e_fmt teaches with
 *              1 − (1 − resource)^(s · e_type · e_fmt · ability)
 * - practice   P(learn from one quiz item with feedback): Beta(practice(d))
 * - hint       P(learn from one worked hint): Beta(hint(d))
 *              (both once the learner has studied the concept: before any
 *              resource they teach a tenth as much, see learner.ts exposureFactor)
 * - guess      P(right without knowing), floored at 1/k for k options: Beta(guess)
 * - slip       P(wrong while knowing): Beta(slip(d))
 * - forget     P(losing a concept at the first session break after learning it):
 *              Beta(forget); one that survives that night is consolidated and is
 *              lost with P(forget) × `consolidatedForget` per later break
 * and per learner:
 * - ability: a lognormal factor exp(σ·Z) on every learning exponent
 * - test-wise: Bernoulli(testWise); a test-wise learner who does not know picks
 *   the cue on a cued item (src/core/graph/cues.ts) and is right half the time
 * - format: one preferred resource type (× `preferredFactor`) and one disliked
 *   (× `dislikedFactor`), uniformly among the types; the coach is told the
 *   preference, but the learner's word is right with P(statedRight)
 * Learning of any kind is multiplied by `prereqGate` (exponent) while some
 * prerequisite is not known ("all of" edges, and at least one member of each
 * "any one of" group).
 */
import type { ResourceType } from '../graph/types.ts';
import type { BetaSpec } from './distributions.ts';

export interface SimVariant {
  name: string;
  /** One line: who these learners are. */
  description: string;
  /** Indexed by difficulty − 1 (five entries). */
  prior: readonly BetaSpec[];
  resource: readonly BetaSpec[];
  practice: readonly BetaSpec[];
  hint: readonly BetaSpec[];
  slip: readonly BetaSpec[];
  guess: BetaSpec;
  forget: BetaSpec;
  consolidatedForget: number;
  abilitySigma: number;
  testWise: number;
  prereqGate: number;
  typeEffect: Readonly<Record<ResourceType, number>>;
  preferredFactor: number;
  dislikedFactor: number;
  statedRight: number;
  /** Study minutes in one session (one day); a session break lets fragile knowledge go. */
  sessionMinutes: number;
  /** After an item's answer was shown in this session, P(right) from remembering it. */
  recall: number;
}

const b = (mean: number, kappa: number): BetaSpec => ({ mean, kappa });
/** Five Beta specs with means falling linearly from `easy` (d = 1) to `hard` (d = 5). */
const byDifficulty = (easy: number, hard: number, kappa: number): BetaSpec[] =>
  [0, 1, 2, 3, 4].map((i) => b(easy + ((hard - easy) * i) / 4, kappa));

const NEUTRAL_TYPES: Readonly<Record<ResourceType, number>> = { video: 0.95, article: 1, book: 1, exercise: 1.2, quiz: 0.9, project: 1.25, course: 1.1 };

/**
 * The training population: beginners whose practice learning matched what
 * the coach's defaults assumed when it was written (learn 0.30 at difficulty
 * 1 to 0.10 at 5, here 0.25 to 0.10 once studied), resources teaching most,
 * and one in ten new concepts lost at the next break. The coach's defaults
 * have since changed (src/core/kt/bkt-params.ts: 0.015 to 0.005 per quiz
 * answer, and a study step per finished resource); the population was
 * committed before training and is kept as it was, so these learners learn
 * from a quiz item 17 to 20 times what the coach now credits.
 */
export const STANDARD: SimVariant = Object.freeze({
  name: 'standard',
  description: "beginners: low priors, resources teach most, practice 0.25–0.10 an item (the coach's old defaults), some overnight loss",
  prior: byDifficulty(0.25, 0.08, 6),
  resource: byDifficulty(0.75, 0.45, 8),
  practice: byDifficulty(0.25, 0.1, 10),
  hint: byDifficulty(0.15, 0.08, 10),
  slip: byDifficulty(0.05, 0.15, 20),
  guess: b(0.15, 10),
  forget: b(0.1, 8),
  consolidatedForget: 0,
  abilitySigma: 0.3,
  testWise: 0.3,
  prereqGate: 0.15,
  typeEffect: NEUTRAL_TYPES,
  preferredFactor: 1.4,
  dislikedFactor: 0.5,
  statedRight: 0.7,
  sessionMinutes: 60,
  recall: 0.9,
});

/** Same shape, slower: every learning rate lower (practice at about half the standard rate), more slips, more forgetting. */
export const SLOW: SimVariant = Object.freeze({
  ...STANDARD,
  name: 'slow',
  description: 'the standard shape scaled: learning rates about 0.5×, slips and forgetting up',
  prior: byDifficulty(0.2, 0.05, 6),
  resource: byDifficulty(0.5, 0.25, 8),
  practice: byDifficulty(0.12, 0.05, 10),
  hint: byDifficulty(0.08, 0.04, 10),
  slip: byDifficulty(0.08, 0.2, 20),
  forget: b(0.2, 8),
  abilitySigma: 0.4,
});

/**
 * Different distributions from training, not a rescaling: experienced
 * learners (high, spread-out priors), practice teaching as much as reading,
 * weaker prerequisite gating, strong format likes and dislikes, more
 * test-wise guessers, shorter sessions.
 */
export const SHIFTED: SimVariant = Object.freeze({
  ...STANDARD,
  name: 'shifted',
  description: 'experienced learners: high spread-out priors, practice teaches as much as reading, strong format effects, many test-wise',
  prior: byDifficulty(0.5, 0.3, 2),
  resource: byDifficulty(0.6, 0.4, 3),
  practice: byDifficulty(0.2, 0.1, 4),
  hint: byDifficulty(0.15, 0.08, 4),
  slip: byDifficulty(0.1, 0.2, 8),
  guess: b(0.25, 4),
  forget: b(0.1, 3),
  consolidatedForget: 0.01,
  abilitySigma: 0.5,
  testWise: 0.6,
  prereqGate: 0.4,
  typeEffect: { video: 1.1, article: 0.9, book: 0.8, exercise: 1.3, quiz: 1, project: 1.3, course: 1 },
  preferredFactor: 2,
  dislikedFactor: 0.3,
  statedRight: 0.5,
  sessionMinutes: 30,
  recall: 0.95,
});

/** The variants shipped with the code, by name (the benchmark-only `fitted` one is built at run time from a file). */
export const VARIANTS: Readonly<Record<string, SimVariant>> = Object.freeze({ standard: STANDARD, slow: SLOW, shifted: SHIFTED });
