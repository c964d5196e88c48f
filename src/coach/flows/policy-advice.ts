/**
 * The learned teaching policy (src/core/sim/learned-policy.ts), asked what
 * the coach serves of it: it sees what the simulator's policy saw, rebuilt
 * from the learner's record, and the coach takes exactly the decisions
 * src/core/sim/advice.ts defines (the same functions the simulator's shield
 * and its simulated coach, the `coach` row, use):
 * - after a miss, from the second in a row: go back to a prerequisite, or
 *   another way in ({@link adviceAfterMiss});
 * - after a right answer, once the concept's planned resources are done and
 *   the rule does not yet say mastered: one more question, or enough for
 *   today ({@link pacingAfterAnswer});
 * - on a concept the rule says is mastered, not asked today: a review
 *   question ({@link reviewOffer}).
 * Everything else stays with the rules; none of it credits mastery.
 *
 * The record does not keep everything the simulator tracks, so some
 * features are read conservatively: the last answers are the miss streak,
 * items still fresh are the items not yet answered right, the visit and pass
 * are the first, and the session untouched. The course's progress is worked
 * out from the record: the share of the plan's concepts the rule calls
 * mastered, and minutes studied and answered against twice the plan's.
 */
import { adviceAfterMiss as policyAdvice, asTheCoachSees, coachBudgetUsed, COACH_PRETEST_RIGHT, COACH_STUDIED_RIGHT, mayStepIn, pacingAfterRight, reviewNow, type AdviceAction, type PacingAction } from '../../core/sim/advice.ts';
import { DEPTH_SHARE, type Resource } from '../../core/graph/types.ts';
import type { Observation } from '../../core/sim/episode.ts';
import { localDate } from '../../core/schedule/daily-time.ts';
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

/**
 * The policy's pacing right after a right answer on `conceptId`, `answered`
 * being the answers in this quiz so far: "quiz" (one more question), "skip"
 * (enough for today; it comes back), with its one line; null to leave it to
 * the quiz as planned.
 */
export function pacingAfterAnswer(ctx: TurnContext, conceptId: string, answered: number): { action: PacingAction; why: string } | null {
  const policy = ctx.services.teachingPolicy;
  if (!policy) return null;
  const o = observationOf(ctx, conceptId, { attempts: answered, recent: [1, 0, 0] });
  if (!o) return null;
  const action = pacingAfterRight(policy, o);
  return action ? { action, why: policy.explain?.(o, action) ?? '' } : null;
}

/**
 * A review question the policy asks for: the first concept of the plan
 * (in its order) that the rule says is mastered, last answered on an earlier
 * day, on which {@link reviewNow} says quiz; with its one line. Null without
 * a policy or when none qualifies.
 */
export function reviewOffer(ctx: TurnContext): { conceptId: string; why: string } | null {
  const policy = ctx.services.teachingPolicy;
  if (!policy) return null;
  const tz = ctx.learner.settings.timezone;
  const today = Date.parse(localDate(ctx.now, tz));
  const seen = new Set<string>();
  for (const step of ctx.learner.plan?.steps ?? []) {
    for (const c of step.concepts) {
      if (seen.has(c)) continue;
      seen.add(c);
      const m = ctx.learner.mastery[c];
      if (!m || m.attempts === 0 || (ctx.services.graph.concepts.get(c)?.quiz.length ?? 0) === 0) continue;
      const days = Math.round((today - Date.parse(localDate(new Date(m.updatedAt), tz))) / 86_400_000);
      const o = observationOf(ctx, c, { attempts: 0, recent: [0, 0, 0], sessionsSinceAsked: Math.max(0, days) });
      if (o && reviewNow(policy, o)) return { conceptId: c, why: policy.explain?.(o, 'quiz') ?? '' };
    }
  }
  return null;
}

/** What differs from the record's reading when the coach asks at another moment than after a miss. */
interface Moment {
  attempts: number;
  recent: [number, number, number];
  sessionsSinceAsked?: number;
}

