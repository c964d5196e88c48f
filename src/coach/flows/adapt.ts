/**
 * The adaptive loop, after each practice answer on concept c:
 *
 * - Mastery: when P(L_c) first reaches the threshold (0.95), the plan moves
 *   on: replan; the planner drops what is mastered, done steps stay done.
 * - Remediation: after `remediateAfter` (3) wrong answers in a row on c, go
 *   back to c's weakest prerequisite, argmin_{q ∈ prereq(c), P(L_q) < θ} P(L_q),
 *   reopening its steps; with no such prerequisite, exclude the resource that
 *   taught c and replan for another one. Either way, say why. A resource
 *   the learner has not finished yet (its step still ahead) is not blamed:
 *   the misses say what it has yet to teach, so the answer is to study it
 *   first, and no swap is made.
 * - With a learned teaching policy (services.teachingPolicy), it is asked
 *   after every miss and may send the learner back or to another resource
 *   sooner, with its one-line reason first (flows/policy-advice.ts).
 */
import type { Reply } from '../../core/chat/messages.ts';
import type { PlanStepRecord } from '../../core/ports/learner-store.port.ts';
import { UserError } from '../../core/errors.ts';
import { teachesAhead } from '../../core/plan/day-slice.ts';
import { currentStep, masteryOf } from '../learner.ts';
import { button, buttons, commandButton, pct, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import type { AnswerOutcome } from './answers.ts';
import { conceptTitle, currentConcept, prioritize, replan, stepLine } from './planning.ts';
import { adviceAfterMiss } from './policy-advice.ts';

export const QUIZ_CONCEPT = 'quiz.concept';

export function adaptAfterAnswer(ctx: TurnContext, conceptId: string, o: AnswerOutcome): Reply | null {
  const { services, learner } = ctx;
  const t = services.masteryThreshold;
  if (o.after >= t && o.before < t) {
    if (learner.goals.length === 0) return reply(say(`🎉 You've mastered ${conceptTitle(ctx, conceptId)} (${pct(o.after)}).`));
    replan(ctx);
    const next = currentStep(learner);
    return reply(
      say(
        `🎉 You've mastered ${conceptTitle(ctx, conceptId)} (${pct(o.after)}). Your plan moves on` +
          (next ? `: next up is ${stepLine(ctx, next)}.` : ': that was the last step. Well done!'),
      ),
      buttons(commandButton("Today's task", 'today', 'primary'), commandButton('Plan', 'plan')),
    );
  }
  // The learned policy may step in before the rules do, and chooses between going back and another way in;
  // the move's own message says why, in one line (the policy's line would say it a second time).
  // The policy's "another resource" is not taken for a resource not studied yet: the rules answer at three misses.
  // (The shared rule, core/sim/advice.ts `mayStepIn`, sees only the miss streak; the coach makes this choice.)
  const offered = o.correct ? null : adviceAfterMiss(ctx, conceptId);
  const advice = offered?.action === 'substitute' && notStudiedYet(ctx, conceptId) ? null : offered;
  if (advice || (!o.correct && o.wrongStreak >= services.remediateAfter)) {
    learner.mastery[conceptId] = { ...learner.mastery[conceptId]!, wrongStreak: 0 };
    return remediate(ctx, conceptId, o.wrongStreak, advice?.action ?? 'remediate');
  }
  return null;
}

/**
 * Back to the weakest prerequisite below the threshold, else another
 * resource, else the same one again; `prefer` "substitute" (the learned
 * policy's advice) tries another resource first.
 */
function remediate(ctx: TurnContext, conceptId: string, misses: number, prefer: 'remediate' | 'substitute'): Reply {
  const { services, learner } = ctx;
  const g = services.graph;
  const title = conceptTitle(ctx, conceptId);
  const weakest = weakestPrerequisite(ctx, conceptId);

  const swapped = prefer === 'substitute' ? anotherWayIn(ctx, conceptId, misses) : null;
  if (swapped) return swapped;
  if (weakest && learner.goals.length > 0) {
    goBackTo(ctx, conceptId, weakest.id);
    const w = conceptTitle(ctx, weakest.id);
    return reply(
      say(
        `You've missed ${misses} in a row on ${title}. That usually means a gap underneath: ` +
          `${w}, which ${title} builds on, is at ${pct(weakest.p)}. Let's go back to ${w} first.`,
      ),
      buttons(button(`Quiz me on ${w}`, QUIZ_CONCEPT, weakest.id, 'primary'), commandButton("Today's task", 'today'), commandButton('Plan', 'plan')),
    );
  }

  const ahead = notStudiedYet(ctx, conceptId);
  if (ahead) return studyFirst(ctx, conceptId, misses, ahead);
  const another = prefer === 'substitute' ? null : anotherWayIn(ctx, conceptId, misses);
  if (another) return another;
  const step = taughtBy(ctx, conceptId);
  const r = step ? g.resources.get(step.resourceId) : undefined;
  return reply(
    say(
      `You've missed ${misses} in a row on ${title}. No shame in that: it's a tricky one. ` +
        `Read the explanations above, then go through ${r ? `${r.title} (${r.url})` : 'the resource'} again before the next quiz.`,
    ),
    buttons(commandButton("Today's task", 'today', 'primary'), commandButton('Quiz me', 'quiz')),
  );
}

/**
 * The step that is to teach `conceptId` when the learner has not finished it
 * yet (still ahead in the plan): misses on a quiz taken before it ("quiz me"
 * on the first day) say nothing about whether it suits them. Null when the
 * resource was studied (of a long one, the parts on the concept are read
 * though later parts remain), or no step teaches the concept.
 */
function notStudiedYet(ctx: TurnContext, conceptId: string): PlanStepRecord | null {
  const step = taughtBy(ctx, conceptId);
  if (step?.status !== 'todo') return null;
  // A long resource stays 'todo' until its last part; once the parts on this concept are read, it was studied
  // (else "study it first" would hold until the whole resource is done, and the resource could never be blamed).
  const r = ctx.services.graph.resources.get(step.resourceId);
  return !r || !step.progress || teachesAhead(r, step.progress, conceptId) ? step : null;
}

/** After misses on a concept whose resource is still ahead: study it first (where they are in it, if started), then the quiz again; a later step, when the plan comes to it. */
function studyFirst(ctx: TurnContext, conceptId: string, misses: number, step: PlanStepRecord): Reply {
  const title = conceptTitle(ctx, conceptId);
  const r = ctx.services.graph.resources.get(step.resourceId);
  const name = r ? `${r.title} (${r.url})` : 'the resource for it';
  // "done" marks the current step: for a later step it would mark another task, so the plan brings them to it instead.
  if (currentStep(ctx.learner)?.resourceId !== step.resourceId) {
    return reply(
      say(
        `You've missed ${misses} in a row on ${title}. That's expected: ${name} teaches it, and it comes later in your plan. ` +
          `Keep to today's task; once you've studied it there, I'll quiz you on ${title} again.`,
      ),
      buttons(commandButton("Today's task", 'today', 'primary'), commandButton('Plan', 'plan')),
    );
  }
  const where = step.progress ? `you're partway through ${name}` : `you haven't studied ${name} yet`;
  return reply(
    say(
      `You've missed ${misses} in a row on ${title}. That's expected: ${where}, and the quiz asks what it teaches. ` +
        `Study it first (say "done" when you have), then I'll quiz you again.`,
    ),
    buttons(commandButton("Today's task", 'today', 'primary'), commandButton('Plan', 'plan')),
  );
}

/**
 * The prerequisite of `conceptId` the learner knows least, among those below
 * the threshold: argmin_{q ∈ prereq(c), P(L_q) < θ} P(L_q); from an "any one
 * of" group only the member the learner knows best counts. Null when every
 * prerequisite is solid (or there is none).
 */
export function weakestPrerequisite(ctx: TurnContext, conceptId: string): { id: string; p: number } | null {
  const { services, learner } = ctx;
  const concept = services.graph.concepts.get(conceptId);
  const t = services.masteryThreshold;
  const best = (group: string[]) => [...group].sort((a, b) => masteryOf(services, learner, b) - masteryOf(services, learner, a))[0]!;
  const prereqs = [...new Set([...(concept?.requires ?? []), ...(concept?.requiresAnyOf.map(best) ?? [])])];
  return (
    prereqs
      .map((id) => ({ id, p: masteryOf(services, learner, id) }))
      .filter((x) => x.p < t)
      .sort((a, b) => a.p - b.p || a.id.localeCompare(b.id))[0] ?? null
  );
}

/** Takes up again what taught the weak prerequisite and `conceptId`, weak one first, at the front of the plan. */
export function goBackTo(ctx: TurnContext, conceptId: string, weakId: string): void {
  const g = ctx.services.graph;
  const reopen = [weakId, conceptId].flatMap((c) => (g.resourcesByConcept.get(c) ?? []).map((r) => r.id));
  replan(ctx, { reopen });
  prioritize(ctx, weakId);
}

/** The step that taught `conceptId`: the one ahead, or the one marked done most recently. */
function taughtBy(ctx: TurnContext, conceptId: string) {
  const { learner } = ctx;
  return (
    learner.plan?.steps.find((s) => s.status === 'todo' && s.concepts.includes(conceptId)) ??
    [...(learner.plan?.steps ?? [])].reverse().find((s) => s.status === 'done' && s.concepts.includes(conceptId))
  );
}

/** Another resource for `conceptId` in place of the one that taught it, when there is one; null leaves the plan as it was. */
function anotherWayIn(ctx: TurnContext, conceptId: string, misses: number): Reply | null {
  const g = ctx.services.graph;
  const title = conceptTitle(ctx, conceptId);
  const swap = swapResource(ctx, conceptId);
  if (!swap) return null;
  return reply(
    say(`You've missed ${misses} in a row on ${title}, so ${g.resources.get(swap.from)?.title ?? 'that resource'} may not suit you. Here's another way in: ${stepLine(ctx, swap.to)}.`),
    buttons(commandButton("Today's task", 'today', 'primary'), commandButton('Plan', 'plan')),
  );
}

/** The step that teaches `conceptId` now (or taught it last), and whether another resource could take its place. */
export function swapOption(ctx: TurnContext, conceptId: string): { step: PlanStepRecord; alternatives: number } | null {
  const { services, learner } = ctx;
  const step = taughtBy(ctx, conceptId);
  if (!step || learner.goals.length === 0) return null;
  const excluded = learner.plan?.excluded ?? [];
  const alternatives = (services.graph.resourcesByConcept.get(conceptId) ?? []).filter((r) => r.id !== step.resourceId && !excluded.includes(r.id));
  return { step, alternatives: alternatives.length };
}

/**
 * Plans without the resource that teaches `conceptId` (excluded from now
 * on, as after repeated misses) and puts the step that now teaches it first.
 * Returns the resource left and the step in its place, or null with the plan
 * as it was when no other resource takes its place.
 */
export function swapResource(ctx: TurnContext, conceptId: string): { from: string; to: PlanStepRecord } | null {
  const { learner } = ctx;
  const option = swapOption(ctx, conceptId);
  if (!option || option.alternatives === 0) return null;
  const from = option.step.resourceId;
  const before = learner.plan;
  try {
    replan(ctx, { exclude: [from], reopen: [from] });
  } catch (err) {
    // The others cannot make a plan without it (NO_PATH: together they do not teach the concept far enough): keep it.
    if (err instanceof UserError && err.code === 'NO_PATH') {
      learner.plan = before;
      return null;
    }
    throw err;
  }
  prioritize(ctx, conceptId);
  const now = learner.plan?.steps.find((s) => s.status === 'todo' && s.concepts.includes(conceptId));
  if (now && now.resourceId !== from) return { from, to: now };
  learner.plan = before;
  return null;
}

/** The concept a bare `quiz` is about: the current one in the plan. */
export function defaultQuizConcept(ctx: TurnContext): string | null {
  return currentConcept(ctx);
}
