/**
 * Help, rendered from the command definitions (the same data Discord and
 * Slack commands are built from).
 */
import type { Reply } from '../../core/chat/messages.ts';
import { usage } from '../command.ts';
import { buttons, commandButton, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';

export function helpReply(ctx: TurnContext): Reply {
  const lines = ctx.commands.map((c) => `${usage(c).padEnd(24)} ${c.description}`);
  return reply(
    say('Here is what I can do (type a command with or without the slash):'),
    say(lines.join('\n')),
    say('Or just talk to me: "I want to learn docker" sets a goal, "done" marks today\'s task done, "next" shows what\'s next, "quiz me" starts a quiz.'),
    buttons(commandButton("Today's task", 'today'), commandButton('Plan', 'plan'), commandButton('Progress', 'progress')),
  );
}
