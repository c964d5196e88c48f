/**
 * The plan a learner reads is in sections, one per phase of the goal, and a
 * section once closed does not open again. The shipped data scientist plan
 * once read "Python and SQL for data" (steps 1–6), "Cleaning, exploring and
 * visualising data" (step 7, the second half of the pandas bundle), then
 * "Python and SQL for data" again for SQL.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { planPath } from '../../src/core/plan/planner.ts';
import { phaseRanks, sectionTitles } from '../../src/core/plan/teaching-order.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';
import { CoachHarness } from '../support/coach-harness.ts';

const shipped = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph;
const headings = (text: string) => [...text.matchAll(/^— (.+) —$/gm)].map((m) => m[1]!);

describe('sections of a plan', () => {
  let h: CoachHarness | undefined;
  afterEach(async () => {
    await h?.cleanup();
    h = undefined;
  });

  it('a data scientist reads "Python and SQL for data" to the end, SQL included, before cleaning data opens', async () => {
    const harness = (h = await CoachHarness.create({ graph: shipped }));
    await harness.onboard('learn data science');
    const plan = await harness.command('plan');
    const seen = headings(plan);
    expect(seen[0]).toBe('Python and SQL for data');
    expect(new Set(seen).size).toBe(seen.length);
    const cleaning = plan.indexOf('— Cleaning, exploring and visualising data —');
    expect(plan.indexOf('PostgreSQL 18 manual')).toBeGreaterThan(0);
    if (cleaning >= 0) expect(plan.indexOf('PostgreSQL 18 manual')).toBeLessThan(cleaning);
    // The pandas guide no longer says its other half comes next: a section's steps come in between.
    expect(plan).toMatch(/pandas User Guide[^\n]*\n {3}why: [^\n]*with a later step it covers pandas and Data cleaning in full/);
  });

  it('no shipped goal opens a section again, except where one resource teaches concepts of three or more phases', () => {
    // Full Stack Open teaches React, Express, NoSQL and back-end testing, and must follow testing fundamentals:
    // the short resource the planner pairs with it comes back to its own section once, after it. In JavaScript (the
    // full-stack goal's language, no SQLAlchemy for the ORM) Full Stack Open also takes the ORM, and the Redux course
    // paired with it for state management, which needs the React it teaches, reopens "Front end with React" once more.
    const spanning = new Map([['backend-developer', 2], ['full-stack-developer', 3]]);
    for (const goal of shipped.goals.keys()) {
      const plan = planPath(shipped, { goals: [goal], mastery: {}, preferences: { preferredFormats: [], avoidedFormats: [], minutesPerDay: 30 } });
      const titles = sectionTitles(shipped, [goal], phaseRanks(shipped, [goal]), plan.steps.map((s) => s.concepts));
      const opened = titles.filter((t, i) => t !== titles[i - 1]);
      const reopened = opened.length - new Set(opened).size;
      expect(reopened, `${goal}: ${opened.join(' | ')}`).toBeLessThanOrEqual(spanning.get(goal) ?? 0);
    }
  });
});
