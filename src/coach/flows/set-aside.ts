/**
 * Resources a learner set aside (a link they said was broken, a resource
 * swapped for another) stay off their plans. When what is left no longer
 * teaches a concept in full, the planner says so (NoPathError, with the
 * resources set aside); this flow words that for the learner, by title, and
 * lets them bring one back ("Bring back …").
 */
import type { Button, Reply } from '../../core/chat/messages.ts';
import { UserError } from '../../core/errors.ts';
import type { KnowledgeGraph } from '../../core/graph/types.ts';
import { NoPathError } from '../../core/plan/plan-problem.ts';
import { button, buttons, commandButton, merge, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { excludedResources, replan } from './planning.ts';
import { todayReply } from './today.ts';

/** "Bring back …" (value: the resource id). */
export const RESTORE = 'plan.restore';

/** Buttons shown at most: the platforms take five in a row, and one is left for another move. */
const MAX_RESTORE = 3;

/** The resources set aside that teach `conceptId`, except `but` (the one just reported). */
export function setAsideFor(ctx: TurnContext, conceptId: string, but?: string): string[] {
  const excluded = new Set(excludedResources(ctx));
  return (ctx.services.graph.resourcesByConcept.get(conceptId) ?? []).filter((r) => excluded.has(r.id) && r.id !== but).map((r) => r.id);
}

const titleOf = (graph: KnowledgeGraph, id: string) => graph.resources.get(id)?.title ?? id;
const titleList = (graph: KnowledgeGraph, ids: readonly string[]) => ids.map((id) => titleOf(graph, id)).join('; ');
const nameOf = (graph: KnowledgeGraph, id: string) => graph.concepts.get(id)?.title ?? graph.goals.get(id)?.title ?? id;

/** `instead`: the resource just reported broken, which the one brought back replaces when the plan can do without it. */
export function restoreButtons(graph: KnowledgeGraph, ids: readonly string[], instead?: string): Button[] {
  return ids.slice(0, MAX_RESTORE).map((id) => button(`Bring back ${titleOf(graph, id)}`, RESTORE, instead ? `${id}|${instead}` : id));
}

/**
 * What a learner reads when their goals cannot be planned: what blocks it,
 * and, when resources they set aside would help, buttons to bring one back.
 * Nothing of the turn was saved (the planner threw), so they try again after.
 */
export function noPathReply(graph: KnowledgeGraph, err: NoPathError): Reply {
  const concepts = err.blocked.map((c) => nameOf(graph, c)).join(', ') || 'what it builds on';
  const goal = nameOf(graph, err.target);
  if (err.setAside.length === 0) {
    return reply(say(`I can't plan a path to ${goal}: I have nothing yet that teaches ${concepts} in full. Your plan stays as it was.`), buttons(commandButton('Plan', 'plan'), commandButton('Help', 'help')));
  }
  return reply(
    say(
      `I can't plan a path to ${goal}: without ${titleList(graph, err.setAside)}, which you set aside (a broken link or a swap), ` +
        `what's left doesn't cover ${concepts} in full. Bring one back, then try again; your plan stays as it was.`,
    ),
    buttons(...restoreButtons(graph, err.setAside), commandButton('Plan', 'plan')),
  );
}

/**
 * "Bring back …" pressed: the resource may be planned again; the plan is made
 * again with it. Offered after a broken link (value `<id>|<broken id>`), it
 * comes back in place of the broken one, which is set aside too when the
 * plan can do without it: otherwise the learner met that link again as the
 * next step.
 */
export function restoreResource(ctx: TurnContext, value: string): Reply {
  const [resourceId = '', instead] = value.split('|');
  const { graph } = ctx.services;
  if (!graph.resources.has(resourceId)) throw new UserError('UNKNOWN_RESOURCE', 'I have nothing by that name any more. Type "plan" for your plan.');
  const title = titleOf(graph, resourceId);
  const plan = ctx.learner.plan;
  if (!plan?.excluded?.includes(resourceId)) return merge(reply(say(`${title} is not set aside.`)), todayReply(ctx));
  const left = plan.excluded.filter((id) => id !== resourceId);
  // The plan with the resource no longer set aside (the field goes when nothing is left in it).
  const { excluded: _was, ...rest } = plan;
  const back = left.length > 0 ? { ...rest, excluded: left } : rest;
  ctx.learner.plan = back;
  try {
    replan(ctx);
  } catch (err) {
    if (!(err instanceof NoPathError)) throw err;
    // Still not enough: the one brought back stays back, the steps as they were, and the others offered.
    ctx.learner.plan = back;
    const more = err.setAside.filter((id) => id !== resourceId);
    return reply(say(`${title} is back, but that isn't enough yet${more.length > 0 ? ': bring back another too' : ''}.`), buttons(...restoreButtons(graph, more), commandButton('Plan', 'plan')));
  }
  const replaced = instead ? setAsideIfPossible(ctx, instead) : null;
  const inPlace = replaced ? `, in place of ${titleOf(graph, replaced)}` : '';
  return merge(reply(say(`OK, ${title} is back among the resources I plan with${inPlace}. If I couldn't do something for you before, try it again now.`)), todayReply(ctx));
}

/** Sets aside `id` (a link reported broken, not done) when the plan can do without it; its id then, else null. */
function setAsideIfPossible(ctx: TurnContext, id: string): string | null {
  const plan = ctx.learner.plan;
  if (!plan || !ctx.services.graph.resources.has(id) || plan.excluded?.includes(id) || plan.steps.some((s) => s.resourceId === id && s.status === 'done')) return null;
  try {
    replan(ctx, { exclude: [id], reopen: [id] });
    return id;
  } catch (err) {
    if (!(err instanceof NoPathError)) throw err;
    ctx.learner.plan = plan;
    return null;
  }
}
