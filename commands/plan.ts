import type { CommandDefinition } from '../src/coach/command.ts';
import { planReply } from '../src/coach/flows/planning.ts';

/** `/plan`: the current path, next steps first, each with why it is there. */
export default {
  name: 'plan',
  description: 'Show your learning path: next steps first, with reasons',
  options: [],
  phrases: ['my plan', 'show plan', 'show my plan', 'path', 'roadmap'],
  handler: (ctx) => planReply(ctx),
} satisfies CommandDefinition;
