/**
 * The fitted-parameters file written by `pathwise kt fit --out`: one entry
 * per skill id, with the counts it was fitted from. JSON, validated with zod
 * when read back.
 *
 * {
 *   "format": "pathwise.bkt-params/1",
 *   "forgets": false, "seed": 42, "restarts": 5,
 *   "skills": {
 *     "51": { "prior": 0.61, "learn": 0.12, "guess": 0.21, "slip": 0.09, "forget": 0,
 *             "responses": 1834, "sequences": 203, "logLikelihood": -981.2 }
 *   }
 * }
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { BktParams } from '../core/kt/bkt.ts';
import type { EmOptions, SkillFit } from '../core/kt/em.ts';
import { ContentError, type ContentIssue } from '../core/errors.ts';

export const PARAMS_FORMAT = 'pathwise.bkt-params/1';

const probability = z.number().min(0).max(1);

export const bktParamsSchema = z.object({
  prior: probability,
  learn: probability,
  guess: probability,
  slip: probability,
  forget: probability,
});

const skillEntrySchema = bktParamsSchema.extend({
  responses: z.number().int().nonnegative(),
  sequences: z.number().int().nonnegative(),
  logLikelihood: z.number(),
});

export const paramsFileSchema = z.object({
  format: z.literal(PARAMS_FORMAT),
  forgets: z.boolean(),
  seed: z.number().int(),
  restarts: z.number().int().positive(),
  skills: z.record(z.string().min(1), skillEntrySchema),
});

export type ParamsFile = z.infer<typeof paramsFileSchema>;

/** The file's content for a set of fits (skills in the order given). */
export function paramsFileContent(fits: readonly SkillFit[], options: Pick<EmOptions, 'forgets' | 'seed' | 'restarts'>): ParamsFile {
  const skills: ParamsFile['skills'] = {};
  for (const f of fits) {
    const { prior, learn, guess, slip, forget } = f.params;
    skills[f.skill] = { prior, learn, guess, slip, forget, responses: f.responses, sequences: f.sequences, logLikelihood: f.logLikelihood };
  }
  return { format: PARAMS_FORMAT, forgets: options.forgets, seed: options.seed, restarts: options.restarts, skills };
}

/** Reads and validates a parameters file; throws {@link ContentError} naming the file and the bad paths. */
export function readParamsFile(path: string, display: string = path): ParamsFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ContentError([{ file: display, path: '', code: 'UNREADABLE', reason: `cannot read parameters file: ${(cause as Error).message}` }]);
  }
  const parsed = paramsFileSchema.safeParse(data);
  if (!parsed.success) throw new ContentError(zodIssues(parsed.error, display));
  return parsed.data;
}

/** Just the BKT parameters of each skill in a parameters file. */
export function skillParams(file: ParamsFile): Map<string, BktParams> {
  const out = new Map<string, BktParams>();
  for (const [skill, e] of Object.entries(file.skills)) {
    out.set(skill, { prior: e.prior, learn: e.learn, guess: e.guess, slip: e.slip, forget: e.forget });
  }
  return out;
}

/** zod issues as content issues, with a dotted path (`skills.51.guess`). */
export function zodIssues(error: z.ZodError, file: string, line?: (path: PropertyKey[]) => number | undefined): ContentIssue[] {
  return error.issues.map((i) => ({
    file,
    path: i.path.map(String).join('.'),
    line: line?.(i.path),
    code: 'SCHEMA',
    reason: i.message,
  }));
}
