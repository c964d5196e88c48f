/** Small hand-built knowledge graphs for planner tests (never the shipped roadmaps). */
import type { Concept, Goal, KnowledgeGraph, Resource } from '../../src/core/graph/types.ts';

export function concept(id: string, more: Partial<Concept> = {}): Concept {
  return {
    id,
    title: id.replace(/(^|-)(\w)/g, (_, sep: string, ch: string) => (sep ? ' ' : '') + ch.toUpperCase()),
    description: `About ${id}.`,
    aliases: [],
    says: [],
    domains: ['test'],
    difficulty: 1,
    bloom: 'understand',
    requires: [],
    requiresAnyOf: [],
    quiz: [],
    ...more,
  };
}

/**
 * A resource whose cost is exactly its minutes under the default weights when
 * the learner names no preferred formats: top quality, fully hands-on,
 * difficulty 1 (multiplier 1 + 0 + 0 + 0 + 0).
 */
export function resource(id: string, teaches: string[], minutes: number, more: Partial<Resource> = {}): Resource {
  return {
    id,
    title: `${id} (title)`,
    url: `https://example.org/${id}`,
    type: 'article',
    minutes,
    difficulty: 1,
    quality: 5,
    interactivity: 5,
    free: true,
    teaches,
    depth: Object.fromEntries(teaches.map((t) => [t, 'complete' as const])),
    parts: [],
    ...more,
  };
}

export function goal(id: string, targets: string[], title = id): Goal {
  return { id, title, description: `Goal ${id}.`, aliases: [], says: [], targets, phases: [], levels: [], occupations: [] };
}

export function graphOf(concepts: Concept[], resources: Resource[], goals: Goal[] = []): KnowledgeGraph {
  const byConcept = new Map<string, Resource[]>();
  for (const r of resources) for (const t of r.teaches) byConcept.set(t, [...(byConcept.get(t) ?? []), r]);
  return {
    concepts: new Map(concepts.map((c) => [c.id, c])),
    resources: new Map(resources.map((r) => [r.id, r])),
    goals: new Map(goals.map((g) => [g.id, g])),
    resourcesByConcept: byConcept,
    quizItems: new Map(),
  };
}

export const NO_PREFERENCES = { preferredFormats: [], avoidedFormats: [], minutesPerDay: 30 };
