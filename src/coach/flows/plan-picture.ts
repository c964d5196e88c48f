/**
 * `plan picture`: the learner's path drawn (src/pictures/path-picture.ts):
 * the goal's prerequisite graph, concepts coloured by mastery, the concept to
 * work on now marked, the goal's phases as bands. Which concepts: the goal's
 * targets and everything they need, following an "any one of" group only
 * through the members the plan teaches or the learner knows (or its first
 * member when neither), so the picture shows the route taken, not every
 * alternative.
 */
import type { Reply } from '../../core/chat/messages.ts';
import { resolveGoalTargets } from '../../core/plan/goal-targets.ts';
import { phaseRanks } from '../../core/plan/teaching-order.ts';
import { pathPictureSvg, type PathConcept, type PathPictureInput } from '../../pictures/path-picture.ts';
import { rasterise } from '../../pictures/rasterise.ts';
import { masteryOf } from '../learner.ts';
import { buttons, commandButton, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { currentConcept, goalTitles, requireGoal } from './planning.ts';

/** At most this many concepts are drawn: the plan's, the targets and the nearest prerequisites first. */
const MAX_CONCEPTS = 60;
/** Wider pictures are scaled down to this many pixels. */
const MAX_WIDTH = 2400;

/** The picture's model: what to draw, from the graph and the learner's record. */
export function pathModel(ctx: TurnContext): PathPictureInput {
  const graph = ctx.services.graph;
  const goals = ctx.learner.goals;
  const threshold = ctx.services.masteryThreshold;
  const planned = new Set((ctx.learner.plan?.steps ?? []).filter((s) => s.status === 'todo').flatMap((s) => s.concepts));
  const inPlan = new Set((ctx.learner.plan?.steps ?? []).flatMap((s) => s.concepts));
  const mastery = (c: string) => masteryOf(ctx.services, ctx.learner, c);
  const { targets } = resolveGoalTargets(graph, goals);
  const chosen: string[] = [];
  const seen = new Set<string>();
  const edges: { from: string; to: string }[] = [];
  const queue = [...targets];
  while (queue.length > 0 && chosen.length < MAX_CONCEPTS) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const concept = graph.concepts.get(id);
    if (!concept) continue;
    chosen.push(id);
    const needs = [...concept.requires];
    for (const group of concept.requiresAnyOf) {
      const taken = group.filter((c) => inPlan.has(c) || mastery(c) >= threshold);
      needs.push(...(taken.length > 0 ? taken : group.slice(0, 1)));
    }
    for (const p of needs) {
      edges.push({ from: p, to: id });
      queue.push(p);
    }
  }
  const rank = phaseRanks(graph, goals);
  const phases = goals.flatMap((g) => graph.goals.get(g)?.phases.map((p) => p.title) ?? []).slice(0, 12);
  const now = currentConcept(ctx);
  const kept = new Set(chosen);
  const concepts: PathConcept[] = chosen.map((id) => {
    const r = rank.get(id);
    return {
      id,
      title: graph.concepts.get(id)?.title ?? id,
      mastery: mastery(id),
      phase: r === undefined || !Number.isFinite(r) || Math.floor(r) >= phases.length ? null : Math.floor(r),
      current: id === now,
      planned: planned.has(id),
    };
  });
  return { title: `Your path to ${goalTitles(ctx)}`, concepts, edges: edges.filter((e) => kept.has(e.from) && kept.has(e.to)), phases, threshold };
}

export async function planPictureReply(ctx: TurnContext): Promise<Reply> {
  requireGoal(ctx);
  const model = pathModel(ctx);
  const { svg, layout } = pathPictureSvg(model);
  const picture = await rasterise(svg, layout.width > MAX_WIDTH ? MAX_WIDTH / layout.width : 1);
  const known = model.concepts.filter((c) => c.mastery >= model.threshold).length;
  const now = model.concepts.find((c) => c.current);
  const alt =
    `${model.title}: ${model.concepts.length} concepts, ${known} known` +
    (now ? `; now: ${now.title}` : '') +
    (model.phases.length > 0 ? `; phases: ${model.phases.join(', ')}` : '') +
    '. Green: known, yellow: learning, grey: new; prerequisites point to what needs them.';
  const goal = ctx.learner.goals[0] ?? 'goal';
  return reply(
    say(`🗺️ ${model.title}, as a picture: each box is a concept, coloured by how well you know it; arrows go from a prerequisite to what builds on it${now ? `; the outlined one is where you are now (${now.title})` : ''}.`),
    { kind: 'image', png: picture.png, alt, filename: `pathwise-path-${goal}-${ctx.now.toISOString().slice(0, 10)}.png` },
    buttons(commandButton('Plan as a list', 'plan'), commandButton("Today's task", 'today', 'primary')),
  );
}
