/**
 * The knowledge graph: one graph of concepts shared by every goal, plus the
 * resources that teach concepts and the goals (roadmaps) that target them.
 * Plain data, built once at load (src/roadmaps/) and read by the core.
 */

export const BLOOM_LEVELS = ['remember', 'understand', 'apply', 'analyze', 'evaluate', 'create'] as const;
export type BloomLevel = (typeof BLOOM_LEVELS)[number];

export const RESOURCE_TYPES = ['video', 'article', 'book', 'exercise', 'quiz', 'project', 'course'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * How far a resource (or one part of it) teaches a concept. A concept is
 * covered once the depths of the resources a learner took add up to a whole
 * (see {@link DEPTH_SHARE}): one `complete` resource, two `core` ones, or a
 * `core` one plus two `overview`s. A glossary entry can introduce a concept
 * (`overview`) but never complete it alone.
 */
export const DEPTHS = ['overview', 'core', 'complete'] as const;
export type Depth = (typeof DEPTHS)[number];

/** Share of a concept's full coverage that one resource at each depth gives. */
export const DEPTH_SHARE: Readonly<Record<Depth, number>> = { overview: 0.25, core: 0.5, complete: 1 };

export interface QuizItem {
  /** Globally unique, stable: review cards and attempts refer to it. */
  id: string;
  conceptId: string;
  question: string;
  choices: string[];
  /** Index into `choices` of the right answer. */
  answer: number;
  explanation: string;
  /**
   * The thinking the item asks for: `remember`/`understand` for recall and
   * definitions, `apply` and up for a scenario, a snippet to read, a small
   * calculation or a choice between designs. Unset when the author did not say.
   */
  bloom?: BloomLevel;
}

export interface Concept {
  id: string;
  title: string;
  description: string;
  aliases: string[];
  /** What a learner who wants it would say they want to do, in plain words ("run my service in a container"). */
  says: string[];
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
  /** How far it teaches each concept of `teaches` (every one has an entry). */
  depth: Readonly<Record<string, Depth>>;
  /**
   * Its natural parts (chapters, modules, lessons) in reading order, for a
   * resource too long for one sitting; empty for a short one. Their minutes
   * add up to the resource's.
   */
  parts: ResourcePart[];
  /** Programming language it teaches in (`python`, `javascript`, …); unset when it teaches none. */
  language?: string;
}

/** One chapter, module or lesson of a long resource. */
export interface ResourcePart {
  /** Stable within the resource: the coach remembers a learner's place by it. */
  id: string;
  title: string;
  /** Its own page or anchor; the resource's URL when it has none. */
  url: string;
  minutes: number;
  /** Concepts this part teaches, a subset of the resource's, with their depth. */
  teaches: string[];
  depth: Readonly<Record<string, Depth>>;
}

/** A stage of a goal's teaching order: what a good teacher would do first. */
export interface GoalPhase {
  title: string;
  /** Concepts of this phase; prerequisites pulled in by the planner join the phase of the earliest concept that needs them. */
  concepts: string[];
}

/** A career level of a goal with the competency it needs per concept ("junior data analyst: SQL core"). */
export interface GoalLevel {
  id: string;
  title: string;
  competencies: Readonly<Record<string, Depth>>;
}

export interface Goal {
  id: string;
  title: string;
  description: string;
  aliases: string[];
  /** What a learner who wants it would say they want to do, in plain words ("run my service in a container"). */
  says: string[];
  /** Concepts a learner must know to reach the goal (their prerequisites follow). */
  targets: string[];
  /** Teaching order, first phase first; empty when the goal declares none. */
  phases: GoalPhase[];
  /** Career levels, most junior first; empty when the goal declares none. */
  levels: GoalLevel[];
  /** O*NET-SOC codes of the occupations this goal prepares for (e.g. `15-2051.00`). */
  occupations: string[];
  /** Programming language the goal works in; resources in another language are not planned for it. */
  language?: string;
}

export interface KnowledgeGraph {
  concepts: ReadonlyMap<string, Concept>;
  resources: ReadonlyMap<string, Resource>;
  goals: ReadonlyMap<string, Goal>;
  /** Resources teaching each concept, in declaration order. */
  resourcesByConcept: ReadonlyMap<string, readonly Resource[]>;
  quizItems: ReadonlyMap<string, QuizItem>;
}
