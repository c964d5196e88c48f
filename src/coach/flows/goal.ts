/**
 * Goals from free text: the goal parser's confident match is taken; when it
 * is unsure, its top candidates are offered as buttons; when nothing fits,
 * the coach says so and lists the goals it knows.
 */
import type { Reply } from '../../core/chat/messages.ts';
import { UserError } from '../../core/errors.ts';
import { prerequisiteClosure } from '../../core/graph/build.ts';
import type { KnowledgeGraph } from '../../core/graph/types.ts';
import { readPending, setPending } from '../pending.ts';
import { button, buttons, merge, reply, say } from '../replies.ts';
import type { GoalParse } from '../engines.ts';
import type { ParseOptions } from '../../core/goal/goal-parser.ts';
import type { TurnContext } from '../turn.ts';
import { saidOnlyAsWord } from './names-said.ts';
import { startAssessment } from './onboarding.ts';
import { goalTitles, planReply, replan } from './planning.ts';
import { scheduleDaily } from './review-schedule.ts';

export const GOAL_PICK = 'goal.pick';
export const GOAL_NONE = 'goal.none';
export const GOAL_ADD = 'goal.add';
export const GOAL_SWITCH = 'goal.switch';
export const GOAL_KEEP = 'goal.keep';

/**
 * Whether text could name a goal at all: a single letter, a number or one
 * short token ("b", "3", "ok") never does, so it is never read as one (it once
 * set A/B testing as the goal when a learner typed "b").
 */
export function couldBeGoal(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}][\p{L}\p{N}+#.-]*/gu) ?? [];
  if (words.length === 0) return false;
  if (words.length === 1 && words[0]!.replace(/[^\p{L}\p{N}]/gu, '').length <= 2) return false;
  return true;
}

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
  return reply(buttons(...goals.map((g) => button(g.title, GOAL_PICK, g.id))));
}

/**
 * The goal parser's reading of `text`, without the nodes it names only by an
 * English word used as a verb ("how to express it" is no Express).
 */
