/**
 * The order of a plan's steps, as a good teacher would sign it. A* picks the
 * cheapest set of steps; many orders of that set respect the prerequisites
 * and cost the same. Among them this takes the one that follows the goal's
 * phases (data analyst: spreadsheets, SQL and visualisation before A/B
 * testing), a stated second criterion that never changes the cost:
 *
 *   rank(c)    = index of the first phase listing c (plus its position in the
 *                phase / 1000, so a phase's own order breaks ties); a prerequisite pulled in
 *                by the planner takes the smallest rank of the listed concepts
 *                that need it; anything else ranks after every phase.
 *   rank(step) = min over the concepts it teaches.
 *   order      = Kahn's algorithm over "step j needs step i" (i teaches a
 *                prerequisite of something j teaches), always taking the
 *                available step of smallest (rank, planner's position).
 *
 * With no phases every rank is equal and the planner's order stands.
 */
import { DEPTH_SHARE, type KnowledgeGraph, type Resource, type ResourceType } from '../graph/types.ts';
import type { PlanProblem } from './plan-problem.ts';
import type { PathStep } from './search.ts';

/** Phase rank per concept for these goals; concepts with no rank are absent. */
export function phaseRanks(graph: KnowledgeGraph, goals: readonly string[]): Map<string, number> {
  const rank = new Map<string, number>();
  for (const g of goals) {
    graph.goals.get(g)?.phases.forEach((ph, i) => {
      // Within a phase, the order the goal lists its concepts in.
      ph.concepts.forEach((c, k) => rank.set(c, Math.min(rank.get(c) ?? Infinity, i + k / 1000)));
    });
  }
  // Prerequisites inherit the smallest rank of what needs them (lowest ranks first, so one pass each).
  const listed = [...rank.entries()].sort((a, b) => a[1] - b[1]);
  for (const [c, r] of listed) {
    const todo = [c];
    const seen = new Set<string>();
    while (todo.length > 0) {
      const id = todo.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const concept = graph.concepts.get(id);
      if (!concept) continue;
      for (const p of [...concept.requires, ...concept.requiresAnyOf.flat()]) {
        if ((rank.get(p) ?? Infinity) > r) rank.set(p, r);
        todo.push(p);
      }
    }
  }
  return rank;
}

/** The steps of `path` reordered by phase (see above); the same steps, each after what it builds on. */
export function teachingOrder(p: PlanProblem, path: readonly PathStep[], rank: ReadonlyMap<string, number>): PathStep[] {
  if (rank.size === 0 || path.length < 2) return [...path];
  const stepOf = new Map<number, number>();
  path.forEach((s, k) => s.learned.forEach((c) => stepOf.set(c, k)));
  const needs: Set<number>[] = path.map(() => new Set());
  path.forEach((s, j) => {
    for (const c of s.learned) {
      for (const q of p.requires[c]!) {
        const i = stepOf.get(q);
        if (i !== undefined && i !== j) needs[j]!.add(i);
      }
      for (const g of p.groups[c]!) {
        // A member learned by this same step (before c, in prerequisite order) meets the group.
        if ([...g].some((m) => stepOf.get(m) === j)) continue;
        // Otherwise the member the planner's order relied on: the earliest one learned before j.
        const earliest = Math.min(...[...g].map((m) => stepOf.get(m) ?? Infinity).filter((i) => i < j));
        if (Number.isFinite(earliest)) needs[j]!.add(earliest);
      }
    }
  });
  const stepRank = path.map((s) => Math.min(Infinity, ...s.learned.map((c) => rank.get(p.ids[c]!) ?? Infinity)));
  const waiting = needs.map((n) => n.size);
  const dependents: number[][] = path.map(() => []);
  needs.forEach((n, j) => n.forEach((i) => dependents[i]!.push(j)));
  const ready = new Set(path.map((_, k) => k).filter((k) => waiting[k] === 0));
  const out: PathStep[] = [];
  while (ready.size > 0) {
    let best = -1;
    for (const k of ready) if (best < 0 || stepRank[k]! < stepRank[best]! || (stepRank[k] === stepRank[best] && k < best)) best = k;
    ready.delete(best);
    out.push(path[best]!);
    for (const j of dependents[best]!) if (--waiting[j]! === 0) ready.add(j);
  }
  return out.length === path.length ? out : [...path];
}

/** The title of the phase a step belongs to (the earliest phase among its concepts), or null when the goals declare none. */
export function phaseTitleOf(graph: KnowledgeGraph, goals: readonly string[], rank: ReadonlyMap<string, number>, concepts: readonly string[]): string | null {
  const r = Math.min(Infinity, ...concepts.map((c) => rank.get(c) ?? Infinity));
  if (!Number.isFinite(r)) return rank.size > 0 ? 'Beyond the phases' : null;
  for (const g of goals) {
    const ph = graph.goals.get(g)?.phases[Math.floor(r)];
    if (ph) return ph.title;
  }
  return null;
}

/** Practice: done after the explanation it practises. */
const PRACTICE: ReadonlySet<ResourceType> = new Set(['exercise', 'project', 'quiz']);

/**
 * The resources of one unit (a bundle that together covers a concept, see
 * coverage.ts) in the order a teacher would hand them out: by what each
 * teaches first, by its level next, and by how much it weighs last.
 *
 *   1. prerequisite order of the first of the unit's concepts each teaches
 *      (the pandas guide before a data-cleaning lesson that builds on pandas);
 *   2. level: easier first (`difficulty`), so the introduction opens;
 *   3. explanation before practice (exercises, projects, quizzes last);
 *   4. depth on that first concept, an overview before a fuller treatment;
 *   5. breadth: more of the unit's concepts first (a resource that introduces
 *      the whole unit before a piece on one facet of it);
 *   6. lightness: fewer minutes first; then the order given.
 *
 * The SQL unit once opened with a 5-minute article on referential integrity,
 * the lightest, before the PostgreSQL tutorial that introduces tables and
 * queries. `unit`: the unit's concepts in prerequisite order. Pure; the
 * plan's cost does not depend on this order.
 */
export function unitOrder(members: readonly Resource[], unit: readonly string[]): Resource[] {
  const keyOf = (m: Resource, i: number) => {
    const at = unit.findIndex((c) => m.teaches.includes(c));
    const first = unit[at];
    return {
      m,
      keys: [
        at < 0 ? unit.length : at,
        m.difficulty,
        PRACTICE.has(m.type) ? 1 : 0,
        first ? DEPTH_SHARE[m.depth[first] ?? 'complete'] : 1,
        -unit.filter((c) => m.teaches.includes(c)).length,
        m.minutes,
        i,
      ],
    };
  };
  const cmp = (a: readonly number[], b: readonly number[]) => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
    return 0;
  };
  return members
    .map(keyOf)
    .sort((a, b) => cmp(a.keys, b.keys))
    .map((x) => x.m);
}
