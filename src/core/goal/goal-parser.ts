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
 *   cov     = Σ_{q ∈ query} w_q · max(sim_q(names), ABOUT_CREDIT · sim_q(description)) / Σ_q w_q
 *   score   = nameCov^0.6 · cov^0.4
 *
 * so a node scores high when the phrase says one of its names (nameCov) and
 * little of the phrase is left unexplained by its names and description
 * (cov). Name coverage weighs more because a name is what a learner types
 * ("k8s"); the description only backs it up. A node matched by its
 * description alone scores less (see {@link ABOUT_ONLY}). Role words in a
 * goal's name barely count when the phrase names no role ("devops" is DevOps
 * engineer); a phrase that names a role ("ML engineer") or asks to be one
 * scales concepts down, and one that asks to be something ("become a …")
 * cannot match a concept at all.
 *
 * Thresholds, and why: a `match` needs 0.6. With the whole phrase explained
 * (cov = 1) that takes nameCov ≥ 0.43: the telling, rare word of a name
 * ("linux" of "Linux command line") is enough, its common half ("command") is
 * not. A name said in full passes even with a typo (0.85) or a few words left
 * over. The margin of 0.1 over the runner-up is about what one unexplained
 * common word costs; closer than that, the coach asks (goal-resolve.ts says
 * when it need not). Candidates start at 0.3 so the choices offered are
 * plausible, not noise. They were tuned on the shared development phrasings
 * together with our own (test/goal/, bench/goal-held-out.tsv).
 */
import type { KnowledgeGraph } from '../graph/types.ts';
import { buildGoalIndex, type GoalIndex, type IndexedNode, type NodeKind } from './goal-index.ts';
import { analysePhrase, type QueryTerm } from './goal-query.ts';
import { chooseMatch, type Ranked } from './goal-resolve.ts';
import { isRoleStem } from './goal-text.ts';
import { COMBINE_DEFAULTS, combineScores, type Combined, type CombineRule } from './goal-combine.ts';
import { PERSON_WORD, type SemanticIndex } from './goal-semantic.ts';

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
  /** Set when `match` rests on meaning, not on a name said: the coach asks before acting on it. */
  byMeaning?: true;
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
  /**
   * The semantic index, built on first need (reading word vectors takes
   * tens of milliseconds, so start-up does not pay for it): consulted when
   * the lexical reading finds no match, or finds one whose names explain
   * little of the phrase (goal-combine.ts). Without it, names only.
   */
  semantic?: () => SemanticIndex;
  /** The rule that combines lexical and semantic scores (goal-combine.ts); its defaults unless measuring. */
  combine?: Partial<CombineRule>;
  /**
   * A word's rank by frequency in English (0 = the most frequent; -1 when
   * unknown), from the shipped word vectors, whose words come most frequent
   * first. Without it no word counts as {@link GoalParser.isEverydayWord}.
   */
  frequencyRank?: (word: string) => number;
}

/**
 * Words this frequent are everyday English ("rest", "go", "next"): about the
 * size of the General Service List of common English words (West, 2,000
 * families). A one-word name that is one of them ("REST") is the everyday
 * word unless said as the name (flows/situations.ts `nameSaid`).
 */
export const EVERYDAY_RANK = 2000;
/**
 * Words this frequent are common English, verbs among them ("express" is
 * #2,466, "react" #7,712): a one-word name that is one of them is the word,
 * not the name, where the phrase uses it as a verb ("how to express it",
 * flows/names-said.ts `usedAsVerb`). Past the everyday cut a name still
 * counts in lower case ("learn express").
 */
export const COMMON_RANK = 10_000;

/** How {@link GoalParser.parse} reads one phrase. */
export interface ParseOptions {
  /** Names said only, never meaning (default false: meaning too, when the parser has it). */
  namesOnly?: boolean;
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
export const ROLE_SLACK = 0.2;
/** A concept is scaled by this when the phrase names a role or asks to be one ("ML engineer" is the goal). */
export const CONCEPT_FOR_ROLE = 0.8;
/** A context word ("… for data science") covers a name word only this much. */
export const CONTEXT_NAME_SIM = 0.6;
/** A name is "said outright" when each of its words is matched at least this well (typos included). */
const OUTRIGHT_SIM = 0.75;

const DEFAULTS: Required<Omit<GoalParserOptions, 'semantic' | 'combine' | 'frequencyRank'>> = { matchThreshold: 0.6, margin: 0.1, candidateThreshold: 0.3, maxCandidates: 5 };

/**
 * Maps free text to nodes of one knowledge graph: scores every node (see the
 * top of this file), keeps those at `candidateThreshold` or above, best first,
 * and applies the match rule of goal-resolve.ts (`chooseMatch`): a confident
 * top node clearly ahead, or a plain choice between two named outright.
 * With no candidate, nothing fits and both fields are empty.
 */
export class GoalParser {
  private readonly graph: KnowledgeGraph;
  private readonly index: GoalIndex;
  private readonly options: Required<Omit<GoalParserOptions, 'semantic' | 'combine' | 'frequencyRank'>>;
  private readonly semantic: (() => SemanticIndex) | undefined;
  private readonly frequencyRank: ((word: string) => number) | undefined;
  private readonly combine: CombineRule;

