/**
 * Goals understood by meaning: scores every goal and concept by how close a
 * phrase's words are, in word-vector space, to the words of the node's texts
 * (title, aliases, learner phrases (`says`: "run my service in a container"),
 * description, and for goals the O*NET titles and task statements of their
 * occupations; for concepts the technologies mapped to them and their quiz
 * questions). "package my service so it runs the same on every machine" names
 * nothing, but "package", "runs" and "machine" sit near the words of
 * Docker's description and learner phrases.
 *
 * For a phrase q and one text d, with content words (stopwords and goal
 * framing dropped), word weights w from frequency rank r (rare words weigh
 * more), and word similarity s(a, b) = max(0, (cos(a, b) − FLOOR) / (1 − FLOOR)):
 *
 *   w(r)   = ln(1 + r / RANK_SCALE)
 *   R(q,d) = Σ_{a∈q} w_a · max_{b∈d} s(a, b) / Σ_{a∈q} w_a      (how much of the phrase the text explains)
 *   P(q,d) = Σ_{b∈d} w_b · max_{a∈q} s(a, b) / Σ_{b∈d} w_b      (how much of the text the phrase says)
 *   score(q, d) = R^RECALL_SHARE · P^(1 − RECALL_SHARE) · weight(d)
 *   Rn(q, node) = R(q, all words of all the node's texts together)
 *   score(q, node) = (1 − NODE_SHARE) · max_d score(q, d) + NODE_SHARE · Rn(q, node)
 *
 * The best single text (a learner phrase or task statement that says the
 * phrase) and the node-level recall (what all its texts explain together)
 * share the score. The constants were chosen by a sweep on
 * bench/goal-meaning.tsv after its before-tuning figures were recorded
 * (README, "Goal understanding benchmark"); NODE_SHARE moved from 0.3 to 0.6
 * once every node had learner phrases.
 *
 * A word the vectors do not know is tried in its American and uninflected
 * forms ({@link wordForms}: "analyse" → "analyze"). One still unknown
 * matches only the same word in a text ("tensorflow"); otherwise it counts
 * in R's denominator with the weight of the rarest word: gibberish explains
 * nothing. Pure: the vectors
 * come in already read.
 */
import type { KnowledgeGraph } from '../graph/types.ts';
import type { NodeKind } from './goal-index.ts';
import { isFiller, isPersonWord, words } from './goal-text.ts';
import type { WordVectors } from './word-vectors.ts';

/** Cosines at or below this are unrelated words (GloVe puts random pairs around 0.1–0.3). */
export const FLOOR = 0.45;
/** Ranks below this are everyday words ("time", "people") and weigh little. */
export const RANK_SCALE = 300;
/** R against P: a phrase explained in full matters more than a long task statement said in full. */
export const RECALL_SHARE = 0.8;

/** A text that speaks for a node, with how much it counts (names 1, descriptions and O*NET texts less). */
export interface NodeText {
  text: string;
  weight: number;
}

export interface SemanticNode {
  id: string;
  kind: NodeKind;
}

interface Doc {
  node: number;
  /** Rows into the index's local vocabulary. */
  words: Int32Array;
  weights: Float32Array;
  weightSum: number;
  weight: number;
}

/**
 * Other spellings of a word, tried in order when the vectors do not know it:
 * British to American ("analyse" → "analyze", "colour" → "color"), and the
 * plain form of an inflection ("identically" → "identical", "overwriting" →
 * "overwrite", "company's" read as "companys" → "company").
 */
export function wordForms(w: string): string[] {
  const out: string[] = [];
  const swap = (from: RegExp, to: string) => {
    if (from.test(w)) out.push(w.replace(from, to));
  };
  swap(/yse$/, 'yze');
  swap(/ise$/, 'ize');
  swap(/ising$/, 'izing');
  swap(/isation$/, 'ization');
  swap(/our$/, 'or');
  swap(/ours$/, 'ors');
  swap(/ys$/, 'y');
  swap(/ies$/, 'y');
  swap(/s$/, '');
  swap(/ly$/, '');
  swap(/ing$/, '');
  swap(/ing$/, 'e');
  swap(/ed$/, '');
  swap(/ed$/, 'e');
  return out.filter((x) => x.length >= 3);
}

/** The vector row of `w`, or of its first known form ({@link wordForms}); −1 when none is known. */
function knownForm(w: string, indexOf: (word: string) => number): number {
  const row = indexOf(w);
  if (row >= 0) return row;
  for (const f of wordForms(w)) {
    const r = indexOf(f);
    if (r >= 0) return r;
  }
  return -1;
}

/** Content words of a text: stopwords and goal framing ("I want to learn") dropped. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => !isFiller(w));
}

/** The constants above, overridable for measurement. */
export interface SemanticParams {
  floor: number;
  rankScale: number;
  recallShare: number;
  /** Weight of the node-level recall (every word of every text of the node) against the best single text. */
  nodeShare: number;
}

