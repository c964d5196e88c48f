/**
 * The shipped roadmaps, planned from nothing: a learner who asks for React,
 * JavaScript or the front-end developer goal learns programming basics in
 * JavaScript (React once opened with Think Python, "needed before
 * JavaScript"), and data paths still never route through a JavaScript course.
 * A resource in another language stays only for a concept that nothing in the
 * path's language (or in none) teaches in full.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPTH_SHARE, type KnowledgeGraph, type Resource } from '../../src/core/graph/types.ts';
import { goalLanguages, planPath } from '../../src/core/plan/planner.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';

const shipped = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph;
const prefs = { preferredFormats: [], avoidedFormats: [], minutesPerDay: 30 };
const plan = (goal: string) => planPath(shipped, { goals: [goal], mastery: {}, preferences: prefs });

/** Whether resources not in `other` (none, or another language) cover concept `c` in full. */
function coveredWithout(graph: KnowledgeGraph, c: string, other: (r: Resource) => boolean): boolean {
  const share = (graph.resourcesByConcept.get(c) ?? []).filter((r) => !other(r)).reduce((s, r) => s + DEPTH_SHARE[r.depth[c] ?? 'complete'], 0);
  return share >= 1 - 1e-9;
}

describe('the language of a shipped plan', () => {
  it.each(['react', 'javascript'])('"learn %s" has no Python resource, and programming basics is taught in JavaScript', (goal) => {
    const steps = plan(goal).steps;
    expect(steps.filter((s) => s.resource.language === 'python').map((s) => s.resource.id)).toEqual([]);
    const basics = steps.filter((s) => s.concepts.includes('programming-basics'));
    expect(basics.length).toBeGreaterThan(0);
    for (const s of basics) expect(s.resource.language).toBe('javascript');
  });

  it.each(['frontend-developer', 'backend-developer', 'full-stack-developer'])('%s learns programming basics in JavaScript; a Python resource only where nothing else teaches its concept in full', (goal) => {
    const steps = plan(goal).steps;
    for (const s of steps.filter((s) => s.concepts.includes('programming-basics'))) expect(s.resource.language).toBe('javascript');
    const python = (r: Resource) => r.language === 'python';
    for (const s of steps.filter((s) => python(s.resource))) {
      expect({ id: s.resource.id, replaceable: s.concepts.every((c) => coveredWithout(shipped, c, python)) }).toEqual({ id: s.resource.id, replaceable: false });
    }
  });

  it.each(['data-analyst', 'data-scientist', 'data-engineer'])('%s still has no JavaScript resource', (goal) => {
    expect(plan(goal).steps.filter((s) => s.resource.language === 'javascript' || s.resource.language === 'typescript').map((s) => s.resource.id)).toEqual([]);
  });
});

/** The host languages a plan's steps teach in, TypeScript counted as JavaScript. */
const hostLanguages = (steps: readonly { resource: Resource }[]) =>
  [...new Set(steps.map((s) => s.resource.language).filter((l): l is string => l === 'python' || l === 'javascript' || l === 'typescript' || l === 'r').map((l) => (l === 'typescript' ? 'javascript' : l)))].sort();

describe('a concept reached through two languages', () => {
  it('"learn orm" works in one language: not Python basics and then a TypeScript ORM quickstart', () => {
    // ORMs need Node.js or Python; the plan once learned Python, then ORMs from SQLAlchemy's quick start and Prisma's (TypeScript) as "part 2 of 2".
    const steps = plan('orm').steps;
    expect(hostLanguages(steps)).toEqual(['python']);
    expect(steps.some((s) => s.concepts.includes('orm'))).toBe(true);
  });

  it('a learner who knows Python gets ORMs in Python, not a JavaScript and Node.js course first', () => {
    const steps = planPath(shipped, { goals: ['orm'], mastery: { 'programming-basics': 1, python: 1 }, preferences: prefs }).steps;
    expect(steps.filter((s) => s.concepts.includes('javascript') || s.concepts.includes('nodejs')).map((s) => s.resource.id)).toEqual([]);
    expect(steps.some((s) => s.resource.id === 'sqlalchemy-orm-quickstart')).toBe(true);
  });

  it('a learner who knows JavaScript gets ORMs in JavaScript after Node.js, not Python tutorials without Python', () => {
    const steps = planPath(shipped, { goals: ['orm'], mastery: { 'programming-basics': 1, javascript: 1 }, preferences: prefs }).steps;
    expect(hostLanguages(steps)).toEqual(['javascript']);
    expect(steps.some((s) => s.concepts.includes('nodejs'))).toBe(true);
  });

  it('"learn orm" from nothing does not learn Python and then ORMs from JavaScript resources', () => {
    const steps = plan('orm').steps;
    const ormLanguages = hostLanguages(steps.filter((s) => s.concepts.includes('orm')));
    const pathLanguages = hostLanguages(steps.filter((s) => s.concepts.includes('python') || s.concepts.includes('javascript')));
    expect(ormLanguages).toEqual(pathLanguages);
  });

  it('the same request plans the same path every time', () => {
    const ids = () => plan('orm').steps.map((s) => s.resource.id);
    expect(ids()).toEqual(ids());
  });
});

const host = (r: Resource) => (r.language === 'typescript' ? 'javascript' : r.language);

/**
 * Concepts a plan covers only by pieces (no step teaches them in full) in two
 * of the languages the goal works in. A piece in another language, kept
 * because nothing in the goal's teaches that concept in full, does not count.
 */
function mixedPieces(goal: string, steps: readonly { resource: Resource; concepts: string[] }[]): string[] {
  const languages = new Set(goalLanguages(shipped, goal).map((l) => (l === 'typescript' ? 'javascript' : l)));
  const mixed: string[] = [];
  for (const c of new Set(steps.flatMap((s) => s.concepts))) {
    const teaching = steps.filter((s) => s.concepts.includes(c));
    if (teaching.some((s) => (s.resource.depth[c] ?? 'complete') === 'complete')) continue;
    if (new Set(teaching.map((s) => host(s.resource)).filter((l) => l !== undefined && languages.has(l))).size > 1) mixed.push(c);
  }
  return mixed;
}

describe('a concept covered by pieces', () => {
  it('"learn orm" does not pair a Python ORM quick start with a TypeScript one', () => {
    const orm = plan('orm').steps.filter((s) => s.concepts.includes('orm'));
    expect(orm.map((s) => s.resource.id).sort()).toEqual(['sqlalchemy-orm-quickstart', 'sqlalchemy-tutorial-orm-data']);
  });

  it('with SQLAlchemy\'s tutorial set aside, "learn orm" pairs the quick start with Prisma\'s rather than taking a 60-hour course', () => {
    const p = planPath(shipped, { goals: ['orm'], mastery: {}, preferences: prefs, excludeResources: ['sqlalchemy-tutorial-orm-data'] });
    expect(p.steps.filter((s) => s.concepts.includes('orm')).map((s) => s.resource.id).sort()).toEqual(['prisma-quickstart', 'sqlalchemy-orm-quickstart']);
    expect(p.totalMinutes).toBeLessThan(plan('orm').totalMinutes + 60);
  });

  it('no shipped goal, and no concept asked for alone, is covered by pieces in two of its languages', () => {
    const asked = [...new Set([...shipped.goals.keys(), ...shipped.concepts.keys()])].sort();
    const mixed = asked.flatMap((g) => mixedPieces(g, plan(g).steps).map((c) => `${g}: ${c}`));
    expect(mixed).toEqual([]);
  });
});
