import type { CommandDefinition } from '../src/coach/command.ts';
import { startReview } from '../src/coach/flows/review.ts';

/** `/review`: the spaced-repetition cards that are due now. */
export default {
  name: 'review',
  description: 'Review the quiz questions that are due again (spaced repetition)',
  options: [],
  phrases: ['reviews', 'review now', "what's due", 'due'],
  handler: (ctx) => startReview(ctx),
} satisfies CommandDefinition;
