/**
 * What the coach needs from the pure engines: the planner
 * (src/core/plan/planner.ts) and the goal parser (src/core/goal/goal-parser.ts).
 * The coach receives them through its constructor (functions and an
 * interface, so tests may hand in others); the wiring (src/app/build-app.ts)
 * hands in the real ones.
 */
import type { KnowledgeGraph } from '../core/graph/types.ts';

export type { PlanRequest, PlanResult, PlanStep } from '../core/plan/planner.ts';
import type { PlanRequest, PlanResult } from '../core/plan/planner.ts';

export type PlanFn = (graph: KnowledgeGraph, req: PlanRequest) => PlanResult;

export type { GoalCandidate, GoalMatch as GoalParse } from '../core/goal/goal-parser.ts';
import type { GoalMatch, ParseOptions } from '../core/goal/goal-parser.ts';

/** What the coach asks of the goal parser (GoalParser satisfies it). */
export interface GoalUnderstanding {
  parse(text: string, opts?: ParseOptions): GoalMatch;
  /** An everyday English word ("rest", "go"), which a one-word name can also be; absent or false: none is. */
  isEverydayWord?(word: string): boolean;
  /** A common English word ("express", "react"), which a one-word name can also be and a phrase may use as a verb; absent or false: none is. */
  isCommonWord?(word: string): boolean;
}
