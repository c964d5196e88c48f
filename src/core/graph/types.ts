/**
 * The knowledge graph: one graph of concepts shared by every goal, plus the
 * resources that teach concepts and the goals (roadmaps) that target them.
 * Plain data, built once at load (src/roadmaps/) and read by the core.
 */

export const BLOOM_LEVELS = ['remember', 'understand', 'apply', 'analyze', 'evaluate', 'create'] as const;
export type BloomLevel = (typeof BLOOM_LEVELS)[number];

export const RESOURCE_TYPES = ['video', 'article', 'exercise', 'quiz', 'project', 'course'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface QuizItem {
  /** Globally unique, stable: review cards and attempts refer to it. */
  id: string;
  conceptId: string;
  question: string;
  choices: string[];
  /** Index into `choices` of the right answer. */
  answer: number;
  explanation: string;
}

export interface Concept {
  id: string;
  title: string;
  description: string;
  aliases: string[];
  domains: string[];
  /** 1 (gentle) … 5 (hard). */
  difficulty: number;
  bloom: BloomLevel;
  /** "All of": each must be known first. */
  requires: string[];
  /** "Any one of" groups: for each group, at least one member must be known first. */
  requiresAnyOf: string[][];
  quiz: QuizItem[];
}

export interface Resource {
  id: string;
  title: string;
  url: string;
  type: ResourceType;
  minutes: number;
  /** 1 … 5 */
  difficulty: number;
  /** 1 … 5, editorial judgement of how good it is. */
  quality: number;
  /** 1 (read/watch) … 5 (hands-on throughout). */
  interactivity: number;
  free: boolean;
  /** Concepts it teaches; a resource may teach several. */
  teaches: string[];
}

export interface Goal {
  id: string;
  title: string;
  description: string;
  aliases: string[];
  /** Concepts a learner must know to reach the goal (their prerequisites follow). */
  targets: string[];
}

export interface KnowledgeGraph {
  concepts: ReadonlyMap<string, Concept>;
  resources: ReadonlyMap<string, Resource>;
  goals: ReadonlyMap<string, Goal>;
  /** Resources teaching each concept, in declaration order. */
  resourcesByConcept: ReadonlyMap<string, readonly Resource[]>;
  quizItems: ReadonlyMap<string, QuizItem>;
}
