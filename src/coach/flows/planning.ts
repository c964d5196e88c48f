/**
 * The learner's path: (re)planning with the planner from current mastery,
 * keeping done steps done, and showing it next-steps-first with reasons.
 */
import { aboutDuration, minutesText, plural } from '../../core/text/wording.ts';
import type { Reply } from '../../core/chat/messages.ts';
import type { PlanStepRecord } from '../../core/ports/learner-store.port.ts';
import { UserError } from '../../core/errors.ts';
import { prerequisiteClosure } from '../../core/graph/build.ts';
import { currentStep, masteryMap, masteryOf } from '../learner.ts';
import { phaseRanks, sectionTitles } from '../../core/plan/teaching-order.ts';
import { commandButton, buttons, reply, say, pct } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { cohortFactors } from './resource-evidence.ts';

export interface ReplanOptions {
  /** Resources to plan without from now on (one that did not work for the learner). */
  exclude?: string[];
  /** Done resources to take up again (remediation of a weak prerequisite). */
  reopen?: string[];
}

/** Resources excluded so far; kept with the plan (an additive, optional field of the stored plan). */
export function excludedResources(ctx: TurnContext): string[] {
  return ctx.learner.plan?.excluded ?? [];
}

/**
 * Plans again for the learner's goals. Done steps stay done (unless
 * reopened); mastered concepts drop out because the planner skips them.
 */
export function replan(ctx: TurnContext, opts: ReplanOptions = {}): void {
  const { services, learner } = ctx;
  if (learner.goals.length === 0) {
    learner.plan = null;
    return;
  }
  const excluded = [...new Set([...excludedResources(ctx), ...(opts.exclude ?? [])])];
  const reopen = new Set(opts.reopen ?? []);
  const prevProgress = new Map((learner.plan?.steps ?? []).filter((s) => s.status === 'todo' && s.progress && !reopen.has(s.resourceId)).map((s) => [s.resourceId, s.progress!]));
  const prevDone = new Map((learner.plan?.steps ?? []).filter((s) => s.status === 'done' && !reopen.has(s.resourceId)).map((s) => [s.resourceId, s]));
  const result = services.plan(services.graph, {
    goals: learner.goals,
    mastery: masteryMap(services, learner),
    masteryThreshold: services.masteryThreshold,
    preferences: {
      preferredFormats: learner.settings.preferredFormats,
      avoidedFormats: learner.settings.avoidedFormats,
      minutesPerDay: learner.settings.minutesPerDay,
    },
    excludeResources: excluded,
    done: [...prevDone.keys()],
    // The workspace's evidence on which resources teach (none below 20 learners a concept).
    ...(() => {
      const cohort = cohortFactors(ctx);
      return cohort ? { cohort } : {};
    })(),
  });
  const steps: PlanStepRecord[] = result.steps.map((s) => {
    const was = prevDone.get(s.resource.id);
    const progress = prevProgress.get(s.resource.id);
    return {
      ...(progress && !(s.done || was) ? { progress } : {}),
      resourceId: s.resource.id,
      concepts: s.concepts,
      minutes: s.minutes,
      reason: s.reason,
      status: s.done || was ? 'done' : 'todo',
      ...(was?.doneAt ? { doneAt: was.doneAt } : {}),
    };
  });
  learner.plan = { createdAt: ctx.now.toISOString(), steps, totalCost: result.totalCost, optimal: result.optimal, ...(excluded.length ? { excluded } : {}) };
}

/**
 * Moves the todo steps that teach `conceptId` or its prerequisites to the
 * front, keeping their relative order (the planner's order already puts
 * prerequisites first, so dependencies stay satisfied).
 */
export function prioritize(ctx: TurnContext, conceptId: string): void {
  const plan = ctx.learner.plan;
  if (!plan) return;
  const need = prerequisiteClosure(ctx.services.graph, [conceptId]);
  const first = (s: PlanStepRecord) => s.status === 'todo' && s.concepts.some((c) => need.has(c));
  plan.steps = [...plan.steps.filter((s) => s.status === 'done'), ...plan.steps.filter(first), ...plan.steps.filter((s) => s.status !== 'done' && !first(s))];
}

