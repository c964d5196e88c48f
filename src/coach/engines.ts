/**
 * What the coach needs from the pure engines built alongside it: the planner
 * (src/core/plan/planner.ts) and the goal parser (src/core/goal/goal-parser.ts).
 * The coach receives them through its constructor, so it depends on these
 * shapes and the wiring (src/app/build-app.ts) hands in the real ones.
 */
import type { KnowledgeGraph, Resource, ResourceType } from '../core/graph/types.ts';

export interface PlanRequest {
  goals: string[];
  mastery: Record<string, number>;
  masteryThreshold?: number;
  preferences: { preferredFormats: ResourceType[]; avoidedFormats: ResourceType[]; minutesPerDay: number };
  excludeResources?: string[];
  done?: string[];
}

export interface PlanStep {
  resource: Resource;
  concepts: string[];
  minutes: number;
  cost: number;
  reason: string;
  done?: boolean;
}

export interface PlanResult {
  steps: PlanStep[];
  skipped: string[];
  totalCost: number;
  totalMinutes: number;
  estimatedDays: number;
  optimal: true | number;
}

export type PlanFn = (graph: KnowledgeGraph, req: PlanRequest) => PlanResult;

export type { GoalCandidate, GoalMatch as GoalParse } from '../core/goal/goal-parser.ts';
import type { GoalMatch } from '../core/goal/goal-parser.ts';

/** What the coach asks of the goal parser (GoalParser satisfies it). */
export interface GoalUnderstanding {
  parse(text: string): GoalMatch;
}
