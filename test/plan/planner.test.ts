import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { planPath, replan, type PlanRequest } from '../../src/core/plan/planner.ts';
import { NoPathError } from '../../src/core/plan/plan-problem.ts';
import { concept, goal, graphOf, NO_PREFERENCES, resource } from './fixtures.ts';

/**
 * python → numpy → pandas. Costs equal minutes (fixture resources, no preferences):
 *   py-video 30 (video), py-book 60, np-article 20, pd-course 50, np-pd 60 (numpy and pandas).
 * Best to pandas: py-video + np-pd = 90, against py-video + np-article + pd-course = 100.
 */
const data = graphOf(
  [concept('python'), concept('numpy', { requires: ['python'] }), concept('pandas', { requires: ['numpy'] })],
  [
    resource('py-video', ['python'], 30, { type: 'video' }),
    resource('py-book', ['python'], 60),
    resource('np-article', ['numpy'], 20),
    resource('pd-course', ['pandas'], 50, { type: 'course' }),
    resource('np-pd', ['numpy', 'pandas'], 60),
  ],
  [goal('data-analysis', ['pandas'], 'Data analysis')],
);
const toPandas: PlanRequest = { goals: ['pandas'], mastery: {}, preferences: NO_PREFERENCES };
const ids = (r: { steps: { resource: { id: string } }[] }) => r.steps.map((s) => s.resource.id);

describe('planPath on hand-worked graphs', () => {
  it('takes a resource teaching two needed concepts once, when that is cheaper', () => {
    const plan = planPath(data, toPandas);
    expect(ids(plan)).toEqual(['py-video', 'np-pd']);
    expect(plan.steps.map((s) => s.concepts)).toEqual([['python'], ['numpy', 'pandas']]);
    expect(plan.totalCost).toBe(90);
    expect(plan.totalMinutes).toBe(90);
    expect(plan.estimatedDays).toBe(3); // ⌈90 / 30⌉
    expect(plan.optimal).toBe(true);
    expect(plan.skipped).toEqual([]);
    expect(plan.steps[0]!.reason).toBe('needed before Numpy');
    expect(plan.steps[1]!.reason).toBe('covers Numpy and Pandas in one go; part of your goal Pandas');
  });

  it('skips mastered concepts (at the threshold, 0.95 by default) and says so', () => {
    const plan = planPath(data, { ...toPandas, mastery: { python: 0.97 } });
    expect(ids(plan)).toEqual(['np-pd']);
    expect(plan.skipped).toEqual(['python']);
    expect(ids(planPath(data, { ...toPandas, mastery: { python: 0.9 } }))).toEqual(['py-video', 'np-pd']);
    expect(planPath(data, { ...toPandas, mastery: { python: 0.9 }, masteryThreshold: 0.85 }).skipped).toEqual(['python']);
  });

  it('a mastered goal needs nothing', () => {
    const plan = planPath(data, { ...toPandas, mastery: { pandas: 1 } });
    expect(plan.steps).toEqual([]);
    expect(plan.skipped).toEqual(['pandas']);
    expect(plan).toMatchObject({ totalCost: 0, totalMinutes: 0, estimatedDays: 0, optimal: true });
  });

  it('follows format preferences: preferred costs less, avoided costs more', () => {
    const prefer = planPath(data, { ...toPandas, preferences: { ...NO_PREFERENCES, preferredFormats: ['video'] } });
    expect(prefer.steps[0]!.reason).toBe('needed before Numpy; you marked videos as preferred');
    // Avoiding videos: py-video costs 30 · (1 + 1.5) = 75 > py-book 60.
    const avoid = planPath(data, { ...toPandas, preferences: { ...NO_PREFERENCES, avoidedFormats: ['video'] } });
    expect(ids(avoid)).toEqual(['py-book', 'np-pd']);
    expect(avoid.totalCost).toBe(120);
  });

  it('plans around an excluded resource and says what it replaces', () => {
    const plan = planPath(data, { ...toPandas, excludeResources: ['np-pd'] });
    expect(ids(plan)).toEqual(['py-video', 'np-article', 'pd-course']);
    expect(plan.totalCost).toBe(100);
    expect(plan.steps[1]!.reason).toBe('needed before Pandas; instead of np-pd (title), which you set aside');
  });

  it('keeps done resources as done steps and plans only the rest', () => {
    const plan = planPath(data, { ...toPandas, done: ['py-video'] });
    expect(plan.steps.map((s) => [s.resource.id, s.done ?? false])).toEqual([
      ['py-video', true],
      ['np-pd', false],
    ]);
    expect(plan.steps[0]!.reason).toBe('already done');
    expect(plan).toMatchObject({ totalCost: 60, totalMinutes: 60, estimatedDays: 2 });
  });

  it('replans after progress: done stays done, new mastery is skipped', () => {
    const next = replan(data, toPandas, { done: ['py-video'], mastery: { numpy: 0.99 } });
    // Only pandas is left: pd-course 50 beats np-pd 60.
    expect(next.steps.map((s) => [s.resource.id, s.done ?? false])).toEqual([
      ['py-video', true],
      ['pd-course', false],
    ]);
    expect(next.skipped).toEqual(['numpy']);
    expect(next.totalCost).toBe(50);
  });

  it('resolves goal ids to their targets and names the goal in reasons', () => {
    const plan = planPath(data, { ...toPandas, goals: ['data-analysis'] });
    expect(ids(plan)).toEqual(['py-video', 'np-pd']);
    expect(plan.steps[1]!.reason).toContain('part of your goal Data analysis');
  });

  it('takes the cheapest branch of an "any one of" group, and nothing when a member is known', () => {
    const g = graphOf(
      [concept('stats'), concept('python'), concept('r-lang'), concept('ml', { requires: ['stats'], requiresAnyOf: [['python', 'r-lang']] })],
      [resource('stats-r', ['stats'], 10), resource('py-r', ['python'], 40), resource('r-r', ['r-lang'], 25), resource('ml-r', ['ml'], 30)],
    );
    const plan = planPath(g, { goals: ['ml'], mastery: {}, preferences: NO_PREFERENCES });
    expect(new Set(ids(plan))).toEqual(new Set(['stats-r', 'r-r', 'ml-r']));
    expect(ids(plan).at(-1)).toBe('ml-r');
    expect(plan.totalCost).toBe(65); // 10 + 25 + 30
    expect(plan.steps.find((s) => s.resource.id === 'r-r')!.reason).toBe('your way into Ml, which needs one of Python or R Lang');

    const knowsPython = planPath(g, { goals: ['ml'], mastery: { python: 1 }, preferences: NO_PREFERENCES });
    expect(new Set(ids(knowsPython))).toEqual(new Set(['stats-r', 'ml-r']));
    expect(knowsPython.skipped).toEqual(['python']);
  });

  it('comes back to a resource whose later part needs a prerequisite it does not teach', () => {
    // a → x → b; only r-ab teaches a and b, only r-x teaches x.
    const g = graphOf(
      [concept('a'), concept('x', { requires: ['a'] }), concept('b', { requires: ['x'] })],
      [resource('r-ab', ['a', 'b'], 10), resource('r-x', ['x'], 5)],
    );
    const plan = planPath(g, { goals: ['b'], mastery: {}, preferences: NO_PREFERENCES });
    expect(plan.steps.map((s) => [s.resource.id, s.concepts])).toEqual([
      ['r-ab', ['a']],
      ['r-x', ['x']],
      ['r-ab', ['b']],
    ]);
    expect(plan.totalCost).toBe(25);
    expect(plan.steps[2]!.reason).toMatch(/^back to it for B/);
  });
});

