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
import { masteryOf } from '../learner.ts';
import { readPending, setPending, type QuizPending } from '../pending.ts';
import { bar, button, buttons, commandButton, merge, pct, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { recordAnswer } from './answers.ts';
import { adaptAfterAnswer } from './adapt.ts';
import { conceptTitle } from './planning.ts';

export const QUIZ_ANSWER = 'quiz.answer';

function shuffle<T>(list: readonly T[], rng: Rng): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Picks up to `count` items: never-seen items first, then those seen longest ago; ties broken by the seeded generator. */
async function pickItems(ctx: TurnContext, conceptId: string, count: number): Promise<QuizItem[]> {
  const concept = ctx.services.graph.concepts.get(conceptId);
  if (!concept || concept.quiz.length === 0) throw new UserError('NO_QUIZ', `I have no quiz for ${conceptTitle(ctx, conceptId)} yet.`);
  const withCards = await Promise.all(
    shuffle(concept.quiz, ctx.services.rng).map(async (item) => ({ item, card: await ctx.services.store.getCard(ctx.learnerId, item.id) })),
  );
  withCards.sort((a, b) => (a.card ? Date.parse(a.card.due) : -Infinity) - (b.card ? Date.parse(b.card.due) : -Infinity));
  return withCards.slice(0, count).map((x) => x.item);
}

export async function startQuiz(ctx: TurnContext, conceptId: string, count = 3, intro?: string): Promise<Reply> {
  const items = await pickItems(ctx, conceptId, count);
  const p: QuizPending = { kind: 'quiz', mode: 'quiz', itemIds: items.map((i) => i.id), index: 0, correct: 0, askedAt: ctx.now.toISOString() };
  setPending(ctx.learner, p);
  return merge(
    reply(say(intro ?? `🧠 Quiz on ${conceptTitle(ctx, conceptId)}: ${plural(items.length, 'question')}.`)),
    askQuestion(ctx, p),
  );
}

/** The current question of a quiz or review, with its shuffled choices as buttons. */
export function askQuestion(ctx: TurnContext, p: QuizPending): Reply {
  const item = ctx.services.graph.quizItems.get(p.itemIds[p.index]!);
  if (!item) throw new UserError('QUIZ_GONE', 'That question is no longer available. Type "quiz" for a new one.');
  const order = shuffle(item.choices.map((_, i) => i), ctx.services.rng);
  const label = p.mode === 'review' ? '🔁 Review' : '❓';
  return reply(
    say(`${label} (${p.index + 1}/${p.itemIds.length}) ${item.question}`),
    buttons(...order.map((i) => button(item.choices[i]!.slice(0, 80), QUIZ_ANSWER, `${item.id}|${i}`))),
  );
}

/** Reads a quiz answer button's value: `<itemId>|<choice index>`. */
function parseAnswer(value: string): { itemId: string; choice: number } | null {
  const m = /^([a-z0-9-]{1,120})\|(\d{1,2})$/.exec(value);
  return m ? { itemId: m[1]!, choice: Number(m[2]) } : null;
}

/** Handles a pressed answer: grade, trace, adapt, then the next question or the summary. */
export async function answerQuestion(ctx: TurnContext, value: string): Promise<Reply> {
  const parsed = parseAnswer(value);
  const p = readPending(ctx.learner);
  if (!parsed || p?.kind !== 'quiz' || p.itemIds[p.index] !== parsed.itemId) {
    return reply(say('That question was already answered or has expired.'), buttons(commandButton('New quiz', 'quiz'), commandButton('Reviews', 'review')));
  }
  const item = ctx.services.graph.quizItems.get(parsed.itemId);
  if (!item || parsed.choice >= item.choices.length) throw new UserError('QUIZ_GONE', 'That question is no longer available. Type "quiz" for a new one.');
  const responseMs = Math.max(0, ctx.now.getTime() - Date.parse(p.askedAt));
  const outcome = recordAnswer(ctx, item, parsed.choice, responseMs);
  const feedback = reply(
    say(
      outcome.correct
        ? `✅ Right! ${item.explanation}`
        : `❌ Not quite: the answer is "${item.choices[item.answer]}". ${item.explanation}`,
    ),
    bar(conceptTitle(ctx, item.conceptId), outcome.after),
  );
  const next: QuizPending = { ...p, index: p.index + 1, correct: p.correct + (outcome.correct ? 1 : 0), askedAt: ctx.now.toISOString() };

  if (p.mode === 'quiz') {
    const adapted = adaptAfterAnswer(ctx, item.conceptId, outcome);
    if (adapted) {
      setPending(ctx.learner, null);
      return merge(feedback, adapted);
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
  return merge(feedback, summary(ctx, next, item.conceptId));
}

function summary(ctx: TurnContext, p: QuizPending, conceptId: string): Reply {
  const score = `${p.correct}/${p.itemIds.length}`;
  if (p.mode === 'review') {
    return reply(say(`🔁 Reviews done: ${score} right. I'll bring each card back when it is due.`), buttons(commandButton("Today's task", 'today'), commandButton('Progress', 'progress')));
  }
  const m = masteryOf(ctx.services, ctx.learner, conceptId);
  return reply(
    say(`Quiz done: ${score} right. ${conceptTitle(ctx, conceptId)} mastery is ${pct(m)} (${pct(ctx.services.masteryThreshold)} moves you on).`),
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
