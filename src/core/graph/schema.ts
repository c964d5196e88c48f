/**
 * The shape of one roadmap file. Any file may hold any of the three sections;
 * together the files in `roadmaps/` form one knowledge graph.
 */
import { z } from 'zod';
import { BLOOM_LEVELS, RESOURCE_TYPES } from './types.ts';

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lowercase letters, digits and single hyphens');
const scale = z.number().int().min(1).max(5);
const text = z.string().trim().min(1, 'must not be empty');

export const quizItemSchema = z.strictObject({
  id,
  question: text,
  choices: z.array(text).min(2, 'needs at least two choices').max(6, 'at most six choices'),
  /** The exact text of the right choice. */
  answer: text,
  explanation: text,
});

export const conceptSchema = z.strictObject({
  id,
  title: text,
  description: text,
  aliases: z.array(text).default([]),
  domains: z.array(id).min(1, 'needs at least one domain tag'),
  difficulty: scale,
  bloom: z.enum(BLOOM_LEVELS),
  requires: z.array(id).default([]),
  requiresAnyOf: z.array(z.array(id).min(2, 'an "any one of" group needs at least two concepts')).default([]),
  quiz: z.array(quizItemSchema).default([]),
});

export const resourceSchema = z.strictObject({
  id,
  title: text,
  url: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }),
  type: z.enum(RESOURCE_TYPES),
  minutes: z.number().int().positive().max(100_000),
  difficulty: scale,
  quality: scale,
  interactivity: scale,
  free: z.boolean().default(true),
  teaches: z.array(id).min(1, 'must teach at least one concept'),
});

export const goalSchema = z.strictObject({
  id,
  title: text,
  description: text,
  aliases: z.array(text).default([]),
  targets: z.array(id).min(1, 'a goal needs at least one target concept'),
});

export const roadmapFileSchema = z.strictObject({
  concepts: z.array(conceptSchema).default([]),
  resources: z.array(resourceSchema).default([]),
  goals: z.array(goalSchema).default([]),
});

export type RoadmapFile = z.infer<typeof roadmapFileSchema>;
