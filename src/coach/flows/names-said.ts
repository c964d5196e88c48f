/**
 * Which node a learner's words name, by title, alias or id said as whole
 * words, and when such a word is only the English word it also is.
 *
 * - A one-word name that is an everyday English word (`isEverydayWord`: one
 *   of the 2,000 most frequent) is that word unless it is said as the name:
 *   written with the name's own capitals ("stuck on REST", "Express"), or
 *   next to another word of the node's names ("rest api"). "I'm stuck on the
 *   rest of it" once offered REST API design. An id has no capitals of its
 *   own, so such an id counts only with that context; a name the roadmap
 *   writes in lower case only so.
 * - A one-word name that is a common word (`isCommonWord`, the 10,000 most
 *   frequent) counts in lower case ("learn express"), but not where the
 *   phrase uses it as a verb ({@link usedAsVerb}): "how to express it" once
 *   set Express (the Node framework, word #2,466) as the goal.
 * - Said alone where a topic goes ("where do I start with go"), a one-word
 *   name is the name ({@link topicNamed}).
 */
import { isStopword } from '../../core/goal/goal-text.ts';
import type { TurnContext } from '../turn.ts';

/** The node whose title, alias or id `text` says as whole words, the longest name first; null when none. */
export function nameSaid(ctx: TurnContext, text: string, kind: 'any' | 'concept'): string | null {
  return namesIn(ctx, text, kind).id;
}

const norm = (x: string) => ` ${x.toLowerCase().replace(/[^\p{L}\p{N}+#]+/gu, ' ').trim()} `;

/** {@link nameSaid}'s node, and whether a one-word name was passed over as the English word it also is. */
export function namesIn(ctx: TurnContext, text: string, kind: 'any' | 'concept'): { id: string | null; everyday: boolean } {
  const g = ctx.services.graph;
  const said = norm(text);
  let best: { id: string; len: number } | null = null;
  let passedOver = false;
  const nodes = kind === 'concept' ? [...g.concepts.values()] : [...g.goals.values(), ...g.concepts.values()];
  for (const n of nodes) {
    const id = n.id.replace(/-/g, ' ');
    const names = [n.title, ...n.aliases, id];
    for (const name of names) {
      const w = norm(name);
      if (w.trim().length < 2 || !said.includes(w)) continue;
      if (onlyTheWord(ctx, text, said, name, id, names, true)) {
        passedOver = true;
        continue;
      }
      if (!best || w.length > best.len) best = { id: n.id, len: w.length };
    }
  }
  return { id: best?.id ?? null, everyday: passedOver };
}

/**
 * Whether `text` says node `id` only as English words it uses otherwise:
 * some name of it is in the text, and each one found is a one-word name used
 * as a verb ("how to express it"). For the goal parser's answer to text that
 * is no "I'm stuck on …": a match by meaning alone, or by a name said as the
 * name, stands.
 */
export function saidOnlyAsWord(ctx: TurnContext, text: string, nodeId: string): boolean {
  const n = ctx.services.graph.goals.get(nodeId) ?? ctx.services.graph.concepts.get(nodeId);
  if (!n) return false;
  const said = norm(text);
  const id = n.id.replace(/-/g, ' ');
  const names = [n.title, ...n.aliases, id];
  const found = names.filter((name) => norm(name).trim().length >= 2 && said.includes(norm(name)));
  return found.length > 0 && found.every((name) => onlyTheWord(ctx, text, said, name, id, names, false));
}

/** Words that point at the learner's own plan, task or quiz ("the next step", "question 2", "this video"): no topic to learn ("next" read as Next.js). */
export const POINTS_AT_PLAN = /\b(?:steps?|tasks?|questions?|quiz(?:zes)?|answers?|resources?|lessons?|exercises?|articles?|videos?|links?|chapters?|pages?|parts?|bit|next|last|first|previous|rest)\b/;

/**
 * The node a "where do I start with …" topic names ({@link namesIn}), or the
 * node one of whose one-word names the topic is by itself ("go": a name in a
 * name's place, though an everyday word); null when none.
 */
