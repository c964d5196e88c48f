/**
 * What the content holds, per concept and per goal: quiz items (and how many
 * ask to apply or analyse), resources and their types, minutes, how far the
 * resources can cover the concept, and the cue score (what "always pick the
 * longest option" gets right). Pure; `pathwise roadmaps stats` prints it and
 * the README's content figures come from it.
 */
import { prerequisiteClosure } from './build.ts';
import { bankLongestScore, itemCues } from './cues.ts';
import { DEPTH_SHARE, type BloomLevel, type KnowledgeGraph, type QuizItem } from './types.ts';

const APPLY_LEVELS: ReadonlySet<BloomLevel> = new Set(['apply', 'analyze', 'evaluate', 'create']);

export interface ConceptStats {
  id: string;
  title: string;
  items: number;
  applyItems: number;
  resources: number;
  types: string[];
  minutes: number;
  /** Sum of depth shares over its resources (≥ 1: can be covered in full). */
  coverage: number;
  longestPick: number;
  cuedItems: number;
}

export interface GoalStats {
  id: string;
  title: string;
  language: string | null;
  concepts: number;
  items: number;
  applyItems: number;
  resources: number;
  phases: number;
  levels: number;
  occupations: string[];
  longestPick: number;
  /** Hours of the plan from zero (no mastery), or null when it cannot be planned. */
  planHours: number | null;
}

export interface ContentStats {
  totals: {
    concepts: number;
    resources: number;
    items: number;
    applyItems: number;
    goals: number;
    longestPick: number;
    cuedItems: number;
    resourceTypes: Record<string, number>;
    conceptsUnder7Items: string[];
    conceptsUnder3Apply: string[];
    conceptsUnder2Types: string[];
    conceptsNotCoverable: string[];
    resourcesOver600MinInOnePiece: string[];
  };
  concepts: ConceptStats[];
  goals: GoalStats[];
}

const isApply = (q: QuizItem) => q.bloom !== undefined && APPLY_LEVELS.has(q.bloom);

/** `planHours` is given by the caller (the planner lives outside the graph module). */
export function contentStats(graph: KnowledgeGraph, planHours: (goalId: string) => number | null): ContentStats {
  const concepts: ConceptStats[] = [...graph.concepts.values()].map((c) => {
    const rs = graph.resourcesByConcept.get(c.id) ?? [];
    return {
      id: c.id,
      title: c.title,
      items: c.quiz.length,
      applyItems: c.quiz.filter(isApply).length,
      resources: rs.length,
      types: [...new Set(rs.map((r) => r.type))].sort(),
      minutes: rs.reduce((m, r) => m + r.minutes, 0),
      coverage: rs.reduce((s, r) => s + DEPTH_SHARE[r.depth[c.id] ?? 'complete'], 0),
      longestPick: bankLongestScore(c.quiz),
      cuedItems: c.quiz.filter((q) => itemCues(q).length > 0).length,
    };
  });
  const goals: GoalStats[] = [...graph.goals.values()].map((g) => {
    const closure = [...prerequisiteClosure(graph, g.targets)];
    const items = closure.flatMap((id) => graph.concepts.get(id)?.quiz ?? []);
    const resources = new Set(closure.flatMap((id) => (graph.resourcesByConcept.get(id) ?? []).map((r) => r.id)));
    return {
      id: g.id,
      title: g.title,
      language: g.language ?? null,
      concepts: closure.length,
      items: items.length,
      applyItems: items.filter(isApply).length,
      resources: resources.size,
      phases: g.phases.length,
      levels: g.levels.length,
      occupations: g.occupations,
      longestPick: bankLongestScore(items),
      planHours: planHours(g.id),
    };
  });
  const allItems = [...graph.quizItems.values()];
  const types: Record<string, number> = {};
  for (const r of graph.resources.values()) types[r.type] = (types[r.type] ?? 0) + 1;
  return {
    totals: {
      concepts: graph.concepts.size,
      resources: graph.resources.size,
      items: allItems.length,
      applyItems: allItems.filter(isApply).length,
      goals: graph.goals.size,
      longestPick: bankLongestScore(allItems),
      cuedItems: allItems.filter((q) => itemCues(q).length > 0).length,
      resourceTypes: types,
      conceptsUnder7Items: concepts.filter((c) => c.items < 7).map((c) => c.id),
      conceptsUnder3Apply: concepts.filter((c) => c.applyItems < 3).map((c) => c.id),
      conceptsUnder2Types: concepts.filter((c) => c.types.length < 2).map((c) => c.id),
      conceptsNotCoverable: concepts.filter((c) => c.coverage < 1 - 1e-9).map((c) => c.id),
      resourcesOver600MinInOnePiece: [...graph.resources.values()].filter((r) => r.parts.length === 0 && r.minutes > 600).map((r) => r.id),
    },
    concepts: concepts.sort((a, b) => a.id.localeCompare(b.id)),
    goals,
  };
}
