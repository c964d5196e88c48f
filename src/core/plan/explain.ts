/**
 * Human reasons for each planned step: why this concept now ("needed before
 * Pandas", "part of your goal Data analysis"), why this resource ("you marked
 * videos as preferred", "instead of … you set aside"), and what is special
 * about the step ("covers NumPy and Pandas in one go").
 */
import { withArticle } from '../text/wording.ts';
import type { KnowledgeGraph, Resource, ResourceType } from '../graph/types.ts';
import type { PlanProblem } from './plan-problem.ts';
import type { PathStep } from './search.ts';

export interface ExplainContext {
  graph: KnowledgeGraph;
  problem: PlanProblem;
  /** Target concept id → titles of the goals that asked for it. */
  askedBy: ReadonlyMap<string, readonly string[]>;
  preferred: ReadonlySet<ResourceType>;
  avoided: ReadonlySet<ResourceType>;
  excluded: ReadonlySet<string>;
  usable: (r: Resource) => boolean;
}

const PLURAL: Record<ResourceType, string> = {
  video: 'videos',
  article: 'articles',
  book: 'books',
  exercise: 'exercises',
  quiz: 'quizzes',
  project: 'projects',
  course: 'courses',
};

/** One reason per step, in plan order. */
export function explainSteps(ctx: ExplainContext, path: readonly PathStep[]): string[] {
  const { problem: p, graph } = ctx;
  const title = (i: number) => graph.concepts.get(p.ids[i]!)?.title ?? p.ids[i]!;

  // Where each concept is learned, and who needs it (directly, or as one of a group).
  const stepOf = new Map<number, number>();
  path.forEach((s, k) => s.learned.forEach((c) => stepOf.set(c, k)));
  const neededBy = new Map<number, { by: number; group: Int32Array | null }[]>();
  const addNeed = (c: number, by: number, group: Int32Array | null) => neededBy.set(c, [...(neededBy.get(c) ?? []), { by, group }]);
  p.ids.forEach((_, d) => {
    for (const q of p.requires[d]!) addNeed(q, d, null);
    for (const g of p.groups[d]!) for (const m of g) addNeed(m, d, g);
  });

  const used = new Set<string>();
  return path.map((step, k) => {
    const r = p.actions[step.action]!.resource;
    const parts: string[] = [];
    const learnedIds = step.learned.map((c) => p.ids[c]!);

    if (step.learned.length > 1) parts.push(`covers ${listAnd(step.learned.map(title))} in one go`);
    if (used.has(r.id)) parts.push(`back to it for ${listAnd(step.learned.map(title))}, now that what it builds on is done`);
    used.add(r.id);

    const goals = new Set<string>();
    for (const id of learnedIds) for (const t of ctx.askedBy.get(id) ?? []) goals.add(t);
    if (goals.size > 0) parts.push(`part of your goal ${listAnd([...goals])}`);

    const before = new Set<string>();
    const routes = new Set<string>();
    for (const c of step.learned) {
      if (ctx.askedBy.has(p.ids[c]!)) continue;
      // The first concept in a later step that builds on c ("covers … in one go" speaks for this step).
      const next = (neededBy.get(c) ?? [])
        .filter((n) => (stepOf.get(n.by) ?? -1) > k)
        .sort((a, b) => stepOf.get(a.by)! - stepOf.get(b.by)! || a.by - b.by)[0];
      if (!next) continue;
      if (next.group) routes.add(`your way into ${title(next.by)}, which needs one of ${listOr(Array.from(next.group, title))}`);
      else before.add(title(next.by));
    }
    if (before.size > 0) parts.push(`needed before ${listAnd([...before])}`);
    parts.push(...routes);

    if (ctx.preferred.has(r.type)) parts.push(`you marked ${PLURAL[r.type]} as preferred`);
    if (ctx.avoided.has(r.type)) {
      const only = learnedIds.filter((id) => !(graph.resourcesByConcept.get(id) ?? []).some((o) => o.id !== r.id && ctx.usable(o)));
      const why = only.length > 0 ? `nothing else teaches ${listAnd(only.map((id) => graph.concepts.get(id)?.title ?? id))}` : 'the alternatives cost more overall';
      parts.push(`${withArticle(r.type)} although you avoid ${PLURAL[r.type]}: ${why}`);
    }
    const setAside = new Set<string>();
    for (const id of learnedIds) for (const o of graph.resourcesByConcept.get(id) ?? []) if (ctx.excluded.has(o.id)) setAside.add(o.title);
    if (setAside.size > 0) parts.push(`instead of ${listAnd([...setAside])}, which you set aside`);

    return parts.length > 0 ? parts.join('; ') : 'on the way to your goal';
  });
}

function listAnd(items: readonly string[]): string {
  return joinWith(items, 'and');
}

function listOr(items: readonly string[]): string {
  return joinWith(items, 'or');
}

function joinWith(items: readonly string[], word: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}
