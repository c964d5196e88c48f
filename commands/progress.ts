import type { CommandDefinition } from '../src/coach/command.ts';
import { progressReply } from '../src/coach/flows/progress.ts';

/** `/progress`: mastery per concept toward the goal, time spent, streak. */
export default {
  name: 'progress',
  description: 'Your mastery per concept toward your goal, time spent and streak',
  options: [],
  phrases: ['how am i doing', 'stats', 'my progress', 'status', 'what am i doing wrong', 'what am i getting wrong', 'where am i going wrong'],
  handler: (ctx) => progressReply(ctx),
} satisfies CommandDefinition;
