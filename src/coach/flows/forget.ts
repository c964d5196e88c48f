/**
 * forget-me: after confirmation, the learner is tombstoned (saved at once,
 * so no job or turn acts for them any more), then every record, schedule
 * and file about them is deleted; if that fails part-way they are told, and
 * it is finished later (src/coach/forget-learner.ts).
 */
import type { Reply } from '../../core/chat/messages.ts';
import { finishForget, tombstone } from '../forget-learner.ts';
import { readPending, setPending } from '../pending.ts';
import { button, buttons, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';

export const FORGET_CONFIRM = 'forget.confirm';
export const FORGET_CANCEL = 'forget.cancel';

/** How long "Go ahead?" stays answerable: a yes later than this asks again. */
export const FORGET_ANSWER_MS = 10 * 60_000;

export function askForget(ctx: TurnContext): Reply {
  setPending(ctx.learner, { kind: 'forget-confirm', askedAt: ctx.now.toISOString() });
  return reply(
    say('This deletes everything I keep about you: goal, plan, mastery, quiz history, review cards, schedules and cohort memberships. It cannot be undone. Go ahead?'),
    buttons(button('Yes, delete everything', FORGET_CONFIRM, 'yes', 'danger'), button('No, keep it', FORGET_CANCEL)),
  );
}

export async function confirmForget(ctx: TurnContext): Promise<Reply> {
  const p = readPending(ctx.learner);
  if (p?.kind !== 'forget-confirm') return askForget(ctx);
  if (p.askedAt && ctx.now.getTime() - Date.parse(p.askedAt) > FORGET_ANSWER_MS) return askForget(ctx);
  const { store } = ctx.services;
  const id = ctx.learnerId;
  // 1. The tombstone, saved before anything is deleted (a conflicting turn retries this one).
  tombstone(ctx.learner);
  ctx.learner.updatedAt = ctx.now.toISOString();
  await store.putLearner(ctx.learner, ctx.learner.version);
  ctx.deleted = true;
  // 2. Everything else, the tombstone last.
  try {
    await finishForget(ctx.services, id);
  } catch (err) {
    ctx.services.onForgetFailed?.(id, err);
    return reply(
      say("⚠️ I could not finish deleting everything just now. Nothing more will be sent to you, and I'll finish the deletion the next time I start (or when you next write to me)."),
    );
  }
  return reply(say('🗑️ Done: everything I kept about you is deleted, and no more messages are scheduled. Say hi any time to start over.'));
}

export function cancelForget(ctx: TurnContext): Reply {
  setPending(ctx.learner, null);
  return reply(say('Kept. Nothing was deleted.'));
}