/**
 * How much a learner phrase (`says` in the roadmaps: "run my service in a
 * container") counts against a name (1): it is written the way learners
 * speak, so it is as good a witness as a name.
 */
export const SAYS_WEIGHT = 1;

/** Word similarity (after the floor) from which a phrase word counts as covered by a node. */
export const COVERED = 0.4;

/** How much a person word ("engineer") of the phrase weighs against a topic word of the same rarity. */
export const PERSON_WORD = 0.3;

/** Share of the node-level recall in a node's score. */
export const NODE_SHARE = 0.6;

export const SEMANTIC_DEFAULTS: SemanticParams = { floor: FLOOR, rankScale: RANK_SCALE, recallShare: RECALL_SHARE, nodeShare: NODE_SHARE };

export class SemanticIndex {
  private constructor(
    private readonly params: SemanticParams,
    readonly nodes: readonly SemanticNode[],
    private readonly vectors: WordVectors,
    private readonly docs: readonly Doc[],
    /** Unit vectors of the words the texts use, row after row. */
    private readonly local: Float32Array,
    private readonly localCount: number,
    /** Words of the texts the vectors do not know ("tensorflow", "vlookup"): each a row of its own that only the same word matches. */
    private readonly unknownLocal: ReadonlyMap<string, number>,
  ) {}

  /**
   * Builds the index over every goal and concept of `graph`, plus `extra`
   * texts per node id (O*NET titles and tasks, technologies).
   */
  static build(graph: KnowledgeGraph, vectors: WordVectors, extra: ReadonlyMap<string, readonly NodeText[]> = new Map(), params: Partial<SemanticParams> = {}): SemanticIndex {
    const p = { ...SEMANTIC_DEFAULTS, ...params };
    const rankWeight = (rank: number) => Math.log(1 + rank / p.rankScale);
    const nodes: SemanticNode[] = [];
    const texts: NodeText[][] = [];
    const add = (id: string, kind: NodeKind, own: NodeText[]) => {
      nodes.push({ id, kind });
      texts.push([...own, ...(extra.get(id) ?? [])]);
    };
    const sentences = (s: string) => s.split(/[.;:]\s+|\s+-\s+/).filter((x) => x.trim() !== '');
    const own = (n: { title: string; aliases: readonly string[]; says: readonly string[]; description: string }): NodeText[] => [
      ...[n.title, ...n.aliases].map((text) => ({ text, weight: 1 })),
      ...n.says.map((text) => ({ text, weight: SAYS_WEIGHT })),
      ...sentences(n.description).map((text) => ({ text, weight: 0.9 })),
    ];
    for (const g of graph.goals.values()) add(g.id, 'goal', own(g));
    for (const c of graph.concepts.values()) add(c.id, 'concept', own(c));

    const localOf = new Map<number, number>();
    const unknownLocal = new Map<string, number>();
    /** Vector row of each local word; negative for a word the vectors do not know (its local vector stays zero). */
    const rows: number[] = [];
    const docs: Doc[] = [];
    texts.forEach((list, node) => {
      for (const t of list) {
        const ids: number[] = [];
        const ws: number[] = [];
        for (const w of new Set(contentWords(t.text))) {
          const row = knownForm(w, (x) => vectors.indexOf(x));
          const key = row < 0 ? -1 : row;
          let local = row < 0 ? unknownLocal.get(w) : localOf.get(row);
          if (local === undefined) {
            local = rows.length;
            if (row < 0) unknownLocal.set(w, local);
            else localOf.set(row, local);
            rows.push(key);
          }
          ids.push(local);
          ws.push(rankWeight(row < 0 ? vectors.size : row));
        }
        if (ids.length === 0) continue;
        docs.push({ node, words: Int32Array.from(ids), weights: Float32Array.from(ws), weightSum: ws.reduce((a, b) => a + b, 0), weight: t.weight });
      }
    });
    const dims = vectors.dims;
    const local = new Float32Array(rows.length * dims);
    rows.forEach((row, i) => {
      if (row >= 0) local.set(vectors.matrix.subarray(row * dims, (row + 1) * dims), i * dims);
    });
    return new SemanticIndex(p, nodes, vectors, docs, local, rows.length, unknownLocal);
  }

