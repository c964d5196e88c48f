/**
 * Turns a learner's phrase into weighted query terms, each with the index
 * stems it can stand for: itself, a role word of the same group, a word of the
 * same family ("science" ~ "scientist"), or, for a word the index has never
 * seen, the name word it is most likely a typo of ("pyhton" ~ "python").
 */
import { natural } from './natural-parts.ts';
import { expand, isLetterName, type GoalIndex } from './goal-index.ts';
import { isFiller, isPersonWord, isPractitionerWord, isStopword, roleGroup, stem, unclipped, wantsRole, words } from './goal-text.ts';

export interface QueryTerm {
  word: string;
  /**
   * 1 for the topic; {@link CONTEXT_FOCUS} for words after "for", "in", "with"…
   * ("statistics for data science": statistics is the goal, data science the why).
   */
  focus: number;
  /** Index stems this term stands for, with a similarity in (0, 1]. Empty when nothing in the index is like it. */
  alts: ReadonlyMap<string, number>;
  /** TF-IDF weight (see goal-index.ts); an unknown word weighs {@link UNKNOWN_WORD_FACTOR} of a rare one. */
  weight: number;
  /** "engineer", "developer", "analyst"…: the learner names a career, so goals are favoured. */
  personRole: boolean;
}

/** Similarity of a role word to another of its group ("engineer" ~ "developer"). */
export const ROLE_SIMILARITY = 0.9;
/** Similarity of two stems of one family: a shared prefix of at least 5 letters and 80% of the shorter. */
export const FAMILY_SIMILARITY = 0.85;
/**
 * Similarity of a practitioner's word to its subject's family ("statistician"
 * ~ "statistics"): below a name said outright, since the learner names the
 * person, not the topic.
 */
export const PRACTITIONER_SIMILARITY = 0.6;
/** Similarity of a typo to the name word it is one edit away from (two edits, for words of 9+ letters: 0.75). */
export const TYPO_SIMILARITY = 0.85;
/**
 * An unknown word ("pastry", "thesis") may be noise or a topic no node covers;
 * it counts at half the weight of a rare known word, so it lowers coverage
 * without drowning the words that did match.
 */
export const UNKNOWN_WORD_FACTOR = 0.5;

/** How much a context word counts, relative to the topic. */
export const CONTEXT_FOCUS = 0.35;
/** Words that end the topic and start its context, once the topic has a word of its own. */
const CONTEXT_MARKERS = new Set(['for', 'in', 'with', 'using', 'via', 'within']);

