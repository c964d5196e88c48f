/**
 * A goal or concept named in passing, or in "where do I start with …": it is
 * the learner's goal already, part of their path (and where on it), or a
 * goal they might want (and where it would start). "what should I learn
 * first for docker" once got the goal parser's "not sure which you mean"
 * list, and "where do I start with go first" lost Go to today's task.
 */
import type { Reply } from '../../core/chat/messages.ts';
import { UserError } from '../../core/errors.ts';
import { masteryMap } from '../learner.ts';
import { setPending } from '../pending.ts';
import { button, buttons, commandButton, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { QUIZ_CONCEPT } from './adapt.ts';
import { GOAL_PICK, goalConcepts, nodeTitle, pickGoal } from './goal.ts';
import { conceptTitle } from './planning.ts';

/**
 * The answer about node `id` for a learner with a plan. `start`: asked where
 * to start on it, so the answer says where: the step of their plan that
 * starts it, or the first step a plan for it would take.
 */
export function namedNodeReply(ctx: TurnContext, id: string, start = false): Reply {
  const g = ctx.services.graph;
  const title = nodeTitle(g, id)!;
  if (ctx.learner.goals.includes(id)) return pickGoal(ctx, id); // "… is already your goal."
  if (g.concepts.has(id) && goalConcepts(g, ctx.learner.goals).has(id)) {
    const todo = (ctx.learner.plan?.steps ?? []).filter((s) => s.status === 'todo');
    const at = start ? todo.findIndex((s) => s.concepts.includes(id)) : -1;
    setPending(ctx.learner, null); // an earlier offer is not answered by this
    const where = at >= 0 ? `: it starts at step ${at + 1} of your plan, ${g.resources.get(todo[at]!.resourceId)?.title ?? todo[at]!.resourceId}.` : '.';
    return reply(
      say(`${title} is part of your path already${where}`),
      buttons(commandButton("Today's task", 'today', 'primary'), button(`Quiz me on ${title}`, QUIZ_CONCEPT, id), commandButton('Plan', 'plan')),
    );
  }
  const first = start ? firstStepFor(ctx, id) : null;
  // A typed "yes" takes it as the button does ("Yes or no to what?" once answered it); "no" declines.
  setPending(ctx.learner, { kind: 'goal-choice', ids: [id], confirm: true });
  return reply(say(`Do you want to make ${title} your goal?${first ? ` It would start with ${first}.` : ''}`), buttons(button(`Yes, learn ${title}`, GOAL_PICK, id, 'primary'), commandButton('No', 'help')));
}

/** The first resource (and what it teaches) of a plan to `id` from what the learner knows; null when none can be planned. */
function firstStepFor(ctx: TurnContext, id: string): string | null {
  const { services, learner } = ctx;
  try {
    const plan = services.plan(services.graph, {
      goals: [id],
      mastery: masteryMap(services, learner),
      masteryThreshold: services.masteryThreshold,
      preferences: { preferredFormats: learner.settings.preferredFormats, avoidedFormats: learner.settings.avoidedFormats, minutesPerDay: learner.settings.minutesPerDay },
    });
    const step = plan.steps.find((s) => !s.done);
    if (!step) return null;
    // A prerequisite first: say so ("Networking basics, which Docker and containers builds on").
    const own = step.concepts.includes(id) || services.graph.goals.has(id) ? '' : `, which ${conceptTitle(ctx, id)} builds on`;
    return `${step.resource.title} (${step.concepts.map((c) => conceptTitle(ctx, c)).join(', ')}${own})`;
  } catch (err) {
    if (err instanceof UserError) return null;
    throw err;
  }
}
