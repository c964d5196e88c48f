import type { CommandDefinition } from '../src/coach/command.ts';
import { goalFromText } from '../src/coach/flows/goal.ts';
import { goalMenu } from '../src/coach/flows/goal.ts';
import { merge, reply, say } from '../src/coach/replies.ts';

/** `/goal <text>`: set or change the goal from free text; unsure matches are offered as buttons. */
export default {
  name: 'goal',
  description: 'Set or change your learning goal, in your own words',
  options: [{ name: 'text', description: 'What you want to learn, e.g. "become a data scientist" or "docker"', type: 'string', required: false }],
  handler: (ctx, args) =>
    args.text ? goalFromText(ctx, String(args.text)) : merge(reply(say('What do you want to learn? Say it in your own words, or pick one:')), goalMenu(ctx)),
} satisfies CommandDefinition;
