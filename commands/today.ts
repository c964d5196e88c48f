import type { CommandDefinition } from '../src/coach/command.ts';
import { todayReply } from '../src/coach/flows/today.ts';

/** `/today`: today's task, a resource and then a short quiz on it. */
export default {
  name: 'today',
  description: "Today's task: a resource to work through, then a short quiz",
  options: [],
  phrases: ['next', 'next one', 'the next one', 'next please', 'what next', "what's next", 'whats next', 'next step', 'task', "today's task", 'what now'],
  handler: (ctx) => todayReply(ctx),
} satisfies CommandDefinition;