  constructor(graph: KnowledgeGraph, options: GoalParserOptions = {}) {
    this.graph = graph;
    this.index = buildGoalIndex(graph);
    const { semantic, combine, frequencyRank, ...rest } = options;
    const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    this.options = { ...DEFAULTS, ...given };
    this.semantic = semantic;
    this.frequencyRank = frequencyRank;
    this.combine = { ...COMBINE_DEFAULTS, ...combine };
  }

  /** True for one of the {@link EVERYDAY_RANK} most frequent English words (lower case), given a frequency rank to ask. */
  isEverydayWord(word: string): boolean {
    const rank = this.frequencyRank?.(word) ?? -1;
    return rank >= 0 && rank < EVERYDAY_RANK;
  }

  /** True for one of the {@link COMMON_RANK} most frequent English words (lower case), given a frequency rank to ask. */
  isCommonWord(word: string): boolean {
    const rank = this.frequencyRank?.(word) ?? -1;
    return rank >= 0 && rank < COMMON_RANK;
  }

  /**
   * `namesOnly`: read only the names the phrase says (typos included), never
   * by meaning: for text that is not a goal statement, where a guess by
   * meaning is noise ("help me write my cv" is no scikit-learn question).
   */
  parse(text: string, opts: ParseOptions = {}): GoalMatch {
    const phrase = typeof text === 'string' ? text : '';
    const { terms, wantsRole } = analysePhrase(phrase, this.index);
    const hasRole = wantsRole || terms.some((t) => t.personRole);
    const all = this.index.nodes.map((node) => this.score(node, terms, hasRole));
    const ranked = all
      .filter((s) => s.score >= this.options.candidateThreshold)
      .sort((a, b) => b.score - a.score || kindOrder(a.node.kind, hasRole) - kindOrder(b.node.kind, hasRole) || (a.node.id < b.node.id ? -1 : 1));
    // Asked to be something no goal is ("a pastry chef"): a tool that shares a word is no answer.
    const noGoal = wantsRole && !ranked.some((r) => r.node.kind === 'goal');
    const match = noGoal ? null : chooseMatch(ranked, this.graph, { matchThreshold: this.options.matchThreshold, margin: this.options.margin, careerOnly: wantsRole });
    const matched = match ? ranked.find((r) => r.node.id === match) : undefined;
    const lexical = (): GoalMatch => {
      if (noGoal || !terms.some((t) => t.alts.size > 0)) return { match: null, candidates: [] };
      return { match, candidates: ranked.slice(0, this.options.maxCandidates).map((s) => ({ id: s.node.id, title: s.node.title, kind: s.node.kind, score: round(s.score) })) };
    };
    if (!this.semantic || opts.namesOnly) return lexical();
    if (!matched) return this.byMeaning(phrase, all, wantsRole).answer;
    // A name said, but most of the phrase left unexplained by it ("automatically test and release every change we merge"):
    // meaning may overrule the name, when it points clearly elsewhere.
    if (matched.outright && matched.nameShare >= this.combine.nameShareSure) return lexical();
    const meaning = this.byMeaning(phrase, all, wantsRole);
    // A name said only in part ("budget" of "AWS budgets") stands only when the phrase means it too: "plan a wedding on a small budget" does not.
    if (!matched.outright && meaning.semOf(match!) < this.combine.partialNameSupport) {
      // Meaning may still point clearly elsewhere; otherwise nothing is certain enough to go on.
      return meaning.answer.match && meaning.answer.match !== match ? meaning.answer : { ...lexical(), match: null };
    }
    if (matched.nameShare >= this.combine.nameShareSure) return lexical();
    const semOf = (id: string) => meaning.ranked.find((r) => r.id === id)?.sem ?? 0;
    const other = meaning.answer.match;
    if (other && other !== match && semOf(other) >= semOf(match!) + this.combine.overrideMargin) return meaning.answer;
    return lexical();
  }