function observationOf(ctx: TurnContext, conceptId: string, moment?: Moment): Observation | null {
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
  // Shortest first, as the simulator orders a concept's alternatives (core/sim/course.ts).
  const alternatives = (g.resourcesByConcept.get(conceptId) ?? [])
    .filter((r) => !planned.has(r.id) && !excluded.has(r.id))
    .sort((a, b) => a.minutes - b.minutes || a.id.localeCompare(b.id));
  const stated = learner.settings.preferredFormats;
  // What "another way in" would give (as the simulator reads it): an alternative in a stated format, else the shortest; else the resource that taught it, again.
  const swap = alternatives.find((r) => stated.includes(r.type)) ?? alternatives[0];
  const taught = todo[0] ?? [...steps].reverse().find((s) => s.status === 'done' && s.concepts.includes(conceptId));
  const again = swap || !taught ? undefined : g.resources.get(taught.resourceId);
  const streak = m.wrongStreak;
  const recent: [number, number, number] = moment?.recent ?? [streak >= 1 ? -1 : 1, streak >= 2 ? -1 : 0, streak >= 3 ? -1 : 0];
  return asTheCoachSees({
    concept: 0,
    concepts: 1,
    difficulty: concept.difficulty,
    belief: m.p,
    mastered: verdict.mastered,
    itemsToGo: verdict.itemsToGo,
    needsSitting: verdict.missing.includes('sittings'),
    attempts: moment?.attempts ?? m.attempts,
    wrongStreak: streak,
    recent,
    freshItems: Math.max(0, concept.quiz.length - (m.rightItems?.length ?? 0)),
    prereqs: prereqs.length,
    prereqMin: beliefs.length > 0 ? Math.min(...beliefs) : 1,
    prereqWeak: beliefs.filter((p) => p < theta).length,
    plannedLeft: todo.length,
    nextMinutes: next?.minutes ?? 0,
    nextShare: next ? shareOf(next, conceptId) : 0,
    nextPreferred: next !== undefined && stated.includes(next.type),
    nextInteractive: next !== undefined && ['exercise', 'project', 'course'].includes(next.type),
    altLeft: alternatives.length > 0,
    altPreferred: alternatives.some((r) => stated.includes(r.type)),
    swapMinutes: swap ? swap.minutes : again ? again.minutes / 2 : 0,
    swapShare: swap ? shareOf(swap, conceptId) : again ? shareOf(again, conceptId) / 2 : 0,
    studied: steps.filter((s) => s.status === 'done' && s.concepts.includes(conceptId)).length,
    visitHints: 0,
    visitSubstitutes: 0,
    visitRemediations: 0,
    pass: 1,
    sessionsSinceAsked: moment?.sessionsSinceAsked ?? 0,
    // Not kept in the record: read as no evidence (the simulator's coach row reads it so too: asTheCoachSees).
    pretestRight: COACH_PRETEST_RIGHT,
    studiedRight: COACH_STUDIED_RIGHT,
    courseMastered: courseMastered(ctx),
    sessionLeft: 1,
    // This plan's study and answers only: a learner's earlier goals are not this course's budget.
    budgetUsed: coachBudgetUsed(
      steps.filter((s) => s.status === 'done').reduce((n, s) => n + s.minutes, 0),
      [...new Set(steps.flatMap((s) => s.concepts))].reduce((n, c) => n + (learner.mastery[c]?.attempts ?? 0), 0),
      steps.reduce((n, s) => n + s.minutes, 0),
    ),
    // The coach never knows the latent state; the learned policy does not read this.
    oracle: { known: false, prereqsKnown: true },
  });
}

/** The share of a resource's teaching that is about `conceptId`, by its depth there (overview ¼, core ½, complete 1). */
function shareOf(r: Resource, conceptId: string): number {
  return DEPTH_SHARE[r.depth[conceptId] ?? 'complete'];
}

/** The share of the plan's concepts the mastery rule calls mastered (0 without a plan). */
function courseMastered(ctx: TurnContext): number {
  const concepts = new Set((ctx.learner.plan?.steps ?? []).flatMap((s) => s.concepts));
  let mastered = 0;
  for (const c of concepts) if (masteryVerdict(ctx.services, ctx.learner, c).mastered) mastered++;
  return concepts.size > 0 ? mastered / concepts.size : 0;
}
