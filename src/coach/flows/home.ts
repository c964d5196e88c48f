/**
 * The learner's dashboard (Slack's App Home tab): the goal, the plan with
 * the next steps first, and mastery per concept. Read-only: it never changes
 * the learner's record.
 */
import type { Reply } from '../../core/chat/messages.ts';
import { merge, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { goalTitles, planReply } from './planning.ts';
import { progressReply } from './progress.ts';

/** Steps of the plan shown on the dashboard; the plan command shows more. */
const HOME_STEPS = 5;

export async function homeReply(ctx: TurnContext): Promise<Reply> {
  const goal = reply(say(`🎯 **Your goal:** ${goalTitles(ctx)}`));
  if (ctx.learner.onboarding !== 'done' || !ctx.learner.plan) {
    return merge(goal, reply(say('Finish setting up in our direct messages, and your plan and progress will show here.')));
  }
  return merge(goal, planReply(ctx, HOME_STEPS), reply({ kind: 'divider' }), await progressReply(ctx));
}
