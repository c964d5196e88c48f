import type { CommandDefinition } from '../src/coach/command.ts';
import { askForget } from '../src/coach/flows/forget.ts';

/** `/forget-me`: delete everything stored about the learner, after confirmation. */
export default {
  name: 'forget-me',
  description: 'Delete everything Pathwise stores about you (asks to confirm first)',
  options: [],
  phrases: ['forget me', 'delete me', 'delete my data', 'forget everything'],
  handler: (ctx) => askForget(ctx),
} satisfies CommandDefinition;
