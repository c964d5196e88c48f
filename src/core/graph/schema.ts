/**
 * The shape of one roadmap file. Any file may hold any of the three sections;
 * together the files in `roadmaps/` form one knowledge graph.
 */
import { z } from 'zod';
import { BLOOM_LEVELS, DEPTHS, RESOURCE_TYPES } from './types.ts';

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lowercase letters, digits and single hyphens');
const scale = z.number().int().min(1).max(5);
const text = z.string().trim().min(1, 'must not be empty');
const depth = z.enum(DEPTHS);
const https = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });
const minutes = z.number().int().positive().max(100_000);
const language = z.string().regex(/^[a-z0-9+#-]+$/, 'must be a lowercase language tag such as python or javascript');

/** Longest learner phrase (`says`): a sentence a learner would type, not a paragraph. */
export const MAX_SAYS_CHARS = 100;
/** At most this many learner phrases per concept, and per goal. */
export const MAX_SAYS_CONCEPT = 8;
export const MAX_SAYS_GOAL = 12;
/**
 * What a learner who wants this node would say they want to do, in their
 * own plain words, before they know its name: docker says "run my service in
 * a container". The goal parser reads them beside the names (goal-index.ts,
 * goal-semantic.ts); duplicates within a node are refused in build.ts.
 */
const says = (max: number) =>
  z
    .array(text.pipe(z.string().max(MAX_SAYS_CHARS, `must be at most ${MAX_SAYS_CHARS} characters: one thing a learner would say`)))
    .max(max, `at most ${max} learner phrases`)
    .default([]);

/**
 * What a resource (or part) teaches: a list of concept ids (each taught
 * `complete`, the meaning before depths existed), or a map of concept id to depth:
 * `teaches: {python: complete, jupyter: overview}`.
 */
const teaches = z.union([
  z.array(id).min(1, 'must teach at least one concept'),
  z.record(id, depth).refine((m) => Object.keys(m).length > 0, 'must teach at least one concept'),
]);

export const resourcePartSchema = z.strictObject({
  /** Optional; defaults to `p1`, `p2`, … by position. */
  id: id.optional(),
  title: text,
  url: https.optional(),
  minutes: minutes,
  /** Optional; defaults to everything the resource teaches, at the resource's depth. */
  teaches: teaches.optional(),
});

export const quizItemSchema = z.strictObject({
  id,
  question: text,
  choices: z.array(text).min(2, 'needs at least two choices').max(6, 'at most six choices'),
  /** The exact text of the right choice. */
  answer: text,
  explanation: text,
  /** The thinking the item asks for (`apply` and up: scenario, snippet, calculation, design choice). */
  bloom: z.enum(BLOOM_LEVELS).optional(),
});

export const conceptSchema = z.strictObject({
  id,
  title: text,
  description: text,
  aliases: z.array(text).default([]),
  says: says(MAX_SAYS_CONCEPT),
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
  url: https,
  type: z.enum(RESOURCE_TYPES),
  /** Optional when `parts` are given (their sum); when both are given they must agree. */
  minutes: minutes.optional(),
  difficulty: scale,
  quality: scale,
  interactivity: scale,
  free: z.boolean().default(true),
  teaches,
  language: language.optional(),
  parts: z.array(resourcePartSchema).default([]),
});

export const goalSchema = z.strictObject({
  id,
  title: text,
  description: text,
  aliases: z.array(text).default([]),
  says: says(MAX_SAYS_GOAL),
  targets: z.array(id).min(1, 'a goal needs at least one target concept'),
  language: language.optional(),
  phases: z
    .array(z.strictObject({ title: text, concepts: z.array(id).min(1, 'a phase needs at least one concept') }))
    .default([]),
  levels: z
    .array(z.strictObject({ id, title: text, competencies: z.record(id, depth) }))
    .default([]),
  occupations: z.array(z.string().regex(/^\d{2}-\d{4}\.\d{2}$/, 'must be an O*NET-SOC code such as 15-2051.00')).default([]),
});

export const roadmapFileSchema = z.strictObject({
  concepts: z.array(conceptSchema).default([]),
  resources: z.array(resourceSchema).default([]),
  goals: z.array(goalSchema).default([]),
});

export type RoadmapFile = z.infer<typeof roadmapFileSchema>;