  /** Lexical and semantic scores together (goal-combine.ts). */
  private byMeaning(phrase: string, lexical: readonly Ranked[], careerOnly: boolean): { answer: GoalMatch; ranked: Combined['ranked']; semOf: (id: string) => number } {
    const index = this.semantic!();
    const scored = index.score(phrase);
    const { scores: sem, words, covered } = scored;
    // Role words alone ("sysadmin") are the whole topic when no goal's name says them; a name that does ("engineer" of DevOps Engineer) is the lexical parser's to confirm.
    const roleOnly = scored.roleOnly && !lexical.some((r) => r.node.kind === 'goal' && r.nameShare > 0);
    const evidence = roleOnly ? scored.evidence / PERSON_WORD : scored.evidence;
    const lexOf = new Map(lexical.map((r) => [r.node.id, r.score]));
    const nodes = index.nodes.map((n, i) => ({ id: n.id, kind: n.kind, title: this.titleOf(n.id), lex: lexOf.get(n.id) ?? 0, sem: sem[i]!, covered: covered[i]! }));
    const { match, ranked } = combineScores(nodes, { careerOnly, lexCandidate: this.options.candidateThreshold, evidence, words, roleOnly }, this.combine);
    const semOf = (id: string) => nodes.find((n) => n.id === id)?.sem ?? 0;
    const candidates = ranked.slice(0, this.options.maxCandidates).map((s) => ({ id: s.id, title: s.title, kind: s.kind, score: round(s.score) }));
    return { answer: match ? { match, candidates, byMeaning: true } : { match, candidates }, ranked, semOf };
  }

  private titleOf(id: string): string {
    return this.graph.goals.get(id)?.title ?? this.graph.concepts.get(id)?.title ?? id;
  }

  private score(node: IndexedNode, terms: readonly QueryTerm[], hasRole: boolean): Ranked {
    const index = this.index;
    const total = terms.reduce((n, t) => n + t.weight, 0);
    const aboutSim = terms.map((t) => bestSim(t, (s) => node.about.has(s)));
    const namedSim = terms.map((t) => bestSim(t, (s) => node.nameStems.has(s)));
    let hit = 0;
    terms.forEach((q, i) => (hit += q.weight * Math.max(namedSim[i]!, ABOUT_CREDIT * aboutSim[i]!)));
    const cov = total > 0 ? hit / total : 0;
    let named = 0;
    terms.forEach((q, i) => (named += q.weight * namedSim[i]!));
    const nameShare = total > 0 ? named / total : 0;
    let best: Ranked = { node, score: 0, outright: false, genericOnly: false, firstAt: Infinity, nameShare };
    for (const name of node.names) {
      let nameWeight = 0;
      let nameHit = 0;
      let specific = false;
      let outright = true;
      let firstAt = Infinity;
      for (const t of name.stems) {
        const role = isRoleStem(t);
        const w = index.weight(t) * (node.kind === 'goal' && role && !hasRole ? ROLE_SLACK : 1);
        let sim = 0;
        terms.forEach((q, i) => {
          const x = (q.alts.get(t) ?? 0) * (q.focus < 1 ? CONTEXT_NAME_SIM : 1);
          if (x > 0) firstAt = Math.min(firstAt, i);
          sim = Math.max(sim, x);
        });
        nameWeight += w;
        nameHit += w * sim;
        if (sim < OUTRIGHT_SIM) outright = false;
        if (sim > 0 && !role && index.df(t) <= index.specificDf) specific = true;
      }
      const nameCov = nameWeight > 0 ? nameHit / nameWeight : 0;
      if (nameCov === 0) continue;
      const score = nameCov ** 0.6 * cov ** 0.4;
      if (score > best.score) best = { node, score, outright, genericOnly: !specific && !outright, firstAt, nameShare };
    }
    const aboutHit = terms.reduce((n, q, i) => n + q.weight * aboutSim[i]!, 0);
    const aboutCov = total > 0 ? aboutHit / total : 0;
    const aboutOnly = ABOUT_ONLY * aboutCov ** 1.5 * Math.min(1, aboutHit / index.specificWeight);
    if (aboutOnly > best.score) {
      const topicWords = terms.filter((q, i) => q.focus === 1 && !q.personRole && aboutSim[i]! > 0).length;
      best = { node, score: aboutOnly, outright: false, genericOnly: aboutCov < ABOUT_FULL || topicWords < 2, firstAt: Infinity, nameShare };
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

