/**
 * The one interaction a learner is in the middle of (a quiz, a goal choice,
 * the self-assessment, a confirmation), stored as small plain data in
 * `LearnerRecord.pending` and checked with a schema when read back, so a
 * stale or hand-edited record can never confuse the coach.
 */
import { z } from 'zod';
import type { LearnerRecord } from '../core/ports/learner-store.port.ts';

const quiz = z.object({
  kind: z.literal('quiz'),
  /**
   * `quiz`: practice on a concept (adaptive); `review`: due spaced-repetition
   * cards; `placement`: the short check after a self-assessment of "a bit" or
   * "well", whose answers set where the learner starts.
   */
  mode: z.enum(['quiz', 'review', 'placement']),
  /** Placement only: the self-check questions still to ask afterwards. */
  assessQueue: z.array(z.string()).optional(),
  itemIds: z.array(z.string()).min(1),
  index: z.number().int().min(0),
  correct: z.number().int().min(0),
  askedAt: z.string(),
  /** Display order of the current item's choices (indices into its choices), so a re-show or a typed letter means the same option. */
  order: z.array(z.number().int().min(0)).optional(),
  /** Quiz mode after a finished resource: what it was and the belief before, to record the learner's gain at the end (flows/resource-evidence.ts). */
  after: z.object({ resourceId: z.string(), conceptId: z.string(), before: z.number().min(0).max(1) }).optional(),
  /** Answers of this quiz that counted as evidence (skips and recently seen items do not): no outcome is recorded without one. */
  evidence: z.number().int().min(0).optional(),
});
/** `confirm`: "I think you mean X. Is that it?" (a goal understood by meaning): a typed yes takes the first. */
const goalChoice = z.object({ kind: z.literal('goal-choice'), ids: z.array(z.string()), confirm: z.boolean().optional() });
const assess = z.object({ kind: z.literal('assess'), queue: z.array(z.string()) });
/** `askedAt`: a yes long after the question (a daily message came in between) does not delete. */
const forget = z.object({ kind: z.literal('forget-confirm'), askedAt: z.string().optional() });
/** A new goal while one exists: add it beside the current ones, or switch to it. */
const goalConfirm = z.object({ kind: z.literal('goal-confirm'), id: z.string() });

/**
 * "I want a better job": the two or three questions asked before goals are
 * proposed, and the answers so far (what they do now, what they like, the
 * tools they use).
 */
const career = z.object({
  kind: z.literal('career'),
  step: z.enum(['now', 'likes', 'skills']),
  now: z.string().max(200).optional(),
  likes: z.enum(['data', 'web', 'ops', 'unsure']).optional(),
});

/** "Did it help?" after a finished resource and its quiz: 👍/👎 (flows/resource-evidence.ts). */
const resourceFeedback = z.object({ kind: z.literal('resource-feedback'), resourceId: z.string(), conceptId: z.string() });

export const pendingSchema = z.discriminatedUnion('kind', [quiz, goalChoice, assess, forget, goalConfirm, career, resourceFeedback]);
export type CareerPending = z.infer<typeof career>;
export type Pending = z.infer<typeof pendingSchema>;
export type QuizPending = z.infer<typeof quiz>;

export function readPending(learner: LearnerRecord): Pending | null {
  const parsed = pendingSchema.safeParse(learner.pending);
  return parsed.success ? parsed.data : null;
}

export function setPending(learner: LearnerRecord, p: Pending | null): void {
  learner.pending = p as Record<string, unknown> | null;
}
