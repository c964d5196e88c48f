import type { Course, SimConcept, SimResource } from '../../src/core/sim/course.ts';
import { defaultParamsForDifficulty, STUDY_LEARN } from '../../src/core/kt/bkt-params.ts';
import { DEPTH_SHARE, RESOURCE_TYPES, type Depth, type ResourceType } from '../../src/core/graph/types.ts';
import { STANDARD, type SimVariant } from '../../src/core/sim/variants.ts';
import type { Observation } from '../../src/core/sim/episode.ts';

/** A resource of one piece; the coach's study step is STUDY_LEARN at the depth each share stands for. */
export function resource(id: string, type: ResourceType, minutes: number, shares: [number, number][]): SimResource {
  const depthOf = (share: number) => (Object.keys(DEPTH_SHARE) as Depth[]).find((d) => DEPTH_SHARE[d] === share) ?? 'complete';
  const coachLearn = new Map(shares.map(([i, s]) => [i, STUDY_LEARN[depthOf(s)]]));
  return { id, key: id, type, typeIndex: RESOURCE_TYPES.indexOf(type), minutes, shares: new Map(shares), coachLearn };
}

/** Two concepts, b requires a; one article each, and a video alternative for b. */
export function twoConceptCourse(): Course {
  const mk = (id: string, difficulty: number, requires: number[], planned: SimResource[], alternatives: SimResource[]): SimConcept => ({
    id,
    difficulty,
    requires,
    anyOf: [],
    prereqs: requires,
    planned,
    alternatives,
    items: [
      { options: 4, cued: false },
      { options: 4, cued: true },
      { options: 4, cued: false },
      { options: 4, cued: false },
    ],
    coach: defaultParamsForDifficulty(difficulty),
  });
  return {
    goal: 'fixture',
    planMinutes: 60,
    concepts: [
      mk('a', 1, [], [resource('ra', 'article', 20, [[0, 1]])], []),
      mk('b', 2, [0], [resource('rb', 'article', 40, [[1, 1]])], [resource('vb', 'video', 30, [[1, 1]])]),
    ],
  };
}

/** A variant with every spread removed (κ huge) so hand-worked numbers hold. */
export function crispVariant(over: Partial<SimVariant> = {}): SimVariant {
  const fixed = (mean: number) => ({ mean, kappa: 1e9 });
  const five = (mean: number) => [0, 1, 2, 3, 4].map(() => fixed(mean));
  return {
    ...STANDARD,
    prior: five(0),
    resource: five(0.5),
    practice: five(0.1),
    hint: five(0.1),
    slip: five(0.1),
    guess: fixed(0.2),
    forget: fixed(0.2),
    abilitySigma: 0,
    ...over,
  };
}

/** A policy's view of a first, unstudied concept with an alternative left; `over` changes what a test needs. */
export const observation = (over: Partial<Observation> = {}): Observation => ({
  concept: 0,
  concepts: 2,
  difficulty: 2,
  belief: 0.1,
  mastered: false,
  itemsToGo: 3,
  needsSitting: false,
  attempts: 0,
  wrongStreak: 0,
  recent: [0, 0, 0],
  freshItems: 4,
  prereqs: 0,
  prereqMin: 1,
  prereqWeak: 0,
  plannedLeft: 1,
  nextMinutes: 30,
  nextShare: 1,
  nextPreferred: false,
  nextInteractive: false,
  altLeft: true,
  altPreferred: false,
  swapMinutes: 30,
  swapShare: 1,
  studied: 0,
  visitHints: 0,
  visitSubstitutes: 0,
  visitRemediations: 0,
  pass: 1,
  sessionsSinceAsked: 0,
  pretestRight: 0.25,
  studiedRight: 0.5,
  courseMastered: 0,
  sessionLeft: 1,
  budgetUsed: 0,
  oracle: { known: false, prereqsKnown: true },
  ...over,
});
