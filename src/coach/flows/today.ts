/**
 * Today's task: the current step's resource, then a short quiz on what it
 * teaches once the learner says it is done.
 */
import { minutesText } from '../../core/text/wording.ts';
import type { Reply } from '../../core/chat/messages.ts';
import { UserError } from '../../core/errors.ts';
import { currentStep, touchActivity } from '../learner.ts';
import { buttons, commandButton, merge, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { conceptTitle, currentConcept, planReply, requireGoal } from './planning.ts';
import { startQuiz } from './quiz.ts';

export const TODAY_DONE = 'today.done';

export function todayReply(ctx: TurnContext): Reply {
  requireGoal(ctx);
  const step = currentStep(ctx.learner);
  if (!step) return planReply(ctx);
  const r = ctx.services.graph.resources.get(step.resourceId);
  const concept = currentConcept(ctx);
  return reply(
    say(
      `📌 Today: ${r?.title ?? step.resourceId} (${r?.type ?? 'resource'}, ${minutesText(step.minutes)})\n${r?.url ?? ''}\n` +
        `It teaches ${step.concepts.map((c) => conceptTitle(ctx, c)).join(', ')}. Why now: ${step.reason}\n` +
        `When you're through, say "done" and I'll give you a short quiz${concept ? ` on ${conceptTitle(ctx, concept)}` : ''}.`,
    ),
    buttons(commandButton('Done', 'done', 'primary'), commandButton('Quiz me now', 'quiz'), commandButton('Plan', 'plan')),
  );
}

/** Marks the current step done (time counted toward the total) and starts the short quiz on it. */
export async function markDone(ctx: TurnContext): Promise<Reply> {
  requireGoal(ctx);
  const step = currentStep(ctx.learner);
  if (!step) throw new UserError('NOTHING_TODO', 'There is nothing left on your plan. Set a new goal, or keep up your reviews.');
  step.status = 'done';
  step.doneAt = ctx.now.toISOString();
  ctx.learner.stats.minutesSpent += step.minutes;
  touchActivity(ctx.learner, ctx.now);
  const concept = step.concepts[0]!;
  const r = ctx.services.graph.resources.get(step.resourceId);
  return merge(
    reply(say(`👏 Done: ${r?.title ?? step.resourceId} (+${minutesText(step.minutes)}). Now a short quiz, so I know what stuck.`)),
    await startQuiz(ctx, concept, 3, `🧠 Short quiz on ${conceptTitle(ctx, concept)}.`),
  );
}
