/**
 * The searchable form of the knowledge graph's goals and concepts, built once:
 * each node's names (title, aliases, id) and description as Porter stems, the
 * TF-IDF weight of every stem, and the vocabulary used to rejoin split
 * compounds, expand acronyms and correct typos in a learner's phrase.
 */
import { natural } from './natural-parts.ts';
import type { KnowledgeGraph } from '../graph/types.ts';
import { isFiller, isStopword, stem, words } from './goal-text.ts';

export type NodeKind = 'goal' | 'concept';

/** One way of naming a node ("Machine Learning Engineer", "ML engineer", …) as stems, stopwords removed, acronyms expanded. */
export interface IndexedName {
  stems: string[];
}

export interface IndexedNode {
  id: string;
  title: string;
  kind: NodeKind;
  names: IndexedName[];
  /** Every stem of every name. */
  nameStems: ReadonlySet<string>;
  /** Stems of the description and the learner phrases (`says`), and of the names, which describe it too. */
  about: ReadonlySet<string>;
}

/** A word that stands for several words: an acronym alias ("ml" → machine learning). */
export type Expansions = ReadonlyMap<string, readonly string[]>;

/** Replaces each acronym in `ws` by the words it stands for. */
export function expand(ws: readonly string[], expansions: Expansions): string[] {
  return ws.flatMap((w) => expansions.get(w) ?? [w]);
}

export interface GoalIndex {
  nodes: readonly IndexedNode[];
  /** Raw words that occur in some node's name, each with its stem (for compounds and typos). */
  nameWords: ReadonlyMap<string, string>;
  /** Stems that occur in some node's name. */
  nameStems: ReadonlySet<string>;
  /** How many nodes mention the stem (names or description). */
  df(stemmed: string): number;
  /**
   * A stem mentioned by at most this many nodes singles them out:
   * max(2, ⌈5% of the nodes⌉). Commoner stems ("data", "web") are generic.
   */
  specificDf: number;
  /** The weight of a stem mentioned by exactly {@link specificDf} nodes: evidence that is specific enough. */
  specificWeight: number;
  /** Consecutive stem pairs inside names ("machin learn"): a filler word in such a pair is kept. */
  nameBigrams: ReadonlySet<string>;
  /** Raw words that are by themselves a whole name ("r", "go", "c"): kept even when they look like filler. */
  wholeNameWords: ReadonlySet<string>;
  /** Acronym aliases and the words they stand for, applied to names and phrases alike. */
  expansions: Expansions;
  /** Every stem in any name or description. */
  vocab: ReadonlySet<string>;
  /** TF-IDF weight of a stem; see {@link buildGoalIndex}. */
  weight(stemmed: string): number;
}

/**
 * Name words: stopwords removed, except single letters ("R", "C") and whole
 * names made of stopwords; goal filler stays ("Machine Learning" keeps "learning").
 */
function nameWords(text: string): string[] {
  const ws = words(text);
  const kept = ws.filter((w) => !isStopword(w) || isLetterName(w));
  return kept.length > 0 ? kept : ws;
}

/** Single letters other than "a" and "i" name things ("R programming", "C", "A/B testing" keeps its "b"). */
export function isLetterName(word: string): boolean {
  return word.length === 1 && word !== 'a' && word !== 'i';
}

/**
 * A single-word alias that spells the initials of its node's multi-word title
 * ("ML" for "Machine Learning"). Such an acronym also stands for those words
 * inside other names ("ML engineer" = "Machine Learning Engineer").
 */
function acronymOf(alias: string[], title: string[]): boolean {
  if (alias.length !== 1 || title.length < 2) return false;
  const a = alias[0]!;
  return a.length === title.length && title.every((w, i) => w[0] === a[i]);
}

/**
 * Builds the index. Term weights come from natural's TF-IDF over one document
 * per node (its names and description):
 *
 *   idf(t) = 1 + ln(N / (1 + df(t))),   weight(t) = max(idf(t), 0.2)²
 *
 * Squaring sharpens the contrast between a stem most nodes mention ("data",
 * "web") and one that singles a node out ("kubernetes"). A stem no node
 * mentions gets the weight of one mentioned by a single node.
 */
export function buildGoalIndex(graph: KnowledgeGraph): GoalIndex {
  const raw: { id: string; title: string; kind: NodeKind; description: string; says: readonly string[]; names: string[] }[] = [];
  for (const g of graph.goals.values()) raw.push({ id: g.id, title: g.title, kind: 'goal', description: g.description, says: g.says, names: [g.title, ...g.aliases, g.id] });
  for (const c of graph.concepts.values()) raw.push({ id: c.id, title: c.title, kind: 'concept', description: c.description, says: c.says, names: [c.title, ...c.aliases, c.id] });

  const nameWordMap = new Map<string, string>();
  const nameStems = new Set<string>();
  const nameBigrams = new Set<string>();
  const wholeNameWords = new Set<string>();
  const expansions = new Map<string, readonly string[]>();
  const tfidf = new natural.TfIdf();
  const nodes: IndexedNode[] = [];

  const rawNames = raw.map((r) => r.names.map(nameWords).filter((ws) => ws.length > 0));
  raw.forEach((r, i) => {
    const titleWords = nameWords(r.title);
    for (const ws of rawNames[i]!) {
      if (acronymOf(ws, titleWords) && !expansions.has(ws[0]!)) expansions.set(ws[0]!, titleWords);
    }
  });

  raw.forEach((r, i) => {
    const seen = new Set<string>();
    const names: IndexedName[] = [];
    const nodeStems = new Set<string>();
    for (const original of rawNames[i]!) {
      if (original.length === 1) wholeNameWords.add(original[0]!);
      const ws = expand(original, expansions);
      const stems = ws.map(stem);
      const key = stems.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      names.push({ stems });
      ws.forEach((w, j) => {
        nameWordMap.set(w, stems[j]!);
        nameStems.add(stems[j]!);
        nodeStems.add(stems[j]!);
      });
      for (let j = 1; j < stems.length; j++) nameBigrams.add(`${stems[j - 1]} ${stems[j]}`);
    }
    const about = new Set<string>(nodeStems);
    for (const text of [r.description, ...r.says]) for (const w of expand(words(text).filter((x) => !isFiller(x)), expansions)) about.add(stem(w));
    tfidf.addDocument([...about]);
    nodes.push({ id: r.id, title: r.title, kind: r.kind, names, nameStems: nodeStems, about });
  });

  const weights = new Map<string, number>();
  const df = new Map<string, number>();
  for (const n of nodes) for (const s of n.about) df.set(s, (df.get(s) ?? 0) + 1);
  for (const s of df.keys()) weights.set(s, termWeight(tfidf.idf(s)));
  const idfAt = (count: number) => 1 + Math.log(Math.max(nodes.length, 1) / (1 + count));
  const unseen = termWeight(idfAt(1));
  const specificDf = Math.max(2, Math.ceil(0.05 * nodes.length));

  return {
    nodes,
    nameWords: nameWordMap,
    nameStems,
    df: (s) => df.get(s) ?? 0,
    specificDf,
    specificWeight: termWeight(idfAt(specificDf)),
    nameBigrams,
    wholeNameWords,
    expansions,
    vocab: new Set(df.keys()),
    weight: (s) => weights.get(s) ?? unseen,
  };
}

function termWeight(idf: number): number {
  const v = Math.max(idf, 0.2);
  return v * v;
}