/** The concept to work on now: the first not-yet-mastered concept of the current step. */
export function currentConcept(ctx: TurnContext): string | null {
  const step = currentStep(ctx.learner);
  if (!step) return null;
  const t = ctx.services.masteryThreshold;
  return step.concepts.find((c) => masteryOf(ctx.services, ctx.learner, c) < t) ?? step.concepts[0] ?? null;
}

export function requireGoal(ctx: TurnContext): void {
  if (ctx.learner.goals.length === 0) {
    throw new UserError('NO_GOAL', 'You have no goal yet. Tell me what you want to learn, e.g. "I want to learn docker".');
  }
}

export function goalTitles(ctx: TurnContext): string {
  const g = ctx.services.graph;
  return ctx.learner.goals.map((id) => g.goals.get(id)?.title ?? g.concepts.get(id)?.title ?? id).join(', ');
}

export function conceptTitle(ctx: TurnContext, id: string): string {
  return ctx.services.graph.concepts.get(id)?.title ?? id;
}

/** One line about a step: resource, format, time and what it teaches. */
export function stepLine(ctx: TurnContext, s: PlanStepRecord): string {
  const r = ctx.services.graph.resources.get(s.resourceId);
  const concepts = s.concepts.map((c) => conceptTitle(ctx, c)).join(', ');
  return `${r?.title ?? s.resourceId} (${r?.type ?? 'resource'}, ${minutesText(s.minutes)}) — ${concepts}`;
}

/** The plan, next steps first with their reasons; done steps summed up at the end. */
export function planReply(ctx: TurnContext, maxSteps = 8): Reply {
  requireGoal(ctx);
  const plan = ctx.learner.plan;
  if (!plan) throw new UserError('NO_PLAN', 'I have no plan for you yet. Set a goal first.');
  const todo = plan.steps.filter((s) => s.status === 'todo');
  const done = plan.steps.filter((s) => s.status === 'done');
  if (todo.length === 0) {
    return reply(say(`🏁 Your path to ${goalTitles(ctx)} is complete: ${plural(done.length, 'step')} done. Keep your reviews going, or set a new goal.`), buttons(commandButton('Progress', 'progress'), commandButton('Reviews', 'review')));
  }
  const minutes = todo.reduce((n, s) => n + s.minutes, 0);
  const days = Math.max(1, Math.ceil(minutes / Math.max(1, ctx.learner.settings.minutesPerDay)));
  const shown = todo.slice(0, maxSteps);
  const titles = sectionTitles(ctx.services.graph, ctx.learner.goals, phaseRanks(ctx.services.graph, ctx.learner.goals), shown.map((s) => s.concepts));
  let phase: string | null = null;
  const lines = shown.map((s, i) => {
    const title = titles[i] ?? null;
    const header = title && title !== phase ? `— ${title} —\n` : '';
    phase = title ?? phase;
    return `${header}${i + 1}. ${stepLine(ctx, s)}\n   why: ${s.reason}`;
  });
  const more = todo.length > maxSteps ? `…and ${plural(todo.length - maxSteps, 'more step')}.` : '';
  const concept = currentConcept(ctx);
  return reply(
    say(`🗺️ Your path to ${goalTitles(ctx)}: ${plural(todo.length, 'step')} left, ${aboutDuration(minutes)} (~${plural(days, 'day')} at ${ctx.learner.settings.minutesPerDay} min/day).`),
    say(lines.join('\n') + (more ? `\n${more}` : '')),
    done.length > 0 ? say(`✓ ${plural(done.length, 'step')} done.`) : null,
    concept ? say(`Now: ${conceptTitle(ctx, concept)} (mastery ${pct(masteryOf(ctx.services, ctx.learner, concept))}).`) : null,
    buttons(commandButton("Today's task", 'today', 'primary'), commandButton('Quiz me', 'quiz'), commandButton('As a picture', 'plan picture')),
  );
}
