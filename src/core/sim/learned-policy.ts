/**
 * The learned teaching policy: greedy in a linear action-value function,
 *   a* = argmax_a Q(s, a),  Q(s, a) = w_a · φ(s)
 * over the features of features.ts, with weights fitted by fitted
 * Q-iteration in the simulator (fqi.ts) and kept in a versioned file that
 * records how it was trained. Each decision comes with one line for the
 * learner saying why.
 */
import { z } from 'zod';
import { ContentError } from '../errors.ts';
import { ACTIONS, type Action, type Observation } from './episode.ts';
import { FEATURE_COUNT, FEATURES, features, validActions } from './features.ts';
import type { TeachingPolicy } from './policies.ts';

export const POLICY_FORMAT = 'pathwise.teaching-policy/1';

const policyFileSchema = z.object({
  format: z.literal(POLICY_FORMAT),
  /** Bumped whenever the features, actions or simulator change meaning. */
  version: z.number().int().positive(),
  trainedWith: z.object({
    command: z.string(),
    seed: z.number().int(),
    variant: z.string(),
    goals: z.array(z.string()),
    /** Day the file was trained (UTC, YYYY-MM-DD). */
    date: z.string().optional(),
    note: z.string().optional(),
  }),
  features: z.array(z.string()),
  actions: z.array(z.enum(ACTIONS)),
  weights: z.array(z.array(z.number())),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;

/**
 * The current meaning of features and actions; a file of another version is refused.
 * 2: the coach's belief moves by its study step when a resource is finished
 * and learns little per quiz answer (bkt-params.ts), so `belief` and the
 * prerequisites' beliefs no longer mean what version 1 was trained on.
 * 3: the coach's defaults start lower and learn half as much per answer
 * (prior 0.1 → 0.05, learn 0.03 − 0.005·(d − 1) → 0.015 − 0.0025·(d − 1)),
 * so the beliefs a version-2 file was fitted to rise more slowly than the
 * coach's now do.
 * 4: the shield lets the policy hint, swap or go back only from the second
 * miss in a row (advice.ts, the rule the coach serves it by), so a version-3
 * file was fitted to moves it may no longer make after one miss; two
 * features on how often the learner answers right before studying; a
 * concept truly known is worth 80 hours in training (was 40).
 * 5: two features on what a swap would cost (the alternative's minutes and
 * depth share, or the planned resource again at half: a version-4 file could
 * not tell a 5-minute article from a 12-hour course, and swapped into the
 * long ones on slow learners); one on how often this learner answers right
 * after studying (a sign of how fast they learn); the weights are the mean
 * of three training runs (fqi.ts, ensemble).
 */
export const POLICY_VERSION = 5;

/** Checks a parsed policy file against the features and actions of this build; names the file and what is wrong. */
export function parsePolicyFile(data: unknown, file: string): PolicyFile {
  const r = policyFileSchema.safeParse(data);
  if (!r.success) throw new ContentError(r.error.issues.map((i) => ({ file, path: i.path.join('.'), code: 'POLICY_SCHEMA', reason: i.message })));
  const p = r.data;
  const problems: string[] = [];
  if (p.version !== POLICY_VERSION) problems.push(`version ${p.version}, this build reads version ${POLICY_VERSION}: train it again`);
  if (p.features.join('|') !== FEATURES.join('|')) problems.push('its features are not the ones this build computes: train it again');
  if (p.actions.join('|') !== ACTIONS.join('|')) problems.push('its actions are not the ones this build knows');
  if (p.weights.length !== ACTIONS.length || p.weights.some((w) => w.length !== FEATURE_COUNT || w.some((x) => !Number.isFinite(x)))) {
    problems.push(`weights must be ${ACTIONS.length} rows of ${FEATURE_COUNT} finite numbers`);
  }
  if (problems.length > 0) throw new ContentError(problems.map((reason) => ({ file, path: '', code: 'POLICY_INVALID', reason })));
  return p;
}

/** Q(s, a) for every action (−∞ where the action makes no sense). */
export function actionValues(weights: readonly (readonly number[])[], o: Observation, phi: Float64Array = features(o)): number[] {
  const valid = validActions(o);
  return weights.map((w, a) => {
    if (!valid[a]) return -Infinity;
    let q = 0;
    for (let k = 0; k < phi.length; k++) q += w[k]! * phi[k]!;
    return q;
  });
}

/** The greedy policy of a weight matrix (one row per action, in {@link ACTIONS} order). */
export function learnedPolicy(weights: readonly (readonly number[])[], name = 'learned'): TeachingPolicy {
  const phi = new Float64Array(FEATURE_COUNT);
  return {
    name,
    // Later passes come back to every concept: the policy decides whether a concept the rule calls mastered deserves a review question.
    revisit: 'all',
    decide(o) {
      const q = actionValues(weights, o, features(o, phi));
      let best = 0;
      for (let a = 1; a < q.length; a++) if (q[a]! > q[best]!) best = a;
      return ACTIONS[best]!;
    },
    explain: explainAction,
  };
}

/** One line for the learner: why this action, in terms of what the coach can see. */
export function explainAction(o: Observation, a: Action): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  switch (a) {
    case 'proceed':
      return o.plannedLeft > 0 ? `Next in your plan: the resource for this concept (I'm at ${pct(o.belief)} that you know it).` : 'Your plan moves on to the next concept.';
    case 'quiz':
      if (o.mastered) return "A review question: you've shown you know this, and I'm checking it stuck.";
      return o.attempts === 0 && o.plannedLeft > 0
        ? 'A quick question first: if you already know this, you can skip the reading.'
        : `One more question: the evidence is not there yet (${pct(o.belief)}${o.itemsToGo > 0 ? `, ${o.itemsToGo} more different question(s) right` : ''}).`;
    case 'skip':
      return o.mastered ? "You've shown you know this; moving on." : "Moving on for now; we'll come back to this one in a later session.";
    case 'hint':
      return 'A worked hint on the idea you missed, before the next question.';
    case 'substitute':
      return o.altLeft ? 'This resource may not suit you: here is another way in.' : 'Go through the resource again before the next question.';
    case 'remediate':
      return `A gap underneath: the weakest prerequisite is at ${pct(o.prereqMin)}, so back to it first.`;
  }
}