interface Word {
  word: string;
  focus: number;
  /** 1, or {@link TYPO_SIMILARITY} when the word is a correction of what was typed. */
  sim: number;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

function sameFamily(a: string, b: string): boolean {
  const p = commonPrefix(a, b);
  return p >= 5 && p >= 0.8 * Math.min(a.length, b.length);
}

/**
 * Rejoins or splits compounds against the names: "front end" → "frontend" when
 * a name says "Frontend", "fullstack" → "full stack" when a name says
 * "Full-Stack", into two words that follow each other in a name. Only words
 * no name contains are split. A detached "js" after
 * a name ("next js") goes, as it does when attached ("Next.js"). Stopwords
 * never join ("what am i doing" says nothing of AMIs).
 */
function compounds(ws: readonly Word[], index: GoalIndex): Word[] {
  const merged: Word[] = [];
  for (let i = 0; i < ws.length; i++) {
    // "react js", "node js": the suffix of a library's name, written apart (words() drops it when attached).
    if (ws[i]!.word === 'js' && i > 0 && index.nameWords.has(ws[i - 1]!.word) && !isFiller(ws[i - 1]!.word)) continue;
    const next = ws[i + 1];
    // Only words that say something join: "am i" is not "AMI" (EC2's machine images), "front end" is "frontend".
    const joined = next && !isStopword(ws[i]!.word) && !isStopword(next.word) ? ws[i]!.word + next.word : '';
    if (next && joined !== '' && index.nameWords.has(joined)) {
      merged.push({ word: joined, focus: Math.max(ws[i]!.focus, next.focus), sim: 1 });
      i++;
    } else merged.push(ws[i]!);
  }
  return merged.flatMap((x) => {
    const w = x.word;
    if (w.length < 4 || index.nameWords.has(w) || index.nameStems.has(stem(w))) return [x];
    let best: [string, string] | null = null;
    for (let k = 2; k <= w.length - 2; k++) {
      const a = w.slice(0, k);
      const b = w.slice(k);
      // The two parts must follow each other in some name ("cicd" is CI/CD, "powerbi" Power BI): "birds" is not "bi" (Power BI) + "rds" (Amazon RDS).
      if (!index.nameWords.has(a) || !index.nameWords.has(b) || !index.nameBigrams.has(`${stem(a)} ${stem(b)}`)) continue;
      if (!best || Math.min(a.length, b.length) > Math.min(best[0].length, best[1].length)) best = [a, b];
    }
    return best ? best.map((word) => ({ word, focus: x.focus, sim: 1 })) : [x];
  });
}

/**
 * Marks the words after the first context marker ("for", "in", "with", …) as
 * context, when a topic word comes before it: "statistics for data science".
 * "roadmap for data science" has no topic before "for", so nothing changes.
 */
function markContext(ws: readonly string[]): Word[] {
  let topic = false;
  let context = false;
  return ws.map((word) => {
    const here: Word = { word, focus: context ? CONTEXT_FOCUS : 1, sim: 1 };
    if (CONTEXT_MARKERS.has(word)) context ||= topic;
    else if (!isFiller(word)) topic = true;
    return here;
  });
}

/**
 * Drops the words that frame a goal ("I want to become", "roadmap please")
 * unless a name needs them: a whole name ("R", "Go") or half of a name's word
 * pair ("machine learning" keeps "learning"; "learn to code" keeps "learn" and
 * "code" when a name says "learn to code" — stopwords between do not count).
 */
function dropFiller(ws: readonly Word[], index: GoalIndex): Word[] {
  const stems = ws.map((w) => stem(w.word));
  const neighbour = (i: number, step: 1 | -1): number => {
    let j = i + step;
    while (j >= 0 && j < ws.length && isStopword(ws[j]!.word)) j += step;
    return j;
  };
  return ws.filter(({ word }, i) => {
    if (!isFiller(word) || index.wholeNameWords.has(word) || (isLetterName(word) && index.nameWords.has(word))) return true;
    const [p, n] = [neighbour(i, -1), neighbour(i, 1)];
    return (p >= 0 && index.nameBigrams.has(`${stems[p]} ${stems[i]}`)) || (n < ws.length && index.nameBigrams.has(`${stems[i]} ${stems[n]}`));
  });
}

/**
 * Everyday words for what the graph names otherwise, used only when no node
 * mentions the word itself: a learner "builds websites", the graph says "web";
 * clipped words are read in full (goal-text.ts `unclipped`).
 */
const EVERYDAY: ReadonlyMap<string, string> = new Map([
  ['website', 'web'],
  ['websites', 'web'],
  ['webpage', 'web'],
  ['webpages', 'web'],
  ['webapp', 'web'],
  ['webapps', 'web'],
  ['maths', 'math'],
]);

function everyday(ws: readonly Word[], index: GoalIndex): Word[] {
  return ws.map((w) => {
    const to = EVERYDAY.get(w.word) ?? unclipped(w.word);
    return to && !index.vocab.has(stem(w.word)) ? { ...w, word: to } : w;
  });
}

/**
 * Replaces a word no node mentions by the name word it is most likely a typo
 * of: same first letter, Damerau-Levenshtein distance 1 (2 for words of 9+
 * letters) and Jaro-Winkler similarity ≥ 0.88; the closest wins. Done before
 * filler is dropped, so "machne learning" keeps its "learning".
 */
function correctTypos(ws: readonly Word[], index: GoalIndex): Word[] {
  return ws.map((w) => {
    const word = w.word;
    if (word.length < 5 || isFiller(word) || /[0-9]/.test(word) || index.vocab.has(stem(word))) return w;
    const allowed = word.length >= 9 ? 2 : 1;
    let best: { name: string; d: number; jw: number } | null = null;
    for (const name of index.nameWords.keys()) {
      if (name[0] !== word[0] || name.length < 4 || Math.abs(name.length - word.length) > allowed) continue;
      const d = natural.DamerauLevenshteinDistance(word, name);
      if (d === 0 || d > allowed) continue;
      const jw = natural.JaroWinklerDistance(word, name);
      if (jw >= 0.88 && (!best || d < best.d || (d === best.d && jw > best.jw))) best = { name, d, jw };
    }
    return best ? { word: best.name, focus: w.focus, sim: best.d === 1 ? TYPO_SIMILARITY : TYPO_SIMILARITY - 0.1 } : w;
  });
}

/** Index stems a (corrected) word stands for, with their similarity scaled by the correction's. */
function alternatives(word: string, sim: number, index: GoalIndex): Map<string, number> {
  const s = stem(word);
  const alts = new Map<string, number>();
  const put = (v: string, x: number) => {
    if ((alts.get(v) ?? 0) < x * sim) alts.set(v, x * sim);
  };
  if (index.vocab.has(s)) put(s, 1);
  const group = roleGroup(s);
  for (const v of index.vocab) {
    if (v === s) continue;
    if (group !== undefined) {
      if (roleGroup(v) === group) put(v, ROLE_SIMILARITY);
    } else if (sameFamily(s, v)) put(v, isPractitionerWord(word) ? PRACTITIONER_SIMILARITY : FAMILY_SIMILARITY); // a role word has its group instead ("expert" is not "experiment")
  }
  return alts;
}

export interface Query {
  /** One per distinct stem, in order. */
  terms: QueryTerm[];
  /** The phrase asks to be something ("become a …"): see goal-text.ts `wantsRole`. */
  wantsRole: boolean;
}

/**
 * Reads a phrase into query terms, in these steps: words (goal-text.ts) →
 * context after "for"/"with" → compounds rejoined or split → typos corrected
 * → everyday words mapped → filler dropped → acronyms expanded → one term per
 * stem. Bounded by MAX_TOKENS (goal-text.ts).
 */
export function analysePhrase(text: string, index: GoalIndex): Query {
  const raw = words(text);
  return { terms: queryTerms(raw, index), wantsRole: wantsRole(raw) };
}

function queryTerms(raw: readonly string[], index: GoalIndex): QueryTerm[] {
  const ws = dropFiller(everyday(correctTypos(compounds(markContext(raw), index), index), index), index).flatMap((w) =>
    expand([w.word], index.expansions).map((word) => ({ ...w, word })),
  );
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  for (const { word, focus, sim } of ws) {
    const s = stem(word);
    if (seen.has(s)) continue;
    seen.add(s);
    const alts = alternatives(word, sim, index);
    let weight = index.weight(s) * UNKNOWN_WORD_FACTOR;
    if (index.vocab.has(s)) weight = index.weight(s);
    else if (alts.size > 0) {
      const [bestStem] = [...alts].reduce((a, b) => (b[1] > a[1] || (b[1] === a[1] && index.weight(b[0]) > index.weight(a[0])) ? b : a));
      weight = index.weight(bestStem);
    }
    terms.push({ word, focus, alts, weight: weight * focus, personRole: isPersonWord(word) || isPractitionerWord(word) });
  }
  return terms;
}
