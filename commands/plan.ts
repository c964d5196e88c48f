import type { CommandDefinition } from '../src/coach/command.ts';
import { planReply } from '../src/coach/flows/planning.ts';

/** `/plan [view]`: the current path, next steps first, each with why it is there; `plan picture` draws it. */
export default {
  name: 'plan',
  description: 'Show your learning path: next steps first, with reasons (or as a picture)',
  options: [
    {
      name: 'view',
      description: 'steps (a list, the default) or picture (the path drawn, coloured by what you know)',
      type: 'string',
      required: false,
      choices: [
        { name: 'steps', value: 'steps' },
        { name: 'picture', value: 'picture' },
      ],
    },
  ],
  phrases: ['my plan', 'show plan', 'show my plan', 'path', 'roadmap'],
  // The picture's layout and rasteriser load on first use, not at every start.
  handler: async (ctx, args) => (args.view === 'picture' ? (await import('../src/coach/flows/plan-picture.ts')).planPictureReply(ctx) : planReply(ctx)),
} satisfies CommandDefinition;
