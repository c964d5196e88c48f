import type { CommandDefinition } from '../src/coach/command.ts';
import { exportReply } from '../src/coach/flows/export.ts';

/** `/export`: your data as a JSON file. */
export default {
  name: 'export',
  description: 'Everything Pathwise keeps about you, as a JSON file',
  options: [],
  phrases: ['export my data', 'my data'],
  handler: (ctx) => exportReply(ctx),
} satisfies CommandDefinition;