export function topicNamed(ctx: TurnContext, topic: string): string | null {
  const found = namesIn(ctx, topic, 'any').id;
  if (found) return found;
  const alone = norm(topic).trim().replace(/^(?:the|a|an) /, '');
  if (alone.includes(' ') || alone.length < 2) return null;
  const g = ctx.services.graph;
  const node = [...g.goals.values(), ...g.concepts.values()].find((n) => [n.title, ...n.aliases, n.id.replace(/-/g, ' ')].some((name) => norm(name).trim() === alone));
  return node?.id ?? null;
}

/** `name` (found in `said`) is a one-word name that counts as the English word here; `everydayRule`: the 2,000-word rule too. */
function onlyTheWord(ctx: TurnContext, text: string, said: string, name: string, id: string, names: readonly string[], everydayRule: boolean): boolean {
  const word = norm(name).trim();
  if (word.includes(' ') || (name !== id && writtenAs(text, name))) return false;
  if (withContext(said, word, names.map(norm))) return false;
  const goals = ctx.services.goals;
  if (everydayRule && (goals.isEverydayWord?.(word) ?? false)) return true;
  return (goals.isCommonWord?.(word) ?? false) && usedAsVerb(said, word);
}

/** `text` has `name` as a whole word with the name's own capitals ("REST", not "rest"); false for a name without capitals. */
function writtenAs(text: string, name: string): boolean {
  if (name === name.toLowerCase()) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/** `word` in `said` (normalised, space-padded) stands next to another word of the node's `names` ("rest api"), stopwords aside. */
function withContext(said: string, word: string, names: readonly string[]): boolean {
  const own = new Set(names.flatMap((x) => x.trim().split(' ')).filter((x) => x !== word && x.length > 1 && !isStopword(x)));
  const ws = said.trim().split(' ');
  return ws.some((x, i) => x === word && (own.has(ws[i - 1] ?? '') || own.has(ws[i + 1] ?? '')));
}

/**
 * Words before a verb: "to", a subject or a modal ("can't" is "can t" once
 * normalised). Not "do": after it a name is what is done ("I want to do
 * react").
 */
const BEFORE_VERB = new Set(['to', 'i', 'we', 'you', 'they', 'can', 'could', 'should', 'would', 'will', 'must', 'cannot', 't', 'let', 'lets', 'please']);
/** Words after which "to" says where to, not which verb ("switch to react", "new to express", "an intro to react"). */
const TO_A_PLACE = new Set([
  'switch', 'switching', 'switched', 'move', 'moving', 'moved', 'migrate', 'migrating', 'migrated', 'transition', 'transitioning', 'change', 'changing',
  'new', 'intro', 'introduction', 'guide', 'path', 'roadmap',
]);
/** Words after a verb: its object (a pronoun or a determiner), or "to", "back", "out". */
const AFTER_VERB = new Set([
  'it', 'this', 'that', 'these', 'those', 'them', 'me', 'us', 'him', 'her', 'myself', 'yourself', 'yourselves', 'ourselves', 'themselves', 'himself', 'herself', 'itself',
  'my', 'your', 'our', 'their', 'his', 'its', 'a', 'an', 'the', 'some', 'what', 'how', 'to', 'back', 'out',
]);

/**
 * `word` is used as a verb in `said` (normalised, space-padded): after "to",
 * a subject or a modal, and before its object or at the end ("how to express
 * it", "I want to express myself", "I want to go"). After "learn" or "use" it
 * is a name ("learn express", "how to use express"), and so after "do" and
 * after a "to" that says where to ("switch to react", "from angular to react").
 */
export function usedAsVerb(said: string, word: string): boolean {
  const ws = said.trim().split(' ');
  // "to" after a word of moving ("switch to react"), or closing "from … to …", is a preposition: a name follows it.
  const toAPlace = (i: number) => ws[i - 1] === 'to' && (TO_A_PLACE.has(ws[i - 2] ?? '') || ws.slice(0, i - 1).includes('from'));
  return ws.some((x, i) => x === word && BEFORE_VERB.has(ws[i - 1] ?? '') && !toAPlace(i) && (i === ws.length - 1 || AFTER_VERB.has(ws[i + 1]!)));
}
