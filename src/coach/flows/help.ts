/**
 * Help, rendered from the command definitions (the same data Discord and
 * Slack commands are built from), in the form each platform really takes:
 * Slack has one slash command, `/pathwise goal …` (a workspace shares slash
 * command names among its apps); Discord registers `/goal …`; the terminal
 * reads `goal …` with or without the slash.
 */
import type { ConversationRef, Reply } from '../../core/chat/messages.ts';
import type { CommandDefinition } from '../command.ts';
import { usage } from '../command.ts';
import { buttons, commandButton, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';

interface CommandForm {
  /** What comes before the command's name. */
  prefix: string;
  /** The sentence before the list. */
  intro: string;
}

const FORMS: Record<ConversationRef['platform'], CommandForm> = {
  slack: {
    prefix: '/pathwise ',
    intro: 'Here is what I can do. Type `/pathwise` and a command anywhere in Slack; in our direct messages you can also type the command alone (`goal docker`):',
  },
  discord: {
    prefix: '/',
    intro: 'Here is what I can do. Use the slash commands anywhere; in our direct messages you can also type the command without the slash (`goal docker`):',
  },
  terminal: { prefix: '/', intro: 'Here is what I can do (type a command with or without the slash):' },
};

/** `def`'s usage as typed on `platform`: `/pathwise goal <text>` in Slack, `/goal <text>` in Discord. */
export function platformUsage(def: CommandDefinition, platform: ConversationRef['platform']): string {
  return FORMS[platform].prefix + usage(def).replace(/^\//, '');
}

export function helpReply(ctx: TurnContext): Reply {
  const platform = ctx.from.platform;
  const lines = ctx.commands.map((c) => `${platformUsage(c, platform).padEnd(platform === 'slack' ? 32 : 24)} ${c.description}`);
  return reply(
    say(FORMS[platform].intro),
    say(lines.join('\n')),
    say('Or just talk to me: "I want to learn docker" sets a goal, "done" marks today\'s task done, "next" shows what\'s next, "quiz me" starts a quiz.'),
    buttons(commandButton("Today's task", 'today'), commandButton('Plan', 'plan'), commandButton('Progress', 'progress')),
  );
}
