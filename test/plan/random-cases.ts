/**
 * Random small planning problems for the property suites (at most 7 concepts,
 * 8 resources; "any one of" groups, multi-concept resources, mastery, done and
 * excluded resources, format preferences and weights all vary), and a replay
 * that checks a plan with the brute force's own rules.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { RESOURCE_TYPES, type KnowledgeGraph, type ResourceType } from '../../src/core/graph/types.ts';
import type { PlanRequest, PlanResult } from '../../src/core/plan/planner.ts';
import { canLearn, learn, setUp } from './brute-force.ts';
import { concept, goal, graphOf, resource } from './fixtures.ts';

export interface Case {
  graph: KnowledgeGraph;
  req: PlanRequest;
}

const scale = fc.integer({ min: 1, max: 5 });
const arbResource = (teaches: fc.Arbitrary<number[]>) =>
  fc.record({
    teaches,
    minutes: fc.integer({ min: 1, max: 120 }),
    difficulty: scale,
    quality: scale,
    interactivity: scale,
    type: fc.constantFrom(...RESOURCE_TYPES),
    off: fc.integer({ min: 0, max: 15 }), // 0: excluded, 1: done, else usable
  });

/**
 * Concept i may require up to two earlier concepts and have one "any one of"
 * group of earlier ones. Every concept gets one resource of its own (so most
 * goals are reachable) and up to six more resources teach two or three
 * concepts each. Targets lean towards the last concepts, mastery towards
 * "not known", so most plans have several steps.
 */
export const arbCase: fc.Arbitrary<Case> = fc
  .record({
    concepts: fc.array(
      fc.record({
        req: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
        group: fc.option(fc.uniqueArray(fc.nat(), { minLength: 2, maxLength: 3 }), { nil: undefined, freq: 3 }),
        difficulty: scale,
        own: arbResource(fc.constant([])),
      }),
      { minLength: 2, maxLength: 7 },
    ),
    extra: fc.array(arbResource(fc.uniqueArray(fc.nat(), { minLength: 2, maxLength: 3 })), { maxLength: 6 }),
    mastery: fc.array(fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.constantFrom(0.5, 0.94, 0.96, 1) }), {
      minLength: 7,
      maxLength: 7,
    }),
    targets: fc.uniqueArray(fc.nat({ max: 2 }), { minLength: 1, maxLength: 2 }),
    asGoal: fc.boolean(),
    preferred: fc.subarray([...RESOURCE_TYPES], { maxLength: 2 }),
    avoided: fc.subarray([...RESOURCE_TYPES], { maxLength: 2 }),
    weights: fc.option(
      fc.record({
        time: fc.double({ min: 0.1, max: 2, noNaN: true }),
        difficulty: fc.double({ min: 0, max: 2, noNaN: true }),
        quality: fc.double({ min: 0, max: 2, noNaN: true }),
        notPreferred: fc.double({ min: 0, max: 2, noNaN: true }),
      }),
      { nil: undefined },
    ),
  })
  .map((raw) => {
    const n = raw.concepts.length;
    const id = (i: number) => `c${i}`;
    const concepts = raw.concepts.map((c, i) => {
      const earlier = (xs: number[]) => [...new Set(i === 0 ? [] : xs.map((x) => id(x % i)))];
      const group = earlier(c.group ?? []);
      return concept(id(i), {
        difficulty: c.difficulty,
        requires: earlier(c.req),
        requiresAnyOf: c.group && group.length >= 2 ? [group] : [],
      });
    });
    const raws = [...raw.concepts.map((c, i) => ({ ...c.own, teaches: [i] })), ...raw.extra];
    const resources = raws.map((r, k) =>
      resource(`r${k}`, [...new Set(r.teaches.map((t) => id(t % n)))], r.minutes, {
        difficulty: r.difficulty,
        quality: r.quality,
        interactivity: r.interactivity,
        type: r.type,
      }),
    );
    const targets = [...new Set(raw.targets.map((t) => id(n - 1 - (t % n))))];
    const graph = graphOf(concepts, resources, [goal('the-goal', targets, 'The goal')]);
    const mastery = Object.fromEntries(concepts.map((c, i) => [c.id, raw.mastery[i]!]));
    const avoided = raw.avoided.filter((f) => !raw.preferred.includes(f)) as ResourceType[];
    const req: PlanRequest = {
      goals: raw.asGoal ? ['the-goal'] : targets,
      mastery,
      preferences: { preferredFormats: raw.preferred as ResourceType[], avoidedFormats: avoided, minutesPerDay: 30 },
      excludeResources: raws.flatMap((r, k) => (r.off === 0 ? [`r${k}`] : [])),
      done: raws.flatMap((r, k) => (r.off === 1 ? [`r${k}`] : [])),
      ...(raw.weights ? { weights: raw.weights } : {}),
    };
    return { graph, req };
  });

/** Replays the plan step by step with the brute force's own rules. */
export function expectValid({ graph, req }: Case, plan: PlanResult): void {
  const sim = setUp(graph, req);
  const initiallyKnown = new Set(sim.known);
  const known = new Set(sim.known);
  const done = req.done ?? [];
  expect(plan.steps.slice(0, done.length).map((s) => [s.resource.id, s.done])).toEqual(done.map((d) => [d, true]));
  const todo = plan.steps.slice(done.length);
  const before = new Map<string, Set<string>[]>(); // resource → what each earlier take could have taught
  let cost = 0;
  for (const step of todo) {
    const r = step.resource;
    expect(step.done).toBeUndefined();
    expect(sim.usable).toContain(r);
    expect(step.cost).toBeCloseTo(sim.cost(r), 9);
    cost += step.cost;
    const couldLearn = learn(graph, known, r);
    for (const c of step.concepts) {
      expect(initiallyKnown.has(c)).toBe(false); // never re-plans what is known
      expect(couldLearn.has(c)).toBe(true);
      expect(canLearn(graph, known, c)).toBe(true); // every prerequisite comes first
      known.add(c);
    }
    // Taken again only for concepts it could not teach the earlier time(s).
    for (const earlier of before.get(r.id) ?? []) for (const c of step.concepts) expect(earlier.has(c)).toBe(false);
    before.set(r.id, [...(before.get(r.id) ?? []), couldLearn]);
  }
  for (const t of sim.targets) expect(known.has(t)).toBe(true);
  expect(plan.totalCost).toBeCloseTo(cost, 6);
  for (const s of plan.skipped) expect(initiallyKnown.has(s)).toBe(true);
}

