import type { CommandDefinition } from '../src/coach/command.ts';
import { helpReply } from '../src/coach/flows/help.ts';

/** `/help`: what the coach can do, from the command definitions themselves. */
export default {
  name: 'help',
  description: 'What I can do and how to talk to me',
  options: [],
  phrases: ['?', 'what can you do', 'commands', 'how does this work', 'menu', 'who are you', 'what are you', 'what is pathwise', "what's pathwise", 'how does it work', "i'm new here", "i'm new"],
  handler: (ctx) => helpReply(ctx),
} satisfies CommandDefinition;
