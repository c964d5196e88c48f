/**
 * A goal compiled for the simulator, once: the concepts of its plan in
 * teaching order (the order the plan first teaches them, which respects
 * prerequisites), each with its planned resources, the alternatives a coach
 * could substitute, its prerequisites as indices, and its quiz items reduced
 * to what answering needs (number of options, whether a cue gives it away).
 * Plain arrays and numbers, so a simulated step touches no maps or strings.
 */
import { itemCues } from '../graph/cues.ts';
import { DEPTH_SHARE, RESOURCE_TYPES, type KnowledgeGraph, type Resource, type ResourceType } from '../graph/types.ts';
import { defaultParamsForDifficulty, STUDY_LEARN } from '../kt/bkt-params.ts';
import type { BktParams } from '../kt/bkt.ts';
import type { PlanResult } from '../plan/planner.ts';

/** A resource as the simulator sees it. */
export interface SimResource {
  id: string;
  /** The resource, or the parts of it studied for this concept: studying it once counts for every concept that uses the same key. */
  key: string;
  type: ResourceType;
  typeIndex: number;
  /** Minutes to study it for this concept (its parts that teach the concept when it has parts). */
  minutes: number;
  /** Depth share it gives each concept it teaches, by concept index (only concepts of the course). */
  shares: ReadonlyMap<number, number>;
  /**
   * The coach's learning step when it is finished, by concept index: what
   * src/coach/flows/today.ts `studied` applies, {@link STUDY_LEARN} at the
   * depth of each finished part (several parts compose: 1 − Π(1 − T)).
   */
  coachLearn: ReadonlyMap<number, number>;
}

export interface SimItem {
  options: number;
  cued: boolean;
}

export interface SimConcept {
  id: string;
  difficulty: number;
  /** "All of" prerequisites, as course indices (only those inside the course). */
  requires: number[];
  /** "Any one of" groups, as course indices. */
  anyOf: number[][];
  /** Every prerequisite index, for remediation. */
  prereqs: number[];
  /** Planned resources for this concept, in plan order. */
  planned: SimResource[];
  /** Other resources teaching it, shortest first (for substitution). */
  alternatives: SimResource[];
  items: SimItem[];
  /** The coach's BKT parameters (difficulty-shaped defaults). */
  coach: BktParams;
}

export interface Course {
  goal: string;
  concepts: SimConcept[];
  /** Minutes of the initial plan. */
  planMinutes: number;
}

/**
 * Compiles a goal's plan into a course. `plan` is the planner's result for a
 * new learner with no stated preferences; concepts appear in the order the
 * plan first teaches them.
 */
export function compileCourse(graph: KnowledgeGraph, goal: string, plan: PlanResult): Course {
  const order: string[] = [];
  for (const s of plan.steps) for (const c of s.concepts) if (!order.includes(c)) order.push(c);
  const index = new Map(order.map((id, i) => [id, i]));
  const resourceCache = new Map<string, SimResource>();
  const simResource = (r: Resource, forConcept: string): SimResource => {
    const cacheKey = `${r.id}\u0000${forConcept}`;
    const hit = resourceCache.get(cacheKey);
    if (hit) return hit;
    const parts = r.parts.filter((p) => p.teaches.includes(forConcept));
    const minutes = parts.length > 0 ? parts.reduce((m, p) => m + p.minutes, 0) : r.minutes;
    const depth = parts.length > 0 ? Object.assign({}, ...parts.map((p) => p.depth)) : r.depth;
    const taught = parts.length > 0 ? [...new Set(parts.flatMap((p) => p.teaches))] : r.teaches;
    const shares = new Map<number, number>();
    for (const c of taught) {
      const i = index.get(c);
      if (i !== undefined) shares.set(i, DEPTH_SHARE[(depth as Record<string, keyof typeof DEPTH_SHARE>)[c] ?? 'complete']);
    }
    // The coach moves its belief once per finished part (or once for a resource without parts), by that part's depth.
    const notLearned = new Map<number, number>();
    for (const d of parts.length > 0 ? parts.map((p) => p.depth) : [r.depth]) {
      for (const [c, dep] of Object.entries(d)) {
        const i = index.get(c);
        if (i !== undefined) notLearned.set(i, (notLearned.get(i) ?? 1) * (1 - STUDY_LEARN[dep]));
      }
    }
    const coachLearn = new Map([...notLearned].map(([i, q]) => [i, 1 - q]));
    const key = parts.length > 0 ? `${r.id}#${parts.map((p) => p.id).join(',')}` : r.id;
    const out: SimResource = { id: r.id, key, type: r.type, typeIndex: RESOURCE_TYPES.indexOf(r.type), minutes: Math.max(1, minutes), shares, coachLearn };
    resourceCache.set(cacheKey, out);
    return out;
  };
  const concepts = order.map((id): SimConcept => {
    const c = graph.concepts.get(id)!;
    const inCourse = (x: string) => index.get(x);
    const requires = c.requires.map(inCourse).filter((x): x is number => x !== undefined);
    const anyOf = c.requiresAnyOf.map((g) => g.map(inCourse).filter((x): x is number => x !== undefined)).filter((g) => g.length > 0);
    const plannedIds = plan.steps.filter((s) => s.concepts.includes(id)).flatMap((s) => expandBundle(graph, s.resource.id));
    // A plan step lists every concept it completes, some through the other members of a bundle: keep the resources that teach this one.
    const planned = [...new Set(plannedIds)].map((rid) => simResource(graph.resources.get(rid)!, id)).filter((r) => r.shares.has(index.get(id)!));
    const alternatives = (graph.resourcesByConcept.get(id) ?? [])
      .filter((r) => !plannedIds.includes(r.id))
      .map((r) => simResource(r, id))
      .filter((r) => r.shares.has(index.get(id)!))
      .sort((a, b) => a.minutes - b.minutes || a.id.localeCompare(b.id));
    return {
      id,
      difficulty: c.difficulty,
      requires,
      anyOf,
      prereqs: [...new Set([...requires, ...anyOf.flat()])],
      planned,
      alternatives,
      items: c.quiz.map((q) => ({ options: q.choices.length, cued: itemCues(q).length > 0 })),
      coach: defaultParamsForDifficulty(c.difficulty),
    };
  });
  return { goal, concepts, planMinutes: plan.totalMinutes };
}

/** A plan step's resource id may name a bundle (`a+b`); the simulator studies its members. */
function expandBundle(graph: KnowledgeGraph, id: string): string[] {
  return graph.resources.has(id) ? [id] : id.split('+').filter((x) => graph.resources.has(x));
}
