import type { CommandDefinition } from '../src/coach/command.ts';
import { helpReply } from '../src/coach/flows/help.ts';

/** `/help`: what the coach can do, from the command definitions themselves. */
export default {
  name: 'help',
  description: 'What I can do and how to talk to me',
  options: [],
  phrases: ['?', 'what can you do', 'commands', 'how does this work', 'menu'],
  handler: (ctx) => helpReply(ctx),
} satisfies CommandDefinition;
