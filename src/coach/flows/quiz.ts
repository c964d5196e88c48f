/**
 * Quizzes: a few questions on one concept (practice) or the due review
 * cards. Choices are shuffled with the seeded generator; each answer comes
 * back as a button press carrying the item id and the chosen choice's index.
 */
import { plural } from '../../core/text/wording.ts';
import type { Reply } from '../../core/chat/messages.ts';
import type { QuizItem } from '../../core/graph/types.ts';
import { UserError } from '../../core/errors.ts';
import type { Rng } from '../../core/random.ts';
import { masteryOf, masteryVerdict, touchActivity } from '../learner.ts';
import { readPending, setPending, type QuizPending } from '../pending.ts';
import { bar, button, buttons, commandButton, merge, pct, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { recordAnswer } from './answers.ts';
import { adaptAfterAnswer } from './adapt.ts';
import { conceptTitle } from './planning.ts';
import { continueAssessment } from './onboarding.ts';
import { countsAsEvidence } from '../../core/kt/mastery-rule.ts';
import { CHOICE_LETTERS, parseChoiceReply } from '../choice-reply.ts';
import { resourceQuizEnded } from './resource-evidence.ts';
import { pacingAfterAnswer } from './policy-advice.ts';
import { SITTING_ITEMS } from '../../core/sim/policies.ts';

export const QUIZ_ANSWER = 'quiz.answer';
/** A button that starts one review question on a concept (value: the concept id). */
export const QUIZ_REVIEW = 'quiz.review';

function shuffle<T>(list: readonly T[], rng: Rng): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Picks up to `count` items: those that count as mastery evidence first (never
 * answered, or due again), never-seen before due; then, only to fill the
 * quiz, items seen recently (they feed review, not mastery). Ties are broken
 * by the seeded generator.
 */
async function pickItems(ctx: TurnContext, conceptId: string, count: number): Promise<{ items: QuizItem[]; fresh: number }> {
  const concept = ctx.services.graph.concepts.get(conceptId);
  if (!concept || concept.quiz.length === 0) throw new UserError('NO_QUIZ', `I have no quiz for ${conceptTitle(ctx, conceptId)} yet.`);
  const withCards = await Promise.all(
    shuffle(concept.quiz, ctx.services.rng).map(async (item) => ({ item, card: await ctx.services.store.getCard(ctx.learnerId, item.id) })),
  );
  const due = (c: (typeof withCards)[number]) => (c.card ? Date.parse(c.card.due) : -Infinity);
  withCards.sort((a, b) => due(a) - due(b));
  const picked = withCards.slice(0, count);
  return { items: picked.map((x) => x.item), fresh: picked.filter((x) => countsAsEvidence(x.card, ctx.now)).length };
}

export async function startQuiz(ctx: TurnContext, conceptId: string, count = 3, intro?: string): Promise<Reply> {
  const { items, fresh } = await pickItems(ctx, conceptId, count);
  const p: QuizPending = { kind: 'quiz', mode: 'quiz', itemIds: items.map((i) => i.id), index: 0, correct: 0, askedAt: ctx.now.toISOString() };
  setPending(ctx.learner, p);
  const title = conceptTitle(ctx, conceptId);
  const stale =
    fresh < items.length
      ? ` ${fresh === 0 ? 'You have seen all of these recently' : `${plural(items.length - fresh, 'of these you have seen', 'of these you have seen')} recently`}, so ${fresh === 0 ? 'they count' : 'those count'} for review, not mastery, until they are due again.`
      : '';
  return merge(reply(say((intro ?? `🧠 Quiz on ${title}: ${plural(items.length, 'question')}.`) + stale)), askQuestion(ctx, p));
}

/** The item a pending quiz is on, with its choices in the order the learner sees them (fixed once, kept in the pending state). */
export function currentQuestion(ctx: TurnContext, p: QuizPending): { item: QuizItem; order: number[] } {
  const item = ctx.services.graph.quizItems.get(p.itemIds[p.index]!);
  if (!item) throw new UserError('QUIZ_GONE', 'That question is no longer available. Type "quiz" for a new one.');
  const valid = p.order && p.order.length === item.choices.length && new Set(p.order).size === item.choices.length && p.order.every((i) => i < item.choices.length);
  const order = valid ? p.order! : shuffle(item.choices.map((_, i) => i), ctx.services.rng);
  if (!valid) setPending(ctx.learner, { ...p, order });
  return { item, order };
}

/**
 * The current question of a quiz or review. The question and every option
 * are in the message body, each option after its letter, so nothing is cut
 * and the layout gives nothing away; the buttons carry only the letters and
 * "I don't know".
 */
export function askQuestion(ctx: TurnContext, p: QuizPending): Reply {
  const { item, order } = currentQuestion(ctx, p);
  const label = p.mode === 'review' ? '🔁 Review' : p.mode === 'placement' ? '📋' : '❓';
  const options = order.map((i, k) => `${CHOICE_LETTERS[k]}. ${item.choices[i]}`).join('\n');
  const letters = order.map((_, k) => CHOICE_LETTERS[k]).join(', ');
  return reply(
    say(`${label} (${p.index + 1}/${p.itemIds.length}) ${item.question}\n${options}\nPress a letter or type it (${letters}), or "idk" if you don't know.`),
    buttons(...order.map((i, k) => button(CHOICE_LETTERS[k]!, QUIZ_ANSWER, `${item.id}|${i}`)), button("I don't know", QUIZ_ANSWER, `${item.id}|idk`)),
  );
}

/** Reads a quiz answer button's value: `<itemId>|<choice index>` or `<itemId>|idk`. */
function parseAnswer(value: string): { itemId: string; choice: number } | null {
  const m = /^([a-z0-9-]{1,120})\|(\d{1,2}|idk)$/.exec(value);
  return m ? { itemId: m[1]!, choice: m[2] === 'idk' ? -1 : Number(m[2]) } : null;
}

export interface AnswerResult {
  reply: Reply;
  /** The press was for a question already answered (a double press, an old message): nothing changed. */
  stale: boolean;
}

/** Handles a pressed answer: grade, trace, adapt, then the next question or the summary. */
export async function answerQuestion(ctx: TurnContext, value: string): Promise<AnswerResult> {
  const parsed = parseAnswer(value);
  const p = readPending(ctx.learner);
  if (!parsed || p?.kind !== 'quiz' || p.itemIds[p.index] !== parsed.itemId) {
    const answeredBefore = parsed && p?.kind === 'quiz' && p.itemIds.slice(0, p.index).includes(parsed.itemId);
    const note = answeredBefore ? 'You already answered that question.' : 'That question was already answered or has expired.';
    if (p?.kind === 'quiz') return { reply: merge(reply(say(`${note} Here is where you are:`)), askQuestion(ctx, p)), stale: true };
    return { reply: reply(say(note), buttons(commandButton('New quiz', 'quiz'), commandButton('Reviews', 'review'))), stale: true };
  }
  const item = ctx.services.graph.quizItems.get(parsed.itemId);
  if (!item || parsed.choice >= item.choices.length) throw new UserError('QUIZ_GONE', 'That question is no longer available. Type "quiz" for a new one.');
  return { reply: await grade(ctx, p, item, parsed.choice), stale: false };
}

/**
 * A typed reply while a question is pending: tried as an answer first (letter,
 * number, the option's text, "idk", "skip"). Null when it is not an answer.
 */
export async function answerTyped(ctx: TurnContext, text: string): Promise<Reply | null> {
  const p = readPending(ctx.learner);
  if (p?.kind !== 'quiz') return null;
  const { item, order } = currentQuestion(ctx, p);
  const r = parseChoiceReply(text, order.map((i) => item.choices[i]!));
  if (!r) return null;
  if (r.kind === 'skip') return skipQuestion(ctx, p, item);
  return grade(ctx, readPending(ctx.learner) as QuizPending, item, r.kind === 'idk' ? -1 : order[r.position]!);
}

/** Text that is not an answer while a question is pending: say how to answer (after `first`, when given), and ask again. */
export function remindAnswer(ctx: TurnContext, first = "That isn't one of the answers."): Reply | null {
  const p = readPending(ctx.learner);
  if (p?.kind !== 'quiz') return null;
  const { order } = currentQuestion(ctx, p);
  return merge(reply(say(`${first} Answer ${CHOICE_LETTERS[0]}–${CHOICE_LETTERS[order.length - 1]}, say "idk", or say "skip".`)), askQuestion(ctx, readPending(ctx.learner) as QuizPending));
}

function skipQuestion(ctx: TurnContext, p: QuizPending, item: QuizItem): Reply {
  const next: QuizPending = { ...p, index: p.index + 1, askedAt: ctx.now.toISOString() };
  delete next.order;
  // The self-check's placement goes on as after an answer (a skip is no right answer, and traces nothing), so set-up
  // continues with the next skill; it once ended in a quiz summary and dropped the rest of the self-check ("next" skips too).
  if (p.mode === 'placement') return merge(reply(say('Skipped.')), placementNext(ctx, next, item.conceptId));
  const note = reply(say('Skipped; it will come back another time.'));
  if (next.index < next.itemIds.length) {
    setPending(ctx.learner, next);
    return merge(note, askQuestion(ctx, next));
  }
  setPending(ctx.learner, null);
  return merge(note, summary(ctx, next, item.conceptId), ended(ctx, next));
}

/**
 * The quiz that followed a finished resource has ended: its outcome is
 * recorded when an answer counted as evidence (all skipped measures nothing),
 * and "did it help?" asked, unless the quiz ended in an adaptation whose own
 * advice (go back, another resource, read it again) is the last word
 * (resource-evidence.ts).
 */
function ended(ctx: TurnContext, p: QuizPending, opts: { ask: boolean } = { ask: true }): Reply | null {
  if (p.mode !== 'quiz' || !p.after || (p.evidence ?? 0) === 0) return null;
  return resourceQuizEnded(ctx, p.after, opts);
}

async function grade(ctx: TurnContext, p: QuizPending, item: QuizItem, choice: number): Promise<Reply> {
  // An answer is a day's use of the coach however it came: typed ("b", the option's words) as well as pressed.
  touchActivity(ctx.learner, ctx.now);
  const responseMs = Math.max(0, ctx.now.getTime() - Date.parse(p.askedAt));
  const outcome = await recordAnswer(ctx, item, choice, responseMs);
  const right = item.choices[item.answer]!;
  const verdict = outcome.correct ? `✅ Right! ${item.explanation}` : choice < 0 ? `The answer is "${right}". ${item.explanation}` : `❌ Not quite: the answer is "${right}". ${item.explanation}`;
  const counted = outcome.counted ? '' : '\n(You saw this one recently, so it counts for review, not mastery.)';
  const feedback = reply(say(verdict + counted), bar(conceptTitle(ctx, item.conceptId), outcome.after));
  const next: QuizPending = { ...p, index: p.index + 1, correct: p.correct + (outcome.correct ? 1 : 0), askedAt: ctx.now.toISOString(), ...(outcome.counted ? { evidence: (p.evidence ?? 0) + 1 } : {}) };
  delete next.order;

  if (p.mode === 'placement') return merge(feedback, placementNext(ctx, next, item.conceptId));
  if (p.mode === 'quiz') {
    const adapted = adaptAfterAnswer(ctx, item.conceptId, outcome);
    if (adapted) {
      setPending(ctx.learner, null);
      // After misses the adaptation's advice (go back, another resource, read it again) is the last word; after mastery, ask.
      return merge(feedback, adapted, ended(ctx, next, { ask: outcome.correct }));
    }
    const paced = outcome.correct ? await pace(ctx, next, item.conceptId) : null;
    if (paced?.kind === 'more') return merge(feedback, reply(say(paced.why)), askQuestion(ctx, readPending(ctx.learner) as QuizPending));
    if (paced?.kind === 'enough') {
      setPending(ctx.learner, null);
      const asked: QuizPending = { ...next, itemIds: next.itemIds.slice(0, next.index) };
      return merge(feedback, reply(say(paced.why)), summary(ctx, asked, item.conceptId), ended(ctx, asked));
    }
  } else {
    // Reviews also move mastery; crossing the threshold moves the plan on.
    const adapted = adaptAfterAnswer(ctx, item.conceptId, { ...outcome, wrongStreak: 0 });
    if (adapted) feedback.blocks.push(...adapted.blocks.filter((b) => b.kind !== 'buttons'));
  }

  if (next.index < next.itemIds.length) {
    setPending(ctx.learner, next);
    return merge(feedback, askQuestion(ctx, next));
  }
  setPending(ctx.learner, null);
  return merge(feedback, summary(ctx, next, item.conceptId), ended(ctx, next));
}

/**
 * The learned policy's pacing after a right answer (flows/policy-advice.ts,
 * the same decision the simulator's `coach` row takes): "more" when the quiz
 * was about to end and the policy wants one more question (one is added, if
 * an item that still counts as evidence is left and the quiz has asked fewer
 * than {@link SITTING_ITEMS}); "enough" when questions were left and the
 * policy says move on for today; null to go on as planned. With the
 * policy's one line.
 */
async function pace(ctx: TurnContext, next: QuizPending, conceptId: string): Promise<{ kind: 'more' | 'enough'; why: string } | null> {
  const advice = pacingAfterAnswer(ctx, conceptId, next.index);
  if (!advice) return null;
  const left = next.index < next.itemIds.length;
  if (advice.action === 'skip') return left ? { kind: 'enough', why: advice.why } : null;
  if (left || next.itemIds.length >= SITTING_ITEMS) return null;
  const extra = await freshItem(ctx, conceptId, next.itemIds);
  if (!extra) return null;
  setPending(ctx.learner, { ...next, itemIds: [...next.itemIds, extra.id] });
  return { kind: 'more', why: advice.why };
}

/** An item on the concept not in this quiz whose answer still counts as mastery evidence (seeded order), or null. */
async function freshItem(ctx: TurnContext, conceptId: string, asked: readonly string[]): Promise<QuizItem | null> {
  const concept = ctx.services.graph.concepts.get(conceptId);
  for (const item of shuffle(concept?.quiz ?? [], ctx.services.rng)) {
    if (asked.includes(item.id)) continue;
    if (countsAsEvidence(await ctx.services.store.getCard(ctx.learnerId, item.id), ctx.now)) return item;
  }
  return null;
}

/** Placement asks at least this many, and at most {@link PLACEMENT_MAX}. */
export const PLACEMENT_MIN = 2;
export const PLACEMENT_MAX = 4;

/**
 * After "a bit" or "well" in the self-check: 2–4 questions on the concept.
 * It stops early once the picture is clear (two misses: start from the
 * beginning; three right: start further on), and the answers, traced like
 * any others, set the belief the plan starts from.
 */
export async function startPlacement(ctx: TurnContext, conceptId: string, assessQueue: readonly string[]): Promise<Reply> {
  const { items } = await pickItems(ctx, conceptId, PLACEMENT_MAX);
  const p: QuizPending = { kind: 'quiz', mode: 'placement', itemIds: items.map((i) => i.id), index: 0, correct: 0, askedAt: ctx.now.toISOString(), assessQueue: [...assessQueue] };
  setPending(ctx.learner, p);
  return merge(reply(say(`📋 Let's check: a few questions on ${conceptTitle(ctx, conceptId)}, so I start you in the right place. "idk" is a fine answer.`)), askQuestion(ctx, p));
}

function placementNext(ctx: TurnContext, next: QuizPending, conceptId: string): Reply {
  const wrong = next.index - next.correct;
  const settled = next.index >= PLACEMENT_MIN && (wrong >= 2 || next.correct >= 3);
  if (!settled && next.index < next.itemIds.length) {
    setPending(ctx.learner, next);
    return askQuestion(ctx, next);
  }
  const m = masteryOf(ctx.services, ctx.learner, conceptId);
  const said = reply(say(`Placement: ${next.correct}/${next.index} right. I'll start you at ${pct(m)} on ${conceptTitle(ctx, conceptId)}.`));
  return merge(said, continueAssessment(ctx, next.assessQueue ?? []));
}

function summary(ctx: TurnContext, p: QuizPending, conceptId: string): Reply {
  const score = `${p.correct}/${p.itemIds.length}`;
  if (p.mode === 'review') {
    return reply(say(`🔁 Reviews done: ${score} right. I'll bring each card back when it is due.`), buttons(commandButton("Today's task", 'today'), commandButton('Progress', 'progress')));
  }
  const m = masteryOf(ctx.services, ctx.learner, conceptId);
  const v = masteryVerdict(ctx.services, ctx.learner, conceptId);
  const needs = [
    v.missing.includes('items') ? `right answers on ${plural(v.itemsToGo, 'more question')} you haven't just seen` : '',
    v.missing.includes('sittings') ? 'a second sitting (come back in an hour or tomorrow)' : '',
  ].filter(Boolean);
  const rule = v.mastered ? 'mastered ✓' : `${pct(ctx.services.masteryThreshold)} moves you on${needs.length ? `, and it also needs ${needs.join(' and ')}` : ''}`;
  return reply(
    say(`Quiz done: ${score} right. ${conceptTitle(ctx, conceptId)} mastery is ${pct(m)} (${rule}).`),
    buttons(commandButton('Another quiz', 'quiz', 'primary'), commandButton("Today's task", 'today'), commandButton('Plan', 'plan')),
  );
}

/** Finds the concept a learner named: id, title or alias, else the goal parser's best concept. */
export function resolveConcept(ctx: TurnContext, name: string): string {
  const g = ctx.services.graph;
  const q = name.trim().toLowerCase();
  for (const c of g.concepts.values()) {
    if (c.id === q || c.title.toLowerCase() === q || c.aliases.some((a) => a.toLowerCase() === q)) return c.id;
  }
  const parsed = ctx.services.goals.parse(name);
  if (parsed.match && g.concepts.has(parsed.match)) return parsed.match;
  const candidate = parsed.candidates.find((c) => c.kind === 'concept' && g.concepts.has(c.id));
  if (candidate) return candidate.id;
  throw new UserError('UNKNOWN_CONCEPT', `I don't have a quiz on "${name.slice(0, 40)}". Try a skill from your plan, or type "plan" to see them.`);
}
