/**
 * Goal understanding: maps a learner's free text ("I want to become a data
 * scientist", "k8s", "learn pyhton") to goal or concept nodes of the knowledge
 * graph, as ranked candidates with a confidence, or says plainly that nothing
 * fits. Pure: the index is built once from the graph, `parse` does no I/O.
 *
 * Scoring, per node, over each of its names (title, aliases, id) — weights w
 * are TF-IDF weights (goal-index.ts), sim ∈ [0, 1] the best similarity of a
 * query term to a stem (goal-query.ts):
 *
 *   nameCov = Σ_{t ∈ name} w_t · sim_t / Σ_{t ∈ name} w_t
 *   cov     = Σ_{q ∈ query} w_q · max(sim_q(name), ABOUT_CREDIT · sim_q(description)) / Σ_q w_q
 *   score   = nameCov^0.6 · cov^0.4
 *
 * so a node scores high when the phrase names it (nameCov) and the phrase has
 * little left unexplained (cov). A node matched by its description alone
 * scores less (see {@link ABOUT_ONLY}). Role words
 * ("engineer", "analyst") tilt the result towards goals; see {@link GoalParser}.
 */
import { prerequisiteClosure } from '../graph/build.ts';
import type { KnowledgeGraph } from '../graph/types.ts';
import { buildGoalIndex, type GoalIndex, type IndexedNode, type NodeKind } from './goal-index.ts';
import { queryTerms, type QueryTerm } from './goal-query.ts';
import { isPersonRole } from './goal-text.ts';

export interface GoalCandidate {
  id: string;
  title: string;
  kind: NodeKind;
  /** Confidence in [0, 1]. */
  score: number;
}

export interface GoalMatch {
  /** The node the phrase means, when one is confident and clearly ahead; otherwise null. */
  match: string | null;
  /** Best first, at most {@link GoalParserOptions.maxCandidates}; empty when no node fits. */
  candidates: GoalCandidate[];
}

export interface GoalParserOptions {
  /** A `match` needs at least this score. Default 0.6. */
  matchThreshold?: number;
  /** …and this lead over the runner-up. Default 0.1. */
  margin?: number;
  /** Nodes below this score are not candidates. Default 0.3. */
  candidateThreshold?: number;
  /** Default 5. */
  maxCandidates?: number;
}

/** How much a word found only in a node's description counts towards covering the phrase. */
export const ABOUT_CREDIT = 0.7;
/**
 * A node named nowhere in the phrase can still be meant by it ("I want to
 * build websites"). It scores
 *
 *   ABOUT_ONLY · aboutCov^1.5 · min(1, aboutHit / specificWeight)
 *
 * where aboutHit is the weight of the phrase its description explains and
 * aboutCov that weight's share of the phrase: partial hits fall away fast, and
 * so do hits on common words only ("data"). It can be a match only when
 * aboutCov ≥ ABOUT_FULL with two or more topic words: one word in a
 * description ("programming" in Python's) is a hint, not an answer.
 */
export const ABOUT_ONLY = 0.65;
export const ABOUT_FULL = 0.9;
/** A role word in a goal's name ("Engineer" in "DevOps Engineer") weighs this much when the phrase names no role. */
export const ROLE_SLACK = 0.35;
/** A goal whose role word the phrase does not say is scaled by this ("machine learning" is the concept). */
export const GOAL_WITHOUT_ROLE = 0.9;
/** A concept is scaled by this when the phrase names a role ("ML engineer" is the goal). */
export const CONCEPT_FOR_ROLE = 0.8;
/** A context word ("… for data science") covers a name word only this much. */
export const CONTEXT_NAME_SIM = 0.6;
/** A name is "said outright" when each of its words is matched at least this well (typos included). */
const OUTRIGHT_SIM = 0.75;

const DEFAULTS: Required<GoalParserOptions> = { matchThreshold: 0.6, margin: 0.1, candidateThreshold: 0.3, maxCandidates: 5 };

interface Scored {
  node: IndexedNode;
  score: number;
  /** The phrase says every word of one of the node's names. */
  outright: boolean;
  /** Only generic words (and role words) of the best name matched. */
  genericOnly: boolean;
}

/**
 * Maps free text to nodes of one knowledge graph. `match` is set when:
 *
 * 1. the top score is at least `matchThreshold` (0.6), and
 * 2. the phrase says one of the top node's names outright, or the part it
 *    says holds a specific word (one that at most `specificDf` nodes mention,
 *    goal-index.ts): "web" or "developer" alone settle nothing, and
 * 3. it leads the runner-up by at least `margin` (0.1) — or the two are both
 *    named outright and the top node builds on the runner-up (the runner-up is
 *    in its prerequisites), so its plan covers both ("html and css" → CSS).
 *
 * Otherwise `match` is null and `candidates` are the choices to offer; with no
 * node at `candidateThreshold` or above, both are empty: nothing fits.
 */
export class GoalParser {
  private readonly graph: KnowledgeGraph;
  private readonly index: GoalIndex;
  private readonly options: Required<GoalParserOptions>;

  constructor(graph: KnowledgeGraph, options: GoalParserOptions = {}) {
    this.graph = graph;
    this.index = buildGoalIndex(graph);
    this.options = { ...DEFAULTS, ...options };
  }

