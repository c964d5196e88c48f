/**
 * Text normalisation shared by the goal index (node titles, aliases,
 * descriptions) and the learner's phrase, so both sides are cut the same way.
 * Pure and bounded: input past {@link MAX_INPUT_CHARS} is ignored.
 */
import { natural } from './natural-parts.ts';

/** Work is capped here: a goal is a phrase, not an essay. Longer input is cut, never rejected. */
export const MAX_INPUT_CHARS = 2000;
/** At most this many tokens of a phrase are looked at. */
export const MAX_TOKENS = 64;
/** Longer "words" (hashes, base64, minified code) cannot name a skill. */
const MAX_TOKEN_LENGTH = 32;

const tokenizer = new natural.RegexpTokenizer({ pattern: /[^a-z0-9]+/ });

/**
 * Spellings whose meaning lives in punctuation, rewritten to one word before
 * punctuation becomes a separator. `X.js` / `Xjs` is the library X
 * (React.js = React, Node.js = Node), so the suffix is dropped on both sides.
 */
const SYMBOL_WORDS: [RegExp, string][] = [
  [/(^|[^a-z0-9])c\+\+(?![a-z0-9])/g, '$1 cplusplus '],
  [/(^|[^a-z0-9])c#(?![a-z0-9])/g, '$1 csharp '],
  [/(^|[^a-z0-9])f#(?![a-z0-9])/g, '$1 fsharp '],
  [/(^|[^a-z0-9])\.net(?![a-z0-9])/g, '$1 dotnet '],
  [/\b([a-z][a-z0-9]*?)\.?js\b/g, '$1'],
];

/**
 * Chat text can carry markup (HTML pasted in, Slack's `<url|label>`): tags,
 * and the code inside script and style elements, are not the learner's words.
 */
function stripMarkup(text: string): string {
  return text.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<\/?[a-z!][^<>]*>/gi, ' ');
}

/**
 * Lower-cased ASCII words of `text`, in order: accents folded, apostrophes
 * joined ("i'd" → "id"), every other non-alphanumeric a separator ("CI/CD" →
 * "ci cd", "front-end" → "front end"). Compounds split this way are rejoined
 * against the index vocabulary later (see goal-index.ts).
 */
export function words(text: string): string[] {
  let s = stripMarkup(text.slice(0, MAX_INPUT_CHARS)).normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  s = s.replace(/['’`]/g, '');
  for (const [re, to] of SYMBOL_WORDS) s = s.replace(re, to);
  const out: string[] = [];
  for (const w of tokenizer.tokenize(s)) {
    if (w.length === 0 || w.length > MAX_TOKEN_LENGTH) continue;
    out.push(w);
    if (out.length >= MAX_TOKENS) break;
  }
  return out;
}

/** Porter stem, the unit every comparison is made in ("developers" = "development" = "develop"). */
export function stem(word: string): string {
  return /^[0-9]+$/.test(word) ? word : natural.PorterStemmer.stem(word);
}

const STOPWORDS = new Set<string>(natural.stopwords);

/**
 * Words that frame a goal rather than name it: "I want to become", "how do I",
 * "teach me", "roadmap please". Dropped from the phrase unless they are part of
 * a node's name there ("machine learning", "R"), see goal-index.ts.
 */
const FILLER = new Set<string>(
  (
    'want wanna wanted would like love need needs hope plan planning trying try ' +
    'learn learning learned learnt study studying studied master mastering teach teaching taught ' +
    'become becoming became get getting go going start starting started begin beginning ' +
    'help please thanks thank roadmap roadmaps path plan guide course courses tutorial tutorials ' +
    'basic basics fundamentals fundamental intro introduction beginner beginners beginning advanced ' +
    'career job jobs work working role position someone person professional good better best ' +
    'understand understanding know knowing improve improving brush refresh use using ' +
    'how what way ways thing things stuff set setup new also really just lot bit ' +
    'write writing code coding via within ' +
    'interested interest keen curious passionate excited skilled proficient confident fluent comfortable familiar experienced ' +
    'im id ive dont cant wont lets whats hi hello hey ok okay yes'
  ).split(' '),
);

/** True for English stopwords ("the", "with", and single letters). */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** True for words that carry no topic on their own (stopwords and goal-framing filler). */
export function isFiller(word: string): boolean {
  return STOPWORDS.has(word) || FILLER.has(word);
}

/**
 * Role words say "a career goal", not "a concept": a phrase with one favours
 * goal nodes. Words in one group stand for each other ("backend engineer" =
 * "Backend Developer"); across groups they do not (an analyst is not a scientist).
 */
const ROLE_GROUPS: readonly string[][] = [
  // "development" and "engineering" share their stems with "developer" and "engineer".
  ['developer', 'dev', 'devs', 'engineer', 'programmer', 'coder'],
  ['analyst', 'analysts'],
  ['scientist', 'scientists'],
  ['architect', 'architects'],
  ['administrator', 'admin', 'sysadmin'],
  ['designer', 'designers'],
  ['specialist', 'expert', 'consultant'],
];

const ROLE_GROUP_OF = new Map<string, number>();
ROLE_GROUPS.forEach((group, i) => group.forEach((w) => ROLE_GROUP_OF.set(stem(w), i)));

/** The role group of a stem, or undefined when it is not a role word. */
export function roleGroup(stemmed: string): number | undefined {
  return ROLE_GROUP_OF.get(stemmed);
}

/** True for a stem of a role word ("develop", "engin", "analyst"): in a goal's name it says "a career". */
export function isRoleStem(stemmed: string): boolean {
  return ROLE_GROUP_OF.has(stemmed);
}

/**
 * Words, as typed, that name a person in a role. Stems cannot tell them from
 * the activity ("engineer" and "engineering" share "engin"), and "feature
 * engineering" or "web development" are topics, not careers.
 */
const PERSON_WORDS = new Set(
  ROLE_GROUPS.flat()
    .flatMap((w) => [w, w.endsWith('s') ? w : `${w}s`])
    .filter((w) => !/(ment|ing)s?$/.test(w)),
);

/** True when the word, as typed, names a person in a role ("engineer", "devs", "analyst"). */
export function isPersonWord(word: string): boolean {
  return PERSON_WORDS.has(word);
}

/**
 * A word for the person who practises a subject ("statistician",
 * "mathematician", "biologist", "economist"): it shares its first letters with
 * the subject, so it reads as the subject's family, but it names a career.
 */
const PRACTITIONER = /^[a-z]{4,}(ician|ologist|onomist)s?$/;

/** True for a practitioner's word ({@link PRACTITIONER}) that is not already a role word. */
export function isPractitionerWord(word: string): boolean {
  return PRACTITIONER.test(word) && !PERSON_WORDS.has(word);
}

const BE = new Set(['become', 'becoming', 'be', 'being']);
const WORK = new Set(['work', 'working', 'job', 'career', 'hired', 'employed', 'jobs']);
const PERSON = new Set(['one', 'person', 'expert']);

/**
 * The phrase asks to *be* something ("become a …", "be an …", "work as …",
 * "a job as …", "be the one who …"): only a goal (a role) answers that, never a concept — "I want
 * to become a chef" is not the Chef tool.
 */
export function wantsRole(ws: readonly string[]): boolean {
  for (let i = 0; i + 1 < ws.length; i++) {
    const next = ws[i + 1]!;
    if (BE.has(ws[i]!) && (next === 'a' || next === 'an')) return true;
    if (WORK.has(ws[i]!) && next === 'as') return true;
    // "be the one who …", "be the person who …", "be someone who …": a role described by its work.
    if (BE.has(ws[i]!) && next === 'someone' && ws[i + 2] === 'who') return true;
    if (BE.has(ws[i]!) && next === 'the' && PERSON.has(ws[i + 2] ?? '') && ws[i + 3] === 'who') return true;
  }
  return false;
}

/**
 * Clipped words of everyday speech that the word vectors and the roadmaps
 * spell out ("a quant" is a quantitative analyst, "infra" infrastructure).
 */
const CLIPPINGS: ReadonlyMap<string, string> = new Map([
  ['quant', 'quantitative'],
  ['quants', 'quantitative'],
  ['infra', 'infrastructure'],
]);

/** The full word a clipped one stands for ({@link CLIPPINGS}), or undefined. */
export function unclipped(word: string): string | undefined {
  return CLIPPINGS.get(word);
}
