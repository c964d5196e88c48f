/**
 * Where a concept's BKT parameters come from: fitted ones (the EM fitter's
 * output, by concept id) when they exist, otherwise defaults shaped by the
 * concept's difficulty. And how a learner's own word at onboarding ("I know
 * some Python") becomes the prior P(L₀).
 */
import { PathwiseError } from '../errors.ts';
import { bktParamProblems, DEFAULT_BKT, SELF_ASSESSMENT_PRIOR, type BktParams, type SelfAssessment } from './bkt.ts';

/** Parameters for any concept id; never fails (falls back to defaults). */
export interface BktParamSource {
  paramsFor(conceptId: string): BktParams;
}

/**
 * Defaults for a concept of difficulty d ∈ 1…5 (clamped) with no fitted parameters.
 * Harder concepts are slipped on more, and a quiz answer teaches little:
 *
 *   learn(d) = 0.015 − 0.0025·(d − 1) → 0.015 (d = 1) … 0.005 (d = 5)
 *   slip(d)  = 0.05 + 0.025·(d − 1)    → 0.05 (d = 1) … 0.15 (d = 5)
 *   prior = 0.05, guess = 0.2 (raised per item to 1/k, or 0.5 when cued: bkt.ts `itemGuess`), forget = 0
 *
 * Why learning per quiz answer is small: in Pathwise the teaching happens in
 * the resources (a resource finished applies its own learning step, see
 * {@link STUDY_LEARN}); a quiz item mostly measures. With a large learn rate
 * every answer restarts the belief near P(T), so a guesser's history of misses
 * is forgotten and any four lucky answers in a row read as mastery (measured:
 * 20% of concepts falsely mastered by a random guesser at learn = 0.3, about
 * 1.3% at learn = 0.03 and prior 0.1, 0.8% at these values, over seven seeds;
 * bench/pedagogy.bench.ts). From the prior, five right answers in a row are
 * mastery (four for the easiest concepts); after misses, six. Every value keeps guess < 1 − slip.
 */
export function defaultParamsForDifficulty(difficulty: number): BktParams {
  const d = Math.min(5, Math.max(1, Number.isFinite(difficulty) ? difficulty : 3));
  return { ...DEFAULT_BKT, prior: 0.05, learn: 0.015 - 0.0025 * (d - 1), slip: 0.05 + 0.025 * (d - 1) };
}

export interface BktParamSourceOptions {
  /** Fitted parameters by concept id; a partial set is completed from the defaults. */
  fitted?: Readonly<Record<string, Partial<BktParams>>> | ReadonlyMap<string, Partial<BktParams>>;
  /** The concept's difficulty (1…5) for difficulty-aware defaults; without it every concept is taken as difficulty 3. */
  difficultyOf?: (conceptId: string) => number | undefined;
}

/**
 * Builds a {@link BktParamSource}. Fitted sets are checked once, here: a set
 * that is not a probability or is degenerate (guess ≥ 1 − slip) is refused
 * with every problem named, rather than silently tracing nonsense.
 */
export function createBktParamSource(options: BktParamSourceOptions = {}): BktParamSource {
  const defaults = (id: string): BktParams => {
    const d = options.difficultyOf?.(id);
    return defaultParamsForDifficulty(d ?? 3);
  };
  const fitted = new Map<string, BktParams>();
  const entries = options.fitted instanceof Map ? [...options.fitted] : Object.entries(options.fitted ?? {});
  const problems: string[] = [];
  for (const [id, partial] of entries) {
    const full = { ...defaults(id), ...partial };
    const p = bktParamProblems(full);
    if (p.length > 0) problems.push(`${id}: ${p.join('; ')}`);
    else fitted.set(id, full);
  }
  if (problems.length > 0) throw new PathwiseError('BKT_PARAMS_INVALID', `invalid BKT parameters:\n${problems.join('\n')}`);
  return { paramsFor: (id) => fitted.get(id) ?? defaults(id) };
}

/**
 * Learning from finishing a resource (or a part of it), by how far it teaches
 * the concept: the transition P(L) ← P(L) + (1 − P(L))·T with these T. A
 * glossary entry moves the belief a little, a complete course a lot; the
 * mastery rule still wants right answers before it says "mastered".
 */
export const STUDY_LEARN = { overview: 0.1, core: 0.25, complete: 0.4 } as const;

/** The prior P(L₀) a self-assessment stands for (below the mastery threshold on purpose: a quiz must confirm it). */
export function priorFromSelfAssessment(level: SelfAssessment): number {
  return SELF_ASSESSMENT_PRIOR[level];
}

/** The concept's parameters with the prior replaced by what the learner said about it. */
export function withSelfAssessment(params: BktParams, level: SelfAssessment): BktParams {
  return { ...params, prior: priorFromSelfAssessment(level) };
}

/**
 * A new learner's belief P(L) per concept: the stated self-assessment where
 * there is one, the concept's prior otherwise (only for the ids listed in
 * `concepts`; the planner reads a missing id as not known).
 */
export function initialMastery(
  source: BktParamSource,
  concepts: readonly string[],
  selfAssessed: Readonly<Record<string, SelfAssessment>> = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of new Set([...concepts, ...Object.keys(selfAssessed)])) {
    const said = selfAssessed[id];
    out[id] = said === undefined ? source.paramsFor(id).prior : priorFromSelfAssessment(said);
  }
  return out;
}
