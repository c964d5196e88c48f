/**
 * Today's task: a day-sized share of the current step's resource (its next
 * part or parts, or a stretch of a long one with a stopping point), then a
 * short quiz once the learner says it is done and the share finished
 * something worth checking. The position inside a long resource is kept with
 * the plan step, so tomorrow picks up where today stopped.
 *
 * `done` applies once, to the share last shown: after a "done", another one
 * with nothing shown since says so and shows what is next instead of marking
 * a share the learner never saw.
 */
import { minutesText } from '../../core/text/wording.ts';
import type { Reply } from '../../core/chat/messages.ts';
import { UserError } from '../../core/errors.ts';
import { minutesLeft, nextSlice, type DaySlice } from '../../core/plan/day-slice.ts';
import type { Depth, Resource } from '../../core/graph/types.ts';
import { localDate, previousDate } from '../../core/schedule/daily-time.ts';
import { currentStep, masteryOf, masteryRecord, touchActivity } from '../learner.ts';
import { transition } from '../../core/kt/bkt.ts';
import { STUDY_LEARN } from '../../core/kt/bkt-params.ts';
import { button, buttons, commandButton, merge, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { conceptTitle, currentConcept, planReply, requireGoal } from './planning.ts';
import { QUIZ_REVIEW, startQuiz } from './quiz.ts';
import { reviewOffer } from './policy-advice.ts';
import { helpfulLine } from './resource-evidence.ts';
import { readPending, setPending } from '../pending.ts';

export const TODAY_DONE = 'today.done';

/** Today's share of the current step, or null when the plan is finished (or the resource is gone). */
export function todaySlice(ctx: TurnContext): { slice: DaySlice; resource: Resource } | null {
  const step = currentStep(ctx.learner);
  const r = step ? ctx.services.graph.resources.get(step.resourceId) : undefined;
  if (!step || !r) return null;
  return { slice: nextSlice(r, step.progress, ctx.learner.settings.minutesPerDay), resource: r };
}

function describeSlice(r: Resource, s: DaySlice): string {
  const lines = s.pieces.map((p) => {
    const named = p.title === r.title ? r.title : `${r.title} — ${p.title}`;
    const whole = p.from === 0 && p.to === p.partMinutes;
    const stretch = whole
      ? `${r.type}, ${minutesText(p.partMinutes)}`
      : `${r.type}: minutes ${p.from}–${p.to} of ${p.partMinutes}; stop around minute ${p.to} and I'll pick up there next time`;
    return `${named} (${stretch})\n${p.url}`;
  });
  return lines.join('\n');
}

export function todayReply(ctx: TurnContext): Reply {
  requireGoal(ctx);
  const step = currentStep(ctx.learner);
  if (!step) return planReply(ctx);
  const today = todaySlice(ctx);
  if (!today) return planReply(ctx);
  const { slice, resource: r } = today;
  const concept = currentConcept(ctx);
  const left = minutesLeft(r, slice.to);
  ctx.learner.today = { ...ctx.learner.today, shownKey: slice.key, shownAt: ctx.now.toISOString() };
  const helpful = helpfulLine(ctx, r.id, step.concepts);
  // The learned policy may ask for a review question on something mastered earlier (flows/policy-advice.ts): offered, with its reason,
  // once a day (a second "today" the same day shows the task alone).
  const day = localDate(ctx.now, ctx.learner.settings.timezone);
  const review = ctx.learner.today?.reviewOfferedOn === day ? null : reviewOffer(ctx);
  if (review) ctx.learner.today = { ...ctx.learner.today, reviewOfferedOn: day };
  const task = reply(
    say(
      `📌 Today: ${describeSlice(r, slice)}${slice.pieces.length > 1 ? `\n(${minutesText(slice.minutes)} in all)` : ''}\n` +
        (helpful ? `${helpful}\n` : '') +
        `It teaches ${step.concepts.map((c) => conceptTitle(ctx, c)).join(', ')}. Why now: ${step.reason}` +
        (left > 0 ? `\nAfter today, ${minutesText(left)} of it is left.` : '') +
        `\nWhen you're through, say "done"${slice.finishes || slice.completes.length > 0 ? ` and I'll give you a short quiz${concept ? ` on ${conceptTitle(ctx, concept)}` : ''}` : ''}.`,
    ),
    buttons(commandButton('Done', 'done', 'primary'), commandButton('Quiz me now', 'quiz'), commandButton('Plan', 'plan')),
  );
  if (!review) return task;
  const title = conceptTitle(ctx, review.conceptId);
  return merge(task, reply(say(`🔁 Also: one question on ${title}. ${review.why}`), buttons(button(`Review ${title}`, QUIZ_REVIEW, review.conceptId))));
}

/**
 * Whether a task was shown since the last "done": a reply in chat (it sets
 * `today.shownKey`, which "done" clears), or a daily message sent after that
 * "done" (its delivery record): today's, or yesterday's, which a learner
 * finishing a late task after midnight is still on (and the one a daily time
 * in a gap ending at midnight delivers after it, dailyRunDate). True when
 * nothing was ever marked done.
 */
async function shownSinceDone(ctx: TurnContext): Promise<boolean> {
  const t = ctx.learner.today;
  if (!t?.doneAt || t.shownKey) return true;
  const today = localDate(ctx.now, ctx.learner.settings.timezone);
  const sent = await Promise.all([today, previousDate(today)].map((day) => ctx.services.store.getDelivery(`daily:${ctx.learnerId}:${day}`)));
  return sent.some((d) => d?.state === 'sent' && Date.parse(d.at) > Date.parse(t.doneAt!));
}

/**
 * Learning from what was just studied: each part the share finished (or, for
 * a resource without parts, the whole resource once finished) moves the
 * belief in the concepts it teaches by {@link STUDY_LEARN} at its depth. The
 * mastery rule still wants right answers before it says "mastered".
 */
function studied(ctx: TurnContext, r: Resource, slice: DaySlice): void {
  const taught: Record<string, Depth>[] = [];
  if (r.parts.length === 0) {
    if (slice.finishes) taught.push(r.depth);
  } else {
    for (const piece of slice.pieces) if (piece.to >= piece.partMinutes) taught.push(r.parts[piece.index]?.depth ?? {});
  }
  const at = ctx.now.toISOString();
  for (const depths of taught) {
    for (const [c, depth] of Object.entries(depths)) {
      if (!ctx.services.graph.concepts.has(c)) continue;
      const m = { ...masteryRecord(ctx.learner, c, ctx.services.bktParams(c).prior, at) };
      m.p = transition(m.p, { ...ctx.services.bktParams(c), learn: STUDY_LEARN[depth], forget: 0 });
      m.updatedAt = at;
      ctx.learner.mastery[c] = m;
    }
  }
}

/** Marks today's share done (time counted toward the total) and quizzes what it finished. */
export async function markDone(ctx: TurnContext): Promise<Reply> {
  requireGoal(ctx);
  const step = currentStep(ctx.learner);
  if (!step) throw new UserError('NOTHING_TODO', 'There is nothing left on your plan. Set a new goal, or keep up your reviews.');
  const today = todaySlice(ctx);
  if (!(await shownSinceDone(ctx))) {
    // Nothing shown since the last "done": never mark a share the learner has not seen.
    return merge(reply(say("You've already marked your last task done. Here's what's next; say \"done\" when you've finished it.")), todayReply(ctx));
  }
  if (!today) throw new UserError('NOTHING_TODO', 'There is nothing left on your plan. Set a new goal, or keep up your reviews.');
  const { slice, resource: r } = today;
  // Beliefs before the study credit: the quiz after a finished resource measures the gain from here.
  const before = Object.fromEntries(step.concepts.map((c) => [c, ctx.learner.mastery[c]?.p ?? ctx.services.bktParams(c).prior]));
  // The shown task is spent; the day a review was offered still stands (once a local day).
  const offered = ctx.learner.today?.reviewOfferedOn;
  ctx.learner.today = { doneAt: ctx.now.toISOString(), ...(offered ? { reviewOfferedOn: offered } : {}) };
  ctx.learner.stats.minutesSpent += slice.minutes;
  touchActivity(ctx.learner, ctx.now);
  studied(ctx, r, slice);
  if (!slice.finishes) step.progress = { ...slice.to };
  else {
    step.status = 'done';
    step.doneAt = ctx.now.toISOString();
    delete step.progress;
  }
  const what = slice.pieces.length === 1 && slice.pieces[0]!.title !== r.title ? `${r.title} — ${slice.pieces[0]!.title}` : r.title;
  const quizOn = slice.finishes ? step.concepts.find((c) => masteryOf(ctx.services, ctx.learner, c) < ctx.services.masteryThreshold) ?? step.concepts[0]! : slice.completes.find((c) => step.concepts.includes(c));
  if (!quizOn) {
    const left = minutesLeft(r, slice.to);
    return reply(
      say(`👏 Done for today: ${what} (+${minutesText(slice.minutes)}). ${minutesText(left)} of it left; I'll pick up where you stopped.`),
      buttons(commandButton('Plan', 'plan'), commandButton('Quiz me', 'quiz')),
    );
  }
  const quiz = await startQuiz(ctx, quizOn, 3, `🧠 Short quiz on ${conceptTitle(ctx, quizOn)}.`);
  const p = readPending(ctx.learner);
  if (slice.finishes && p?.kind === 'quiz') setPending(ctx.learner, { ...p, after: { resourceId: r.id, conceptId: quizOn, before: before[quizOn] ?? 0 } });
  return merge(reply(say(`👏 Done: ${what} (+${minutesText(slice.minutes)}).${slice.finishes ? '' : ' More of it tomorrow.'} Now a short quiz, so I know what stuck.`)), quiz);
}
