/**
 * The reference the planner is checked against: exhaustive search over every
 * sequence of resources, written as plainly as possible and sharing nothing
 * with the planner's search (no relevance pruning, no bitsets, no heuristic).
 * Only the cost model is shared: it is hand-tested on its own.
 *
 * best(K) = 0 when every target is in K, else min over usable resources r that
 * teach something new of cost(r) + best(K ∪ learn(r, K)), where learn(r, K)
 * repeatedly adds any concept of r whose prerequisites are all known and whose
 * "any one of" groups each have a known member. Exponential; small graphs only.
 */
import { DEFAULT_MASTERY_THRESHOLD } from '../../src/core/kt/bkt.ts';
import type { KnowledgeGraph, Resource } from '../../src/core/graph/types.ts';
import { learnerLevel, resolveWeights, resourceCost } from '../../src/core/plan/cost-model.ts';
import type { PlanRequest } from '../../src/core/plan/planner.ts';

export interface Simulated {
  known: Set<string>;
  usable: Resource[];
  cost: (r: Resource) => number;
  targets: string[];
}

export function setUp(graph: KnowledgeGraph, req: PlanRequest): Simulated {
  const threshold = req.masteryThreshold ?? DEFAULT_MASTERY_THRESHOLD;
  const known = new Set(Object.keys(req.mastery).filter((id) => req.mastery[id]! >= threshold && graph.concepts.has(id)));
  for (const id of req.done ?? []) for (const c of graph.resources.get(id)!.teaches) known.add(c);
  const ctx = {
    weights: resolveWeights(req.weights),
    level: req.learnerLevel ?? learnerLevel(graph, known),
    preferred: new Set(req.preferences.preferredFormats),
    avoided: new Set(req.preferences.avoidedFormats),
  };
  const off = new Set([...(req.excludeResources ?? []), ...(req.done ?? [])]);
  const targets = req.goals.flatMap((g) => graph.goals.get(g)?.targets ?? [g]);
  return { known, usable: [...graph.resources.values()].filter((r) => !off.has(r.id)), cost: (r) => resourceCost(r, ctx), targets };
}

export function canLearn(graph: KnowledgeGraph, known: ReadonlySet<string>, id: string): boolean {
  const c = graph.concepts.get(id)!;
  return c.requires.every((p) => known.has(p)) && c.requiresAnyOf.every((g) => g.some((m) => known.has(m)));
}

/** What taking `r` with `known` teaches (any order that works; a fixpoint). */
export function learn(graph: KnowledgeGraph, known: ReadonlySet<string>, r: Resource): Set<string> {
  const now = new Set(known);
  const out = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of r.teaches) {
      if (!now.has(t) && canLearn(graph, now, t)) {
        now.add(t);
        out.add(t);
        changed = true;
      }
    }
  }
  return out;
}

/** The optimal cost, or Infinity when the targets cannot be reached. */
export function bruteForceOptimum(graph: KnowledgeGraph, req: PlanRequest): number {
  const sim = setUp(graph, req);
  const memo = new Map<string, number>();
  const best = (known: Set<string>): number => {
    if (sim.targets.every((t) => known.has(t))) return 0;
    const key = [...known].sort().join(',');
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let out = Infinity;
    for (const r of sim.usable) {
      const gained = learn(graph, known, r);
      if (gained.size === 0) continue;
      out = Math.min(out, sim.cost(r) + best(new Set([...known, ...gained])));
    }
    memo.set(key, out);
    return out;
  };
  return best(sim.known);
}