describe('bounded search when the budget runs out', () => {
  /**
   * c1 and c2 both need p. Singles cost 15 each; pair1 (p, c1) and pair2 (p, c2) cost 20.
   * Optimum 35: one pair, then the other single. Water-filled shares: pair1 is tight at
   * level 10 (s(p) = s(c1) = 10), then pair2 leaves s(c2) = 10, so h(start) = 30 < 35.
   */
  const shared = graphOf(
    [concept('p'), concept('c1', { requires: ['p'] }), concept('c2', { requires: ['p'] })],
    [
      resource('p-single', ['p'], 15),
      resource('pair1', ['p', 'c1'], 20),
      resource('pair2', ['p', 'c2'], 20),
      resource('c1-single', ['c1'], 15),
      resource('c2-single', ['c2'], 15),
    ],
  );
  const both: PlanRequest = { goals: ['c1', 'c2'], mastery: {}, preferences: NO_PREFERENCES };

  it('with room, the weighted plan is proven optimal (A* finds nothing below it)', () => {
    const plan = planPath(shared, both);
    expect(plan).toMatchObject({ totalCost: 35, optimal: true });
  });

  it('A* alone (weight 1) finds and proves the optimum', () => {
    expect(planPath(shared, both, { weight: 1 })).toMatchObject({ totalCost: 35, optimal: true, method: 'a*' });
  });

  it('no budget for A*: the weighted plan with factor min(w, U / LB) = min(1.5, 35/30)', () => {
    const plan = planPath(shared, both, { maxExpansions: 0 });
    expect(plan.method).toBe('weighted-a*');
    expect(plan.totalCost).toBe(35);
    expect(plan.optimal).toBeCloseTo(35 / 30, 12);
  });

  it('no budget at all: the greedy dive, its factor proven against h(start) = 30', () => {
    // From {}: p-single 15 + h 20 = 35, pair1 20 + 10 = 30, pair2 the same (first wins);
    // from {p, c1}: c2-single 15 + 0 beats pair2 20 + 0. Cost 35, proven factor 35/30.
    const plan = planPath(shared, both, { maxExpansions: 0, maxWeightedExpansions: 0 });
    expect(plan.method).toBe('greedy');
    expect(ids(plan)).toEqual(['pair1', 'c2-single']);
    expect(plan.totalCost).toBe(35);
    expect(plan.optimal).toBeCloseTo(35 / 30, 12);
    expect(plan.expanded).toBe(0);
  });

  it('A* out of budget: the lower bound it reached bounds the greedy plan', () => {
    // A* expands {} (f 30) and {p, c1} (f 30), then stops with {p, c2} (f 30) open: LB stays 30.
    const plan = planPath(shared, both, { weight: 1, maxExpansions: 2 });
    expect(plan).toMatchObject({ method: 'greedy', totalCost: 35, expanded: 2 });
    expect(plan.optimal).toBeCloseTo(35 / 30, 12);
  });

  it('a plan whose cost meets the lower bound is proven optimal whatever found it', () => {
    // In the python → numpy → pandas graph, h is exact (shares 30 + 20 + 40 = 90).
    const plan = planPath(data, toPandas, { maxExpansions: 0, maxWeightedExpansions: 0 });
    expect(plan).toMatchObject({ method: 'greedy', totalCost: 90, optimal: true });
  });

  it('stops on the caller’s clock too', () => {
    let t = 0;
    const plan = planPath(shared, both, { elapsedMs: () => (t += 1000), timeBudgetMs: 1, maxExpansions: 1e9, maxWeightedExpansions: 1e9 });
    expect(plan).toMatchObject({ method: 'greedy', expanded: 0, totalCost: 35 });
  });
});

