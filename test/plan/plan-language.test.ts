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
import { planPath } from '../../src/core/plan/planner.ts';
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
