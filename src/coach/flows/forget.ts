/**
 * forget-me: after confirmation, every record about the learner is deleted
 * from the store and every schedule of theirs cancelled.
 */
import type { Reply } from '../../core/chat/messages.ts';
import { readPending, setPending } from '../pending.ts';
import { button, buttons, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { learnerKeyPrefix } from './review-schedule.ts';

export const FORGET_CONFIRM = 'forget.confirm';
export const FORGET_CANCEL = 'forget.cancel';

export function askForget(ctx: TurnContext): Reply {
  setPending(ctx.learner, { kind: 'forget-confirm' });
  return reply(
    say('This deletes everything I keep about you: goal, plan, mastery, quiz history, review cards, schedules and cohort memberships. It cannot be undone. Go ahead?'),
    buttons(button('Yes, delete everything', FORGET_CONFIRM, 'yes', 'danger'), button('No, keep it', FORGET_CANCEL)),
  );
}

export function confirmForget(ctx: TurnContext): Reply {
  if (readPending(ctx.learner)?.kind !== 'forget-confirm') return askForget(ctx);
  const { store, scheduler } = ctx.services;
  const id = ctx.learnerId;
  ctx.deleted = true;
  ctx.after(async () => {
    await scheduler.cancelPrefix(learnerKeyPrefix(id));
    await store.forgetLearner(id);
    await ctx.services.cohorts?.forgetLearner(id);
  });
  return reply(say('🗑️ Done: everything I kept about you is deleted, and no more messages are scheduled. Say hi any time to start over.'));
}

export function cancelForget(ctx: TurnContext): Reply {
  setPending(ctx.learner, null);
  return reply(say('Kept. Nothing was deleted.'));
}