export function parseGoal(ctx: TurnContext, text: string, opts?: ParseOptions): GoalParse {
  const parsed = ctx.services.goals.parse(text, opts);
  const dropped = [parsed.match, ...parsed.candidates.map((c) => c.id)].filter((id): id is string => id !== null && saidOnlyAsWord(ctx, text, id));
  if (dropped.length === 0) return parsed;
  const kept = (id: string) => !dropped.includes(id);
  if (parsed.match && kept(parsed.match)) return { ...parsed, candidates: parsed.candidates.filter((c) => kept(c.id)) };
  // The verb is no topic for meaning either ("express" once brought Algebra basics, by "expressions"): read without it.
  const words = oneWordNames(ctx, dropped);
  const without = text.replace(/[\p{L}\p{N}+#]+/gu, (w) => (words.has(w.toLowerCase()) ? ' ' : w)).replace(/\s+/g, ' ').trim();
  const again = without && couldBeGoal(without) ? ctx.services.goals.parse(without, opts) : { match: null, candidates: [] };
  return again.match && kept(again.match) ? { ...again, candidates: again.candidates.filter((c) => kept(c.id)) } : { match: null, candidates: again.candidates.filter((c) => kept(c.id)) };
}

/** The one-word names (lower case) of these nodes. */
function oneWordNames(ctx: TurnContext, ids: readonly string[]): Set<string> {
  const g = ctx.services.graph;
  const names = ids.flatMap((id) => {
    const n = g.goals.get(id) ?? g.concepts.get(id);
    return n ? [n.title, ...n.aliases, n.id.replace(/-/g, ' ')] : [];
  });
  return new Set(names.map((x) => x.toLowerCase().replace(/[^\p{L}\p{N}+#]+/gu, ' ').trim()).filter((x) => x.length > 0 && !x.includes(' ')));
}

export function goalFromText(ctx: TurnContext, text: string): Reply {
  if (!couldBeGoal(text)) {
    return merge(reply(say('Tell me in a few words what you want to learn, like "become a data analyst" or "learn docker", or pick one of these:')), goalMenu(ctx));
  }
  const { match, candidates, byMeaning } = parseGoal(ctx, text);
  // A learner with a goal is asked "add or switch?" anyway; one without would have it set at once.
  const setsAtOnce = ctx.learner.onboarding !== 'done' || ctx.learner.goals.length === 0;
  if (match && nodeTitle(ctx.services.graph, match)) return byMeaning && setsAtOnce ? offerGoal(ctx, match, candidates) : applyGoal(ctx, match);
  const top = candidates.filter((c) => nodeTitle(ctx.services.graph, c.id)).slice(0, 4);
  if (top.length > 0) {
    setPending(ctx.learner, { kind: 'goal-choice', ids: top.map((c) => c.id) });
    return reply(
      say('I am not sure which you mean. Is it one of these?'),
      buttons(...top.map((c) => button(`${c.title}${c.kind === 'concept' ? ' (skill)' : ''}`, GOAL_PICK, c.id)), button('None of these', GOAL_NONE)),
    );
  }
  return merge(
    reply(say("I couldn't match that to anything I can teach yet. Try naming a role or a skill, like \"data scientist\" or \"docker\", or pick one of these:")),
    goalMenu(ctx),
  );
}

/**
 * A goal understood by meaning alone ("package my service so it runs the
 * same on every machine" is Docker) is said back with what it is, and set
 * only once the learner says yes: meaning can be wrong in ways a name never
 * is ("manage my time better" once set Kubernetes).
 */
export function offerGoal(ctx: TurnContext, match: string, candidates: readonly { id: string }[] = []): Reply {
  const g = ctx.services.graph;
  const title = nodeTitle(g, match)!;
  const about = shortAbout(g.goals.get(match)?.description ?? g.concepts.get(match)?.description ?? '');
  const others = candidates.map((c) => c.id).filter((id) => id !== match && nodeTitle(g, id)).slice(0, 2);
  setPending(ctx.learner, { kind: 'goal-choice', ids: [match, ...others], confirm: true });
  return reply(
    say(`I think you mean ${title}${about ? ` (${about})` : ''}. Is that it?`),
    buttons(button(`Yes, ${title}`, GOAL_PICK, match, 'primary'), ...others.map((id) => button(nodeTitle(g, id)!, GOAL_PICK, id)), button('Something else', GOAL_NONE)),
  );
}

/** A description's first sentence, up to its " - " list when long, cut at a word past 120 characters. */
function shortAbout(description: string): string {
  let s = (description.split(/(?<=\.)\s/)[0] ?? '').trim().replace(/\.$/, '');
  if (s.length > 120 && s.includes(' - ')) s = s.slice(0, s.indexOf(' - '));
  if (s.length > 120) s = `${s.slice(0, s.lastIndexOf(' ', 120))}…`;
  return s;
}

/** A goal button was pressed; the id is checked against the graph (values can be forged). */
export function pickGoal(ctx: TurnContext, id: string): Reply {
  if (!nodeTitle(ctx.services.graph, id)) throw new UserError('UNKNOWN_GOAL', "I don't know that goal any more. Tell me in your own words what you want to learn.");
  return applyGoal(ctx, id);
}

export function noneOfThese(ctx: TurnContext): Reply {
  setPending(ctx.learner, null);
  // With a plan, "no" to "Do you want to make Docker your goal?" keeps it; the list of starter goals answered someone who has none.
  if (ctx.learner.onboarding === 'done' && ctx.learner.goals.length > 0) {
    return reply(say(`No problem: your path to ${goalTitles(ctx)} stays as it is. To add a goal, tell me in a few words what you want to learn.`), buttons(button("Today's task", 'cmd', 'today', 'primary'), button('Plan', 'cmd', 'plan')));
  }
  return merge(reply(say('No problem. Describe it another way, or pick one of these:')), goalMenu(ctx));
}

function applyGoal(ctx: TurnContext, id: string): Reply {
  const { learner, services } = ctx;
  const title = nodeTitle(services.graph, id)!;
  if (learner.onboarding !== 'done' || learner.goals.length === 0) {
    learner.goals = [id];
    setPending(learner, null);
    if (learner.onboarding !== 'done') return merge(reply(say(`🎯 Goal: ${title}.`)), startAssessment(ctx));
    replan(ctx);
    scheduleDaily(ctx);
    return merge(reply(say(`🎯 New goal: ${title}.`)), planReply(ctx));
  }
  if (learner.goals.includes(id)) {
    setPending(learner, null);
    return reply(say(`${title} is already your goal.`), buttons(button("Today's task", 'cmd', 'today', 'primary'), button('Plan', 'cmd', 'plan')));
  }
  // A goal exists: never replace it silently. Ask whether to add this one or switch.
  setPending(learner, { kind: 'goal-confirm', id });
  const current = goalTitlesOf(ctx);
  const inPath = goalConcepts(services.graph, learner.goals).has(id) ? ` (${title} is already part of your path to ${current})` : '';
  return reply(
    say(`Add ${title} to your goals, or switch from ${current} to ${title}?${inPath}`),
    buttons(button(`Add ${title}`, GOAL_ADD, id, 'primary'), button(`Switch to ${title}`, GOAL_SWITCH, id), button(`Keep ${current}`, GOAL_KEEP)),
  );
}

function goalTitlesOf(ctx: TurnContext): string {
  return ctx.learner.goals.map((g) => nodeTitle(ctx.services.graph, g) ?? g).join(' and ');
}

/** Answer to "add or switch?": `add`, `switch` or `keep`, for the goal the question was about. */
export function confirmGoal(ctx: TurnContext, how: 'add' | 'switch' | 'keep', id?: string): Reply {
  const { learner, services } = ctx;
  const p = readPending(learner);
  if (p?.kind !== 'goal-confirm' || (id !== undefined && id !== p.id)) {
    return reply(say('That question is no longer open. Tell me what you want to learn, or type "plan".'));
  }
  setPending(learner, null);
  const title = nodeTitle(services.graph, p.id) ?? p.id;
  if (how === 'keep') return reply(say(`OK, your goal stays ${goalTitlesOf(ctx)}.`), buttons(button("Today's task", 'cmd', 'today', 'primary')));
  const before = goalTitlesOf(ctx);
  learner.goals = how === 'add' ? [...learner.goals, p.id] : [p.id];
  replan(ctx);
  scheduleDaily(ctx);
  const said = how === 'add' ? `🎯 Added ${title}: your goals are now ${goalTitlesOf(ctx)}.` : `🎯 Switched from ${before} to ${title}.`;
  return merge(reply(say(`${said} I've planned your path again; steps you finished stay done.`)), planReply(ctx));
}

/** Typed reply to "add or switch?"; null when the text is not one. */
export function confirmGoalText(ctx: TurnContext, text: string): Reply | null {
  const t = text.trim().toLowerCase();
  if (/^(add|add it|both|keep both)$/.test(t)) return confirmGoal(ctx, 'add');
  if (/^(switch|switch to it|replace|change)$/.test(t)) return confirmGoal(ctx, 'switch');
  if (/^(keep|no|cancel|neither|keep mine|keep my goal)$/.test(t)) return confirmGoal(ctx, 'keep');
  return null;
}
