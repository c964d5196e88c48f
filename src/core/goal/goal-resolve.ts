/**
 * The match rule: given nodes ranked by score, decide whether one of them is
 * what the learner meant (`match`), or whether the coach should ask.
 */
import { prerequisiteClosure } from '../graph/build.ts';
import type { KnowledgeGraph } from '../graph/types.ts';
import type { IndexedNode } from './goal-index.ts';

export interface Ranked {
  node: IndexedNode;
  score: number;
  /** The phrase says every word of one of the node's names. */
  outright: boolean;
  /** Only generic words ("data", "web") and role words of its best name matched. */
  genericOnly: boolean;
  /** Position in the phrase of the first word that names it (Infinity if none does). */
  firstAt: number;
  /** Share of the phrase's weight that words of the node's names explain. */
  nameShare: number;
}

export interface MatchRule {
  matchThreshold: number;
  margin: number;
  /** The phrase asks to be something ("become a …", "work as …"): a concept cannot answer it. */
  careerOnly: boolean;
}

/** Share of one plan that must lie inside another for the bigger plan to stand for both. */
export const CONTAINED = 0.8;

/**
 * A node is *confident* when its score reaches `matchThreshold`, it is not
 * matched by generic words alone, and it is a goal if the phrase asks to be
 * something. The top node is the match when it is confident and leads
 * the runner-up by `margin`. When the two are closer than that (and no third
 * is as close), one is picked only when the choice is plain:
 *
 * - the top is confident and named outright, the runner-up only in part:
 *   what was said in full wins ("machine learning" is the concept, not
 *   "Machine learning engineer");
 *
 * and, both confident and named outright, when the phrase named two things:
 *
 * - named at different places: the first named ("html and css" → HTML,
 *   "make charts and dashboards" → charts): people put the main thing first;
 * - named by the same words ("web developer" is both Front-end and
 *   Full-stack): the one whose plan holds at least {@link CONTAINED} of the
 *   other's, which teaches most of both.
 *
 * The pick moves to the front with the top score, so candidates stay in score
 * order. Anything else is null: the coach offers the candidates.
 */
export function chooseMatch(ranked: Ranked[], graph: KnowledgeGraph, rule: MatchRule): string | null {
  const confident = (r: Ranked) => r.score >= rule.matchThreshold && !r.genericOnly && !(rule.careerOnly && r.node.kind === 'concept');
  const [top, second, third] = ranked;
  if (!top) return null;
  // A name said in full beats a name said in part that scores within the margin ("become a data analyst" is not Data engineer, whatever "data" weighs).
  const said = ranked.filter((r) => r.outright && confident(r) && top.score - r.score < rule.margin);
  if (!top.outright && said.length === 1) {
    const pick = said[0]!;
    ranked.splice(ranked.indexOf(pick), 1);
    pick.score = top.score;
    ranked.unshift(pick);
    return pick.node.id;
  }
  if (!second || top.score - second.score >= rule.margin) return confident(top) ? top.node.id : null;
  if (third && top.score - third.score < rule.margin) return null;
  if (confident(top) && top.outright && !second.outright) return top.node.id;
  if (!confident(top) || !confident(second) || !top.outright || !second.outright) return null;
  let pick: Ranked | null = null;
  if (top.firstAt !== second.firstAt) pick = top.firstAt < second.firstAt ? top : second;
  else if (contains(graph, top.node, second.node)) pick = top;
  else if (contains(graph, second.node, top.node)) pick = second;
  if (pick === second) {
    second.score = top.score;
    ranked[0] = second;
    ranked[1] = top;
  }
  return pick ? pick.node.id : null;
}

/** Concepts a node's plan covers: a concept and its prerequisites, or a goal's targets and theirs. */
function closure(graph: KnowledgeGraph, node: IndexedNode): Set<string> {
  if (node.kind === 'concept') return prerequisiteClosure(graph, [node.id]);
  return prerequisiteClosure(graph, graph.goals.get(node.id)?.targets ?? []);
}

/** At least {@link CONTAINED} of `b`'s plan lies inside `a`'s. */
function contains(graph: KnowledgeGraph, a: IndexedNode, b: IndexedNode): boolean {
  const inner = closure(graph, b);
  if (inner.size === 0) return false;
  const outer = closure(graph, a);
  let shared = 0;
  for (const id of inner) if (outer.has(id)) shared++;
  return shared >= CONTAINED * inner.size;
}
