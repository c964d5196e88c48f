/**
 * The learned teaching policy (src/core/sim/learned-policy.ts), asked after
 * a missed answer whether to step in before the rules would: it sees what the
 * simulator's policy saw, rebuilt from the learner's record, and its advice
 * is followed only for the moves the coach makes after a miss (go back to a
 * prerequisite, or another way in), and only from the second miss in a row:
 * the rule and the moves are src/core/sim/advice.ts, the same definition the
 * simulator's shield and its simulated coach use. Everything else stays with
 * the rules.
 *
 * The record does not keep everything the simulator tracks, so some
 * features are read conservatively: the last answers are the miss streak,
 * items still fresh are the items not yet answered right, the visit and pass
 * are the first, and the session and budget are untouched.
 */
import { adviceAfterMiss as policyAdvice, mayStepIn, type AdviceAction } from '../../core/sim/advice.ts';
import type { Observation } from '../../core/sim/episode.ts';
import { masteryVerdict } from '../learner.ts';
import type { TurnContext } from '../turn.ts';

/** The policy's advice after a miss on `conceptId`: a move the coach can make now, and why in one line; null to leave it to the rules. */
export function adviceAfterMiss(ctx: TurnContext, conceptId: string): { action: AdviceAction; why: string } | null {
  const policy = ctx.services.teachingPolicy;
  if (!policy) return null;
  // One miss is not a pattern: a learner who just asked for a quiz and says "idk" once is not sent elsewhere.
  if (!mayStepIn({ wrongStreak: ctx.learner.mastery[conceptId]?.wrongStreak ?? 0 })) return null;
  const o = observationOf(ctx, conceptId);
  if (!o) return null;
  const action = policyAdvice(policy, o);
  if (!action) return null;
  return { action, why: policy.explain?.(o, action) ?? '' };
}

function observationOf(ctx: TurnContext, conceptId: string): Observation | null {
  const { services, learner } = ctx;
  const g = services.graph;
  const concept = g.concepts.get(conceptId);
  const m = learner.mastery[conceptId];
  if (!concept || !m) return null;
  const theta = services.masteryThreshold;
  const prereqs = [...new Set([...concept.requires, ...concept.requiresAnyOf.flat()])];
  const beliefs = prereqs.map((id) => learner.mastery[id]?.p ?? services.bktParams(id).prior);
  const verdict = masteryVerdict(services, learner, conceptId);
  const steps = learner.plan?.steps ?? [];
  const todo = steps.filter((s) => s.status === 'todo' && s.concepts.includes(conceptId));
  const next = todo[0] ? g.resources.get(todo[0].resourceId) : undefined;
  const planned = new Set(steps.filter((s) => s.concepts.includes(conceptId)).map((s) => s.resourceId));
  const excluded = new Set(learner.plan?.excluded ?? []);
  const alternatives = (g.resourcesByConcept.get(conceptId) ?? []).filter((r) => !planned.has(r.id) && !excluded.has(r.id));
  const stated = learner.settings.preferredFormats;
  const streak = m.wrongStreak;
  const recent: [number, number, number] = [streak >= 1 ? -1 : 1, streak >= 2 ? -1 : 0, streak >= 3 ? -1 : 0];
  return {
    concept: 0,
    concepts: 1,
    difficulty: concept.difficulty,
    belief: m.p,
    mastered: verdict.mastered,
    itemsToGo: verdict.itemsToGo,
    needsSitting: verdict.missing.includes('sittings'),
    attempts: m.attempts,
    wrongStreak: streak,
    recent,
    freshItems: Math.max(0, concept.quiz.length - (m.rightItems?.length ?? 0)),
    prereqs: prereqs.length,
    prereqMin: beliefs.length > 0 ? Math.min(...beliefs) : 1,
    prereqWeak: beliefs.filter((p) => p < theta).length,
    plannedLeft: todo.length,
    nextMinutes: next?.minutes ?? 0,
    nextShare: next ? { overview: 0.25, core: 0.5, complete: 1 }[next.depth[conceptId] ?? 'complete'] : 0,
    nextPreferred: next !== undefined && stated.includes(next.type),
    nextInteractive: next !== undefined && ['exercise', 'project', 'course'].includes(next.type),
    altLeft: alternatives.length > 0,
    altPreferred: alternatives.some((r) => stated.includes(r.type)),
    studied: steps.filter((s) => s.status === 'done' && s.concepts.includes(conceptId)).length,
    visitHints: 0,
    visitSubstitutes: 0,
    visitRemediations: 0,
    pass: 1,
    sessionsSinceAsked: 0,
    // Not kept in the record: read as no evidence.
    pretestRight: 0.25,
    courseMastered: 0,
    sessionLeft: 1,
    budgetUsed: 0,
    // The coach never knows the latent state; the learned policy does not read this.
    oracle: { known: false, prereqsKnown: true },
  };
}
