import type { CommandDefinition } from '../src/coach/command.ts';
import { defaultQuizConcept } from '../src/coach/flows/adapt.ts';
import { requireGoal } from '../src/coach/flows/planning.ts';
import { resolveConcept, startQuiz } from '../src/coach/flows/quiz.ts';
import { UserError } from '../src/core/errors.ts';

/** `/quiz [concept]`: a few questions on the current concept, or on the one named. */
export default {
  name: 'quiz',
  description: 'A short quiz on your current concept, or on the one you name',
  options: [{ name: 'concept', description: 'A skill to be quizzed on, e.g. "python" (default: your current one)', type: 'string', required: false }],
  phrases: ['quiz me', 'test me', 'quiz', 'another quiz'],
  handler: (ctx, args) => {
    if (args.concept) return startQuiz(ctx, resolveConcept(ctx, String(args.concept)));
    requireGoal(ctx);
    const concept = defaultQuizConcept(ctx);
    if (!concept) throw new UserError('NOTHING_TODO', 'Your plan is complete. Name a skill to be quizzed on, e.g. "quiz python".');
    return startQuiz(ctx, concept);
  },
} satisfies CommandDefinition;
