/**
 * Turns what the learner asked for (goal ids or concept ids) into the concepts
 * to reach, and unknown ids into an error that names them and the closest
 * known ids.
 */
import { UserError } from '../errors.ts';
import type { KnowledgeGraph } from '../graph/types.ts';

export interface GoalTargets {
  /** Target concept ids, deduplicated, in the order asked. */
  targets: string[];
  /** For each target, the titles of the goals that asked for it (a concept asked for directly names itself). */
  askedBy: Map<string, string[]>;
}

export function resolveGoalTargets(graph: KnowledgeGraph, goals: readonly string[]): GoalTargets {
  if (goals.length === 0) throw new UserError('NO_GOAL', 'Name at least one goal (a goal id or a concept id).');
  const unknown = goals.filter((g) => !graph.goals.has(g) && !graph.concepts.has(g));
  if (unknown.length > 0) {
    const ids = [...graph.goals.keys(), ...graph.concepts.keys()];
    throw new UserError('UNKNOWN_GOAL', unknownIdsMessage('goal', unknown, ids));
  }
  const askedBy = new Map<string, string[]>();
  for (const g of goals) {
    const goal = graph.goals.get(g);
    const title = goal?.title ?? graph.concepts.get(g)!.title;
    for (const t of goal?.targets ?? [g]) askedBy.set(t, [...new Set([...(askedBy.get(t) ?? []), title])]);
  }
  return { targets: [...askedBy.keys()], askedBy };
}

/**
 * "I don't know the goal "dokcer" yet — did you mean docker?", or for several
 * ids one line naming each with its close matches.
 */
export function unknownIdsMessage(what: string, unknown: readonly string[], known: readonly string[]): string {
  const hint = (u: string) => {
    const near = closeMatches(u, known);
    return near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : '';
  };
  if (unknown.length === 1) {
    const near = closeMatches(unknown[0]!, known);
    return `I don't know the ${what} "${unknown[0]}" yet${near.length > 0 ? ` — did you mean ${near.join(', ')}?` : '.'}`;
  }
  return `I don't know these ${what}s yet: ${unknown.map((u) => `"${u}"${hint(u)}`).join(', ')}.`;
}

/**
 * Up to `limit` ids close to `query`: those containing it (or contained in
 * it) first, then by edit distance, keeping distances ≤ max(2, ⌊|query|/3⌋).
 */
export function closeMatches(query: string, ids: readonly string[], limit = 3): string[] {
  const q = query.toLowerCase();
  const scored: { id: string; score: number }[] = [];
  const maxDistance = Math.max(2, Math.floor(q.length / 3));
  for (const id of new Set(ids)) {
    const contains = q.length >= 3 && (id.includes(q) || q.includes(id));
    const d = editDistance(q, id);
    if (contains || d <= maxDistance) scored.push({ id, score: contains ? Math.min(d, 1) - 1 : d });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => s.id);
}

/** Levenshtein distance (insert, delete, substitute; each costs 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
