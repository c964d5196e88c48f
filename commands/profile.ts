import type { CommandDefinition } from '../src/coach/command.ts';
import { profileReply } from '../src/coach/flows/profile.ts';

/** `/profile`: your skills with their level and evidence, and how far you are into each career level of your goal. */
export default {
  name: 'profile',
  description: 'Your skills, their level and evidence, and the career levels of your goal',
  options: [],
  phrases: ['my profile', 'my skills', 'skills profile', 'what do i know'],
  handler: (ctx) => profileReply(ctx),
} satisfies CommandDefinition;