  /**
   * Score in [0, 1] per node, aligned with {@link nodes}, and the evidence
   * behind them: the summed weight of the phrase's words that some text
   * could match. One everyday word ("data", weight about 1) is not enough
   * to go on; one rare word ("vlookup") or a few ordinary ones are.
   * `covered` per node: how many of the phrase's `words` come at least
   * {@link COVERED} close to a word of its texts, so a node that explains
   * one word of a longer phrase ("blue" of "why is the sky blue", in
   * blue-green deployment) can be told from one the phrase speaks of.
   */
  score(text: string): { scores: Float32Array; evidence: number; words: number; covered: Uint8Array } {
    const out = new Float32Array(this.nodes.length);
    const { vectors, local, localCount, params: p } = this;
    const rankWeight = (rank: number) => Math.log(1 + rank / p.rankScale);
    const FLOOR = p.floor;
    const dims = vectors.dims;
    const query: { sims: Float32Array; weight: number }[] = [];
    let unknownWeight = 0;
    for (const w of new Set(contentWords(text))) {
      const row = knownForm(w, (x) => vectors.indexOf(x));
      // A person word ("engineer", "developer") says "a role", which every goal's title says too: the topic carries the meaning.
      const weightOf = (rank: number) => rankWeight(rank) * (isPersonWord(w) ? PERSON_WORD : 1);
      if (row < 0) {
        const same = this.unknownLocal.get(w);
        if (same === undefined) {
          unknownWeight += weightOf(vectors.size);
          continue;
        }
        const sims = new Float32Array(localCount);
        sims[same] = 1;
        query.push({ sims, weight: weightOf(vectors.size) });
        continue;
      }
      const sims = new Float32Array(localCount);
      // The word's vector copied out once, so the loop over the texts' words reads two flat arrays.
      const q = vectors.matrix.slice(row * dims, (row + 1) * dims);
      for (let u = 0, o = 0; u < localCount; u++, o += dims) {
        // Four running sums: the same dot product, with fewer dependent additions in a row.
        let d0 = 0, d1 = 0, d2 = 0, d3 = 0, d = 0;
        for (; d + 3 < dims; d += 4) {
          d0 += q[d]! * local[o + d]!;
          d1 += q[d + 1]! * local[o + d + 1]!;
          d2 += q[d + 2]! * local[o + d + 2]!;
          d3 += q[d + 3]! * local[o + d + 3]!;
        }
        for (; d < dims; d++) d0 += q[d]! * local[o + d]!;
        const dot = d0 + d1 + d2 + d3;
        sims[u] = dot <= FLOOR ? 0 : (dot - FLOOR) / (1 - FLOOR);
      }
      query.push({ sims, weight: weightOf(row) });
    }
    const covered = new Uint8Array(this.nodes.length);
    if (query.length === 0) return { scores: out, evidence: 0, words: 0, covered };
    const evidence = query.reduce((n, q) => n + q.weight, 0);
    const Q = query.length;
    const nodeBest = new Float32Array(this.nodes.length * Q);
    const docBest = new Float32Array(this.docs.length * Q);
    this.docs.forEach((doc, di) => {
      for (let qi = 0; qi < Q; qi++) {
        const sims = query[qi]!.sims;
        let best = 0;
        for (let j = 0; j < doc.words.length; j++) best = Math.max(best, sims[doc.words[j]!]!);
        docBest[di * Q + qi] = best;
        const k = doc.node * Q + qi;
        if (best > nodeBest[k]!) nodeBest[k] = best;
      }
    });
    const queryWeight = query.reduce((n, q) => n + q.weight, 0) + unknownWeight;
    // For P: how close the phrase comes to each word of the texts (its best word), once per word rather than once per text.
    const nearest = new Float32Array(localCount);
    for (const q of query) for (let u = 0; u < localCount; u++) if (q.sims[u]! > nearest[u]!) nearest[u] = q.sims[u]!;
    this.docs.forEach((doc, di) => {
      let recall = 0;
      for (let qi = 0; qi < Q; qi++) recall += query[qi]!.weight * docBest[di * Q + qi]!;
      if (recall === 0) return;
      let precision = 0;
      for (let j = 0; j < doc.words.length; j++) precision += doc.weights[j]! * nearest[doc.words[j]!]!;
      const s = (recall / queryWeight) ** p.recallShare * (precision / doc.weightSum) ** (1 - p.recallShare) * doc.weight;
      if (s > out[doc.node]!) out[doc.node] = s;
    });
    if (p.nodeShare > 0) {
      for (let n = 0; n < this.nodes.length; n++) {
        let r = 0;
        for (let qi = 0; qi < query.length; qi++) r += query[qi]!.weight * nodeBest[n * query.length + qi]!;
        out[n] = (1 - p.nodeShare) * out[n]! + p.nodeShare * (r / queryWeight);
      }
    }
    for (let n = 0; n < this.nodes.length; n++) {
      let c = 0;
      for (let qi = 0; qi < query.length; qi++) if (nodeBest[n * query.length + qi]! >= COVERED) c++;
      covered[n] = c;
    }
    return { scores: out, evidence, words: query.length, covered };
  }
}