describe('errors the learner can act on', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return { code: (e as UserError).code, message: (e as UserError).message };
    }
    throw new Error('expected a UserError');
  };

  it('unknown goal: names it and the close matches', () => {
    const e = code(() => planPath(data, { ...toPandas, goals: ['pandsa'] }));
    expect(e.code).toBe('UNKNOWN_GOAL');
    expect(e.message).toBe('I don\'t know the goal "pandsa" yet — did you mean pandas?');
    expect(code(() => planPath(data, { ...toPandas, goals: ['data-analysys'] })).message).toContain('did you mean data-analysis');
    expect(code(() => planPath(data, { ...toPandas, goals: ['numpi', 'zzz'] })).message).toBe(
      'I don\'t know these goals yet: "numpi" (did you mean numpy?), "zzz".',
    );
  });

  it('unknown resource in done or excluded', () => {
    expect(code(() => planPath(data, { ...toPandas, excludeResources: ['np-pdd'] }))).toMatchObject({ code: 'UNKNOWN_RESOURCE' });
    expect(code(() => planPath(data, { ...toPandas, done: ['nope'] })).code).toBe('UNKNOWN_RESOURCE');
  });

  it('no path: every resource for a prerequisite excluded', () => {
    const e = code(() => planPath(data, { ...toPandas, excludeResources: ['py-video', 'py-book'] }));
    expect(e.code).toBe('NO_PATH');
    expect(e.message).toContain('every resource for "python" is excluded');
  });

  it('no path: the resources left cover a concept only in part without those excluded, and the error names what to bring back', () => {
    // Two halves (core depth each) teach python together; excluding one once read "nothing teaches python".
    const halves = graphOf(
      [concept('python'), concept('numpy', { requires: ['python'] })],
      [
        resource('py-part-1', ['python'], 30, { depth: { python: 'core' } }),
        resource('py-part-2', ['python'], 30, { depth: { python: 'core' } }),
        resource('np-article', ['numpy'], 20),
      ],
    );
    const ask: PlanRequest = { goals: ['numpy'], mastery: {}, preferences: NO_PREFERENCES };
    expect(ids(planPath(halves, ask))).toEqual(['py-part-1', 'py-part-2', 'np-article']);
    let caught: unknown;
    try {
      planPath(halves, { ...ask, excludeResources: ['py-part-2'] });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(NoPathError);
    const e = caught as NoPathError;
    expect(e.code).toBe('NO_PATH');
    expect(e.message).toBe('I can\'t plan a path to "numpy": the resources left for "python" do not cover it in full without the excluded "py-part-2". Include it again to plan a path.');
    expect({ target: e.target, blocked: e.blocked, setAside: e.setAside }).toEqual({ target: 'numpy', blocked: ['python'], setAside: ['py-part-2'] });
    // Nothing excluded and still short: the content's gap, not the learner's.
    const gap = graphOf([concept('python')], [resource('py-part-1', ['python'], 30, { depth: { python: 'core' } })]);
    expect(() => planPath(gap, { ...ask, goals: ['python'] })).toThrow('the resources for "python" do not cover it in full together');
  });

  it('bad preferences', () => {
    expect(code(() => planPath(data, { ...toPandas, preferences: { ...NO_PREFERENCES, minutesPerDay: 0 } })).code).toBe('INVALID_PREFERENCES');
    const both = { ...NO_PREFERENCES, preferredFormats: ['video' as const], avoidedFormats: ['video' as const] };
    expect(code(() => planPath(data, { ...toPandas, preferences: both })).message).toContain('both preferred and avoided');
  });
});
