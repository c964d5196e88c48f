/**
 * The state the learned policy reads: a fixed-length feature vector built
 * from the coach's {@link Observation} (never the latent state). Linear
 * in these, one weight vector per action: Q(s, a) = w_a · φ(s).
 */
import { mayStepIn } from './advice.ts';
import { ACTIONS, type Action, type Observation } from './episode.ts';
import { SITTING_ITEMS } from './policies.ts';

export const FEATURES = [
  'bias',
  'belief',
  'belief²',
  'mastered',
  'items to go',
  'needs a sitting',
  'attempts this visit',
  'wrong streak',
  'last answer',
  'answer before',
  'answer before that',
  'fresh items left',
  'has prerequisites',
  'weakest prerequisite belief',
  'a prerequisite is weak',
  'planned resource left',
  'planned minutes (log)',
  'planned depth share',
  'planned in stated format',
  'planned is hands-on',
  'alternative left',
  'alternative in stated format',
  'resources studied',
  'first pass',
  'session left',
  'difficulty',
  'belief × planned left',
  'belief × first pass',
  'wrong streak × weak prerequisite',
  'budget used',
  'sessions since asked (log)',
  'course judged mastered',
  'mastered × sessions since asked',
  'right before study (learner)',
  'right before study × planned left',
  'swap minutes (log)',
  'swap depth share',
  'right after study (learner)',
] as const;

export const FEATURE_COUNT = FEATURES.length;

/** φ(o) into `out` (length {@link FEATURE_COUNT}); returns `out`. */
export function features(o: Observation, out: Float64Array = new Float64Array(FEATURE_COUNT)): Float64Array {
  const planned = o.plannedLeft > 0 ? 1 : 0;
  const first = o.pass === 1 ? 1 : 0;
  const streak = Math.min(1, o.wrongStreak / 3);
  const weak = o.prereqWeak > 0 ? 1 : 0;
  out[0] = 1;
  out[1] = o.belief;
  out[2] = o.belief * o.belief;
  out[3] = o.mastered ? 1 : 0;
  out[4] = o.itemsToGo / 3;
  out[5] = o.needsSitting ? 1 : 0;
  out[6] = Math.min(1, o.attempts / 10);
  out[7] = streak;
  out[8] = o.recent[0];
  out[9] = o.recent[1];
  out[10] = o.recent[2];
  out[11] = o.freshItems > 0 ? 1 : 0;
  out[12] = o.prereqs > 0 ? 1 : 0;
  out[13] = o.prereqMin;
  out[14] = weak;
  out[15] = planned;
  out[16] = planned ? Math.log1p(o.nextMinutes) / 6 : 0;
  out[17] = o.nextShare;
  out[18] = o.nextPreferred ? 1 : 0;
  out[19] = o.nextInteractive ? 1 : 0;
  out[20] = o.altLeft ? 1 : 0;
  out[21] = o.altPreferred ? 1 : 0;
  out[22] = Math.min(3, o.studied) / 3;
  out[23] = first;
  out[24] = o.sessionLeft;
  out[25] = (o.difficulty - 1) / 4;
  out[26] = o.belief * planned;
  out[27] = o.belief * first;
  out[28] = streak * weak;
  out[29] = Math.min(1, o.budgetUsed);
  const since = Math.log1p(o.sessionsSinceAsked) / 4;
  out[30] = since;
  out[31] = o.courseMastered;
  out[32] = (o.mastered ? 1 : 0) * since;
  out[33] = o.pretestRight;
  out[34] = o.pretestRight * planned;
  out[35] = Math.log1p(o.swapMinutes) / 6;
  out[36] = o.swapShare;
  out[37] = o.studiedRight;
  return out;
}

/**
 * The actions the learned policy may take here (a shield: it chooses among
 * sensible moves, it does not rediscover that reading the same resource
 * forty times is a waste):
 * - `proceed` while a planned resource is left to study;
 * - `quiz` while an item is fresh this session and the visit has asked fewer
 *   than {@link SITTING_ITEMS};
 * - `hint`, `substitute` and `remediate` only from the second wrong answer in
 *   a row ({@link mayStepIn}, the rule the coach serves it by: one miss is not
 *   a pattern), and then: `hint` at most twice a visit; `substitute` once a
 *   visit, after a resource was studied; `remediate` once a visit, with a
 *   prerequisite below the threshold;
 * - `skip` once the concept is judged mastered, or there is nothing left to
 *   ask this visit, or after two answers this visit (it comes back on the
 *   next pass unless mastered): never blind.
 */
export function validActions(o: Observation): boolean[] {
  const missed = o.recent[0] === -1 && mayStepIn(o);
  const canQuiz = o.freshItems > 0 && o.attempts < SITTING_ITEMS;
  return ACTIONS.map((a: Action) => {
    switch (a) {
      case 'proceed':
        return o.plannedLeft > 0;
      case 'quiz':
        return canQuiz;
      case 'hint':
        return missed && o.visitHints < 2;
      case 'substitute':
        return missed && o.studied > 0 && o.visitSubstitutes < 1;
      case 'remediate':
        return missed && o.prereqWeak > 0 && o.visitRemediations < 1;
      case 'skip':
        return o.mastered || !canQuiz || o.attempts >= 2;
    }
  });
}
