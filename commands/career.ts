import type { CommandDefinition } from '../src/coach/command.ts';
import { careerFrom, careerJobs, careerOpen } from '../src/coach/flows/career.ts';

/**
 * `/career [text]`: career paths from O*NET. With tools or skills ("Excel and
 * SQL"): the occupations that ask for them, with the hours of the gap; with
 * "from <job>" ("from teacher"): where that occupation can move into tech;
 * with nothing: a few questions, then goals to choose from.
 */
export default {
  name: 'career',
  description: 'Jobs that fit your skills, or a move into tech, from O*NET occupations',
  options: [{ name: 'text', description: 'Your skills ("Excel and SQL") or "from <your job>" ("from teacher")', type: 'string', required: false }],
  phrases: ['career', 'careers', 'career paths', 'jobs', 'what jobs'],
  handler: (ctx, args) => {
    const text = String(args.text ?? '').trim();
    if (!text) return careerOpen(ctx);
    const from = /^(?:from|i'?m an?|i am an?)\s+(.+)$/i.exec(text);
    return from ? careerFrom(ctx, from[1]!) : careerJobs(ctx, text);
  },
} satisfies CommandDefinition;
