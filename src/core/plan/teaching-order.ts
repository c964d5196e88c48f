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
  const order = kahn(needs, stepRank);
  return order ? order.map((k) => path[k]!) : [...path];
}

/**
 * One resource of the plan: a plain step, or one member of a bundle (a
 * bundle is a single step to the planner but several resources to a learner).
 */
export interface PlanPart {
  /** Its step's position in the step order. */
  step: number;
  resource: Resource;
  /** Concepts it teaches of those its step learns (problem indices); what its section is read from. */
  teaches: readonly number[];
  /** Concepts it also helps cover in another step (a member two bundles share is listed once, with the first). */
  alsoCovers: readonly number[];
}

/**
 * The parts of a plan in section order. {@link teachingOrder} orders whole
 * steps, so a bundle whose members belong to two phases (the pandas guide,
 * then a spreadsheet lesson on data cleaning) kept its members together and
 * opened the second phase for one step before going back to the first. This
 * orders the resources themselves, by the same rule:
 *
 *   rank(part) = min over the concepts it teaches;
 *   part b needs part a when a teaches or helps cover a prerequisite of what b
 *     teaches (all of them: a concept is covered only by all its shares; of a
 *     "one of" group, the member the step order learned first), when both are
 *     of one bundle, teach the same concept and a comes first in the unit's
 *     order (an overview before the fuller treatment), or when both are visits
 *     to the same resource and a is the earlier one;
 *   order = Kahn's algorithm, always taking the available part of smallest
 *     (rank, position in `parts`).
 *
 * Ranks never fall along a prerequisite (phaseRanks), so this finishes a
 * section before the next one opens unless a resource's own concepts span
 * both. Same parts, same cost; on a cycle between parts (two bundle members
 * each teaching a prerequisite of the other's concept) the given order stands.
 */
export function partOrder(p: PlanProblem, parts: readonly PlanPart[], rank: ReadonlyMap<string, number>): PlanPart[] {
  if (rank.size === 0 || parts.length < 2) return [...parts];
  const providers = new Map<number, number[]>();
  const learnedAt = new Map<number, number>();
  parts.forEach((part, k) => {
    for (const c of [...part.teaches, ...part.alsoCovers]) providers.set(c, [...(providers.get(c) ?? []), k]);
    for (const c of part.teaches) learnedAt.set(c, Math.min(learnedAt.get(c) ?? Infinity, part.step));
  });
  const needs: Set<number>[] = parts.map(() => new Set());
  parts.forEach((b, j) => {
    const need = (c: number) => (providers.get(c) ?? []).forEach((a) => a !== j && needs[j]!.add(a));
    for (const c of b.teaches) {
      for (const q of p.requires[c]!) if (!b.teaches.includes(q)) need(q);
      for (const g of p.groups[c]!) {
        if ([...g].some((m) => b.teaches.includes(m))) continue;
        // The member the step order relied on: learned first, no later than this step.
        const first = [...g].filter((m) => (learnedAt.get(m) ?? Infinity) <= b.step).sort((x, y) => learnedAt.get(x)! - learnedAt.get(y)! || x - y)[0];
        if (first !== undefined) need(first);
      }
    }
    for (let a = 0; a < j; a++) {
      const sibling = parts[a]!.step === b.step && parts[a]!.teaches.some((c) => b.teaches.includes(c));
      if (sibling || parts[a]!.resource.id === b.resource.id) needs[j]!.add(a);
    }
  });
  const own = parts.map((part) => part.teaches.map((c) => rank.get(p.ids[c]!) ?? Infinity).sort((a, b) => a - b));
  const topo = kahn(needs, parts.map(() => 0));
  if (!topo) return [...parts];
  // A part that must wait for a later phase (it teaches a concept of that phase too) ranks with that phase.
  const placed: number[] = parts.map(() => Infinity);
  for (const j of topo) {
    const floor = Math.max(-Infinity, ...[...needs[j]!].map((a) => placed[a]!));
    const r = own[j]!.find((x) => Math.floor(x) >= Math.floor(floor)) ?? own[j]![0] ?? Infinity;
    placed[j] = Math.max(r, floor);
  }
  return kahn(needs, placed)!.map((k) => parts[k]!);
}

/** Kahn's algorithm over `needs`, taking the available index of smallest (rank, index); null on a cycle. */
function kahn(needs: readonly ReadonlySet<number>[], rank: readonly number[]): number[] | null {
  const waiting = needs.map((n) => n.size);
  const dependents: number[][] = needs.map(() => []);
  needs.forEach((n, j) => n.forEach((i) => dependents[i]!.push(j)));
  const ready = new Set(needs.map((_, k) => k).filter((k) => waiting[k] === 0));
  const out: number[] = [];
  while (ready.size > 0) {
    let best = -1;
    for (const k of ready) if (best < 0 || rank[k]! < rank[best]! || (rank[k] === rank[best] && k < best)) best = k;
    ready.delete(best);
    out.push(best);
    for (const j of dependents[best]!) if (--waiting[j]! === 0) ready.add(j);
  }
  return out.length === needs.length ? out : null;
}

/**
 * The section heading of each step, in plan order: the phase of its concepts
 * (the goals' phase titles), or null when the goals declare none. A step
 * whose concepts span phases stays in the section it follows when it teaches
 * something of it, and otherwise opens the first of its phases still ahead
 * (a Kubernetes course that also teaches deploying, placed after the cloud
 * basics deploying needs, heads "Cloud and operations", not "Serving and
 * packaging" again); a step of no phase is "Beyond the phases".
 */
export function sectionTitles(graph: KnowledgeGraph, goals: readonly string[], rank: ReadonlyMap<string, number>, steps: readonly (readonly string[])[]): (string | null)[] {
  let current = -Infinity;
  return steps.map((concepts) => {
    const phases = concepts.map((c) => Math.floor(rank.get(c) ?? Infinity)).sort((x, y) => x - y);
    const phase = phases.find((x) => x >= current) ?? phases[0] ?? Infinity;
    current = phase;
    if (!Number.isFinite(phase)) return rank.size > 0 ? 'Beyond the phases' : null;
    for (const g of goals) {
      const ph = graph.goals.get(g)?.phases[phase];
      if (ph) return ph.title;
    }
    return null;
  });
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
