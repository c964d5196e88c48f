import type { CommandDefinition } from '../src/coach/command.ts';
import { cohortCommand } from '../src/coach/flows/cohort.ts';

/** `/cohort <create|join|leave|share|summary|schedule|grant-lead|assess> …`: team cohorts in this channel. */
export default {
  name: 'cohort',
  description: 'Team cohorts in this channel: create, join, leave, share, summary, schedule, grant-lead, assess',
  options: [{ name: 'what', description: 'e.g. "join", "share on", "create data analyst", "assess @bo sql core"', type: 'string', required: false }],
  handler: (ctx, args) => cohortCommand(ctx, String(args.what ?? '')),
} satisfies CommandDefinition;