  parse(text: string): GoalMatch {
    const terms = typeof text === 'string' ? queryTerms(text, this.index) : [];
    if (!terms.some((t) => t.alts.size > 0)) return { match: null, candidates: [] };
    const hasRole = terms.some((t) => t.personRole);
    const scored = this.index.nodes
      .map((node) => this.score(node, terms, hasRole))
      .filter((s) => s.score >= this.options.candidateThreshold)
      .sort((a, b) => b.score - a.score || kindOrder(a.node.kind, hasRole) - kindOrder(b.node.kind, hasRole) || (a.node.id < b.node.id ? -1 : 1));
    promoteCovering(scored, this.graph, this.options.margin);
    const top = scored[0];
    const candidates = scored.slice(0, this.options.maxCandidates).map((s) => ({ id: s.node.id, title: s.node.title, kind: s.node.kind, score: round(s.score) }));
    if (!top || top.score < this.options.matchThreshold || top.genericOnly) return { match: null, candidates };
    const runnerUp = scored[1];
    const clear = !runnerUp || top.score - runnerUp.score >= this.options.margin || covers(this.graph, top.node, runnerUp.node, top, runnerUp);
    return { match: clear ? top.node.id : null, candidates };
  }

  private score(node: IndexedNode, terms: readonly QueryTerm[], hasRole: boolean): Scored {
    const index = this.index;
    const total = terms.reduce((n, t) => n + t.weight, 0);
    const aboutSim = terms.map((t) => bestSim(t, (s) => node.about.has(s)));
    let best: Scored = { node, score: 0, outright: false, genericOnly: false };
    for (const name of node.names) {
      const inName = new Set(name.stems);
      let nameWeight = 0;
      let nameHit = 0;
      let roleMissing = false;
      let specific = false;
      let outright = true;
      for (const t of name.stems) {
        const personRole = isPersonRole(t);
        const w = index.weight(t) * (node.kind === 'goal' && personRole && !hasRole ? ROLE_SLACK : 1);
        const sim = Math.max(0, ...terms.map((q) => (q.alts.get(t) ?? 0) * (q.focus < 1 ? CONTEXT_NAME_SIM : 1)));
        nameWeight += w;
        nameHit += w * sim;
        if (personRole && sim === 0) roleMissing = true;
        if (sim < OUTRIGHT_SIM) outright = false;
        if (sim > 0 && !personRole && index.df(t) <= index.specificDf) specific = true;
      }
      const nameCov = nameWeight > 0 ? nameHit / nameWeight : 0;
      if (nameCov === 0) continue;
      let hit = 0;
      terms.forEach((q, i) => (hit += q.weight * Math.max(bestSim(q, (s) => inName.has(s)), ABOUT_CREDIT * aboutSim[i]!)));
      let score = nameCov ** 0.6 * (total > 0 ? hit / total : 0) ** 0.4;
      if (node.kind === 'goal' && !hasRole && roleMissing) score *= GOAL_WITHOUT_ROLE;
      if (score > best.score) best = { node, score, outright, genericOnly: !specific && !outright };
    }
    const aboutHit = terms.reduce((n, q, i) => n + q.weight * aboutSim[i]!, 0);
    const aboutCov = total > 0 ? aboutHit / total : 0;
    const aboutOnly = ABOUT_ONLY * aboutCov ** 1.5 * Math.min(1, aboutHit / index.specificWeight);
    if (aboutOnly > best.score) {
      const topicWords = terms.filter((q, i) => q.focus === 1 && !q.personRole && aboutSim[i]! > 0).length;
      best = { node, score: aboutOnly, outright: false, genericOnly: aboutCov < ABOUT_FULL || topicWords < 2 };
    }
    if (node.kind === 'concept' && hasRole) best.score *= CONCEPT_FOR_ROLE;
    best.score = Math.min(1, best.score);
    return best;
  }
}

function bestSim(term: QueryTerm, has: (stem: string) => boolean): number {
  let best = 0;
  for (const [s, sim] of term.alts) if (sim > best && has(s)) best = sim;
  return best;
}

function kindOrder(kind: NodeKind, hasRole: boolean): number {
  return (kind === 'goal') === hasRole ? 0 : 1;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Concepts a node's plan covers: a concept and its prerequisites, or a goal's targets and theirs. */
function closure(graph: KnowledgeGraph, node: IndexedNode): Set<string> {
  if (node.kind === 'concept') return prerequisiteClosure(graph, [node.id]);
  return prerequisiteClosure(graph, graph.goals.get(node.id)?.targets ?? []);
}

/** Both named outright, and `a`'s plan already includes `b`. */
function covers(graph: KnowledgeGraph, a: IndexedNode, b: IndexedNode, sa: Scored, sb: Scored): boolean {
  return sa.outright && sb.outright && b.kind === 'concept' && a.id !== b.id && closure(graph, a).has(b.id);
}

/**
 * When the runner-up is within `margin`, both are named outright and the
 * runner-up's plan covers the top node, the runner-up goes first with the
 * top's score: "html and css" asks for both, and CSS (which requires HTML)
 * teaches both.
 */
function promoteCovering(scored: Scored[], graph: KnowledgeGraph, margin: number): void {
  const [top, second] = scored;
  if (!top || !second || top.score - second.score >= margin) return;
  if (covers(graph, second.node, top.node, second, top) && !covers(graph, top.node, second.node, top, second)) {
    second.score = top.score; // keep candidates in score order: the two were within the margin anyway
    scored[0] = second;
    scored[1] = top;
  }
}
