/**
 * What O*NET says about each goal and concept, as texts the goal parser's
 * semantic index reads (src/core/goal/goal-semantic.ts): a goal speaks
 * through its occupations' titles, the job titles people report, the
 * description and the core tasks; a concept through the technologies mapped
 * to it ("Microsoft Excel" → spreadsheets).
 */
import type { NodeText } from '../goal/goal-semantic.ts';
import type { KnowledgeGraph } from '../graph/types.ts';
import type { CareerCatalogue } from './occupation.ts';
import { goalOccupations } from './onet-coverage.ts';

/** An occupation's texts count this much for a goal… */
export const OCCUPATION_TEXT = 0.9;
/** …and this much when several goals share the occupation (data scientists serve three goals): it tells them apart less. */
export const SHARED_OCCUPATION_TEXT = 0.8;
export const TECHNOLOGY_TEXT = 0.9;

export function careerTexts(graph: KnowledgeGraph, catalogue: CareerCatalogue): Map<string, NodeText[]> {
  const out = new Map<string, NodeText[]>();
  const push = (id: string, texts: NodeText[]) => out.set(id, [...(out.get(id) ?? []), ...texts]);
  const linked = new Map<string, string[]>();
  for (const g of graph.goals.values()) {
    for (const code of goalOccupations(graph, catalogue.mapping, g.id).codes) linked.set(code, [...(linked.get(code) ?? []), g.id]);
  }
  for (const [code, goals] of linked) {
    const o = catalogue.occupations.get(code);
    if (!o) continue;
    const weight = goals.length > 1 ? SHARED_OCCUPATION_TEXT : OCCUPATION_TEXT;
    const texts = [o.title, ...o.alternateTitles, ...o.reportedTitles, ...o.tasks, ...o.description.split(/\.\s+/)].map((text) => ({ text, weight }));
    for (const g of goals) push(g, texts);
  }
  for (const [technology, concepts] of catalogue.mapping.concepts) {
    for (const c of concepts) if (graph.concepts.has(c)) push(c, [{ text: technology, weight: TECHNOLOGY_TEXT }]);
  }
  return out;
}
