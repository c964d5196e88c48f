/**
 * Goals from free text: the goal parser's confident match is taken; when it
 * is unsure, its top candidates are offered as buttons; when nothing fits,
 * the coach says so and lists the goals it knows.
 */
import type { Reply } from '../../core/chat/messages.ts';
import { UserError } from '../../core/errors.ts';
import { prerequisiteClosure } from '../../core/graph/build.ts';
import type { KnowledgeGraph } from '../../core/graph/types.ts';
import { setPending } from '../pending.ts';
import { button, buttons, merge, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { startAssessment } from './onboarding.ts';
import { planReply, replan } from './planning.ts';
import { scheduleDaily } from './review-schedule.ts';

export const GOAL_PICK = 'goal.pick';
export const GOAL_NONE = 'goal.none';

export function nodeTitle(graph: KnowledgeGraph, id: string): string | null {
  return graph.goals.get(id)?.title ?? graph.concepts.get(id)?.title ?? null;
}

/** Concepts a goal (or a concept taken as a goal) needs, prerequisites included. */
export function goalConcepts(graph: KnowledgeGraph, goals: readonly string[]): Set<string> {
  const targets = goals.flatMap((g) => graph.goals.get(g)?.targets ?? [g]);
  return prerequisiteClosure(graph, targets);
}

/** Buttons for some known goals, for when nothing matched. */
export function goalMenu(ctx: TurnContext, max = 6): Reply {
  const goals = [...ctx.services.graph.goals.values()].slice(0, max);
  return reply(buttons(...goals.map((g) => button(g.title.slice(0, 80), GOAL_PICK, g.id))));
}

export function goalFromText(ctx: TurnContext, text: string): Reply {
  const { match, candidates } = ctx.services.goals.parse(text);
  if (match && nodeTitle(ctx.services.graph, match)) return applyGoal(ctx, match);
  const top = candidates.filter((c) => nodeTitle(ctx.services.graph, c.id)).slice(0, 4);
  if (top.length > 0) {
    setPending(ctx.learner, { kind: 'goal-choice', ids: top.map((c) => c.id) });
    return reply(
      say('I am not sure which you mean. Is it one of these?'),
      buttons(...top.map((c) => button(`${c.title}${c.kind === 'concept' ? ' (skill)' : ''}`.slice(0, 80), GOAL_PICK, c.id)), button('None of these', GOAL_NONE)),
    );
  }
  return merge(
    reply(say("I couldn't match that to anything I can teach yet. Try naming a role or a skill, like \"data scientist\" or \"docker\", or pick one of these:")),
    goalMenu(ctx),
  );
}

/** A goal button was pressed; the id is checked against the graph (values can be forged). */
export function pickGoal(ctx: TurnContext, id: string): Reply {
  if (!nodeTitle(ctx.services.graph, id)) throw new UserError('UNKNOWN_GOAL', "I don't know that goal any more. Tell me in your own words what you want to learn.");
  return applyGoal(ctx, id);
}

export function noneOfThese(ctx: TurnContext): Reply {
  setPending(ctx.learner, null);
  return merge(reply(say('No problem. Describe it another way, or pick one of these:')), goalMenu(ctx));
}

function applyGoal(ctx: TurnContext, id: string): Reply {
  const { learner, services } = ctx;
  const title = nodeTitle(services.graph, id)!;
  learner.goals = [id];
  setPending(learner, null);
  if (learner.onboarding !== 'done') {
    return merge(reply(say(`🎯 Goal: ${title}.`)), startAssessment(ctx));
  }
  replan(ctx);
  scheduleDaily(ctx);
  return merge(reply(say(`🎯 New goal: ${title}. I've planned your path again; steps you finished stay done.`)), planReply(ctx));
}
