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
 *   Rn(q, node) = Σ_{a∈q} w_a · max_{d∈node} weight(d) · max_{b∈d} s(a, b) / Σ_{a∈q} w_a
 *                 (what all the node's texts explain together, each at its weight)
 *   score(q, node) = (1 − NODE_SHARE) · max_d score(q, d) + NODE_SHARE · Rn(q, node)
 *
 * The best single text (a learner phrase or task statement that says the
 * phrase) and the node-level recall (what all its texts explain together)
 * share the score. The constants were chosen by a sweep on
 * bench/goal-meaning.tsv after its before-tuning figures were recorded
 * (README, "Goal understanding benchmark"); NODE_SHARE moved from 0.3 to 0.6
 * once every node had learner phrases.
 *
 * Two forms of one word ("tracking", "track": {@link inflections}) are at
 * least {@link FORM_SIM} alike, whatever their vectors say.
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
import { isFiller, isPersonWord, unclipped, words } from './goal-text.ts';
import type { WordVectors } from './word-vectors.ts';
import { dotKernel, type DotKernel } from './dot-kernel.ts';

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

/** Every text of every node, flattened: text d's words are words[start[d] .. start[d + 1]). */
interface Docs {
  count: number;
  node: Int32Array;
  start: Int32Array;
  /** Rows into the index's local vocabulary. */
  words: Int32Array;
  weights: Float32Array;
  weightSum: Float32Array;
  weight: Float32Array;
}

/**
 * Other spellings of a word, tried in order when the vectors do not know it:
 * British to American ("analyse" → "analyze", "colour" → "color"), and the
 * plain form of an inflection ("identically" → "identical", "overwriting" →
 * "overwrite", "company's" read as "companys" → "company"), and a clipped
 * word in full ("quant" → "quantitative").
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
  const full = unclipped(w);
  if (full) out.push(full);
  return out.filter((x) => x.length >= 3);
}

/**
 * A word and its plain forms ({@link wordForms}): two words are one when
 * these meet ("tracking" and "track", "communities" and "community"), unlike
 * Porter stems, which also join "experience" and "experiment", "general"
 * and "generative".
 */
export function inflections(w: string): string[] {
  return [w, ...wordForms(w)];
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

/** Similarity (after the floor) of two forms of one word ("tracking", "track"; {@link inflections}): close, but an action is not its result ("sort" a list, a "sorted" list). */
export const FORM_SIM = 0.8;

/** Share of the node-level recall in a node's score. */
export const NODE_SHARE = 0.6;

export const SEMANTIC_DEFAULTS: SemanticParams = { floor: FLOOR, rankScale: RANK_SCALE, recallShare: RECALL_SHARE, nodeShare: NODE_SHARE };

export class SemanticIndex {
  private constructor(
    private readonly params: SemanticParams,
    readonly nodes: readonly SemanticNode[],
    private readonly vectors: WordVectors,
    private readonly docs: Docs,
    /** Dot products against the unit vectors of the words the texts use (dot-kernel.ts). */
    private readonly kernel: DotKernel,
    private readonly localCount: number,
    /** Words of the texts the vectors do not know ("tensorflow", "vlookup"): each a row of its own that only the same word matches. */
    private readonly unknownLocal: ReadonlyMap<string, number>,
    /** Local rows by each of their word's inflected forms ({@link inflections}): "tracking" in a phrase is "track" in a text, whatever their vectors say. */
    private readonly byForm: ReadonlyMap<string, readonly number[]>,
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
    const docList: { node: number; words: number[]; weights: number[]; weight: number }[] = [];
    const byForm = new Map<string, number[]>();
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
          for (const f of inflections(w)) {
            const same = byForm.get(f);
            if (!same) byForm.set(f, [local]);
            else if (!same.includes(local)) same.push(local);
          }
          ids.push(local);
          ws.push(rankWeight(row < 0 ? vectors.size : row));
        }
        if (ids.length === 0) continue;
        docList.push({ node, words: ids, weights: ws, weight: t.weight });
      }
    });
    const dims = vectors.dims;
    const local = new Float32Array(rows.length * dims);
    rows.forEach((row, i) => {
      if (row >= 0) local.set(vectors.matrix.subarray(row * dims, (row + 1) * dims), i * dims);
    });
    const start = new Int32Array(docList.length + 1);
    docList.forEach((d, i) => (start[i + 1] = start[i]! + d.words.length));
    const docs: Docs = {
      count: docList.length,
      node: Int32Array.from(docList, (d) => d.node),
      start,
      words: Int32Array.from(docList.flatMap((d) => d.words)),
      weights: Float32Array.from(docList.flatMap((d) => d.weights)),
      weightSum: Float32Array.from(docList, (d) => d.weights.reduce((a, b) => a + b, 0)),
      weight: Float32Array.from(docList, (d) => d.weight),
    };
    return new SemanticIndex(p, nodes, vectors, docs, dotKernel(local, rows.length, dims), rows.length, unknownLocal, byForm);
  }

  /** Local rows of the words that share an inflected form with `w` ("track", "tracks", "tracking", "tracked"). */
  private sameWord(w: string): number[] | undefined {
    let out: number[] | undefined;
    for (const f of inflections(w)) {
      const rows = this.byForm.get(f);
      if (rows) out = out ? [...new Set([...out, ...rows])] : [...rows];
    }
    return out;
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
  score(text: string): { scores: Float32Array; evidence: number; words: number; covered: Uint8Array; roleOnly: boolean } {
    const out = new Float32Array(this.nodes.length);
    const { vectors, localCount, params: p } = this;
    const rankWeight = (rank: number) => Math.log(1 + rank / p.rankScale);
    const FLOOR = p.floor;
    const dims = vectors.dims;
    /** Per phrase word: its similarity to each text word, its weight, and the text words that are forms of it ({@link inflections}). */
    const query: { sims: Float32Array; weight: number; forms: readonly number[] | undefined }[] = [];
    let unknownWeight = 0;
    const phraseWords = [...new Set(contentWords(text))];
    /** Known words of the phrase: their rows and their `sims`, filled in one pass over the texts' words below. */
    const known: { row: number; sims: Float32Array }[] = [];
    for (const w of phraseWords) {
      const row = knownForm(w, (x) => vectors.indexOf(x));
      // A person word ("engineer", "developer") says "a role", which every goal's title says too: the topic carries the meaning.
      const weightOf = (rank: number) => rankWeight(rank) * (isPersonWord(w) ? PERSON_WORD : 1);
      const forms = this.sameWord(w);
      const sims = new Float32Array(localCount);
      if (row >= 0) {
        known.push({ row, sims });
        query.push({ sims, weight: weightOf(row), forms });
        continue;
      }
      const same = this.unknownLocal.get(w);
      if (same === undefined && !forms) {
        unknownWeight += weightOf(vectors.size);
        continue;
      }
      if (same !== undefined) sims[same] = 1;
      query.push({ sims, weight: weightOf(vectors.size), forms });
    }
    // Every known phrase word against every text word in one call (dot-kernel.ts), then the floor.
    const K = known.length;
    if (K > 0) {
      const qs = new Float32Array(K * dims);
      known.forEach((k, i) => qs.set(vectors.matrix.subarray(k.row * dims, (k.row + 1) * dims), i * dims));
      const dots = new Float32Array(localCount * K);
      this.kernel.dots(qs, K, dots);
      const scale = 1 / (1 - FLOOR);
      for (let i = 0; i < K; i++) {
        const sims = known[i]!.sims;
        for (let u = 0, o = i; u < localCount; u++, o += K) {
          const dot = dots[o]!;
          if (dot > FLOOR) sims[u] = (dot - FLOOR) * scale;
        }
      }
    }
    for (const q of query) for (const u of q.forms ?? []) q.sims[u] = Math.max(q.sims[u]!, FORM_SIM);
    const covered = new Uint8Array(this.nodes.length);
    if (query.length === 0) return { scores: out, evidence: 0, words: 0, covered, roleOnly: false };
    // A phrase of role words only ("sysadmin") has no topic besides them; the parser decides whether they count in full (the scores are ratios and do not change).
    const roleOnly = phraseWords.length > 0 && phraseWords.every(isPersonWord);
    const evidence = query.reduce((n, q) => n + q.weight, 0);
    const Q = query.length;
    const nodeBest = new Float32Array(this.nodes.length * Q);
    const docs = this.docs;
    // R per text: the phrase's words, each at its best word of the text; and each node's best per phrase word.
    const recall = new Float32Array(docs.count);
    for (let qi = 0; qi < Q; qi++) {
      const { sims, weight } = query[qi]!;
      for (let di = 0; di < docs.count; di++) {
        let best = 0;
        for (let j = docs.start[di]!, end = docs.start[di + 1]!; j < end; j++) {
          const v = sims[docs.words[j]!]!;
          if (v > best) best = v;
        }
        if (best === 0) continue;
        recall[di] = recall[di]! + weight * best;
        const k = docs.node[di]! * Q + qi;
        // Each text speaks for its node at its own weight: a task statement or quiz question less than a learner phrase.
        const weighed = best * docs.weight[di]!;
        if (weighed > nodeBest[k]!) nodeBest[k] = weighed;
      }
    }
    const queryWeight = query.reduce((n, q) => n + q.weight, 0) + unknownWeight;
    // For P: how close the phrase comes to each word of the texts (its best word), once per word rather than once per text.
    const nearest = new Float32Array(localCount);
    for (const q of query) for (let u = 0; u < localCount; u++) if (q.sims[u]! > nearest[u]!) nearest[u] = q.sims[u]!;
    for (let di = 0; di < docs.count; di++) {
      if (recall[di] === 0) continue;
      let precision = 0;
      for (let j = docs.start[di]!, end = docs.start[di + 1]!; j < end; j++) precision += docs.weights[j]! * nearest[docs.words[j]!]!;
      const s = (recall[di]! / queryWeight) ** p.recallShare * (precision / docs.weightSum[di]!) ** (1 - p.recallShare) * docs.weight[di]!;
      const n = docs.node[di]!;
      if (s > out[n]!) out[n] = s;
    }
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
    return { scores: out, evidence, words: query.length, covered, roleOnly };
  }
}
