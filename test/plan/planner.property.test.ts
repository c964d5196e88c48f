/**
 * The planner against exhaustive search on many small random graphs: the A*
 * plan is optimal (and valid), and every budget-limited plan stays within the
 * factor it reports. Graphs have at most 7 concepts and 8 resources, so brute
 * force stays fast; seeds are fixed so a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { planPath, type PlanResult } from '../../src/core/plan/planner.ts';
import { bruteForceOptimum } from './brute-force.ts';
import { arbCase, expectValid, type Case } from './random-cases.ts';

const runPlan = (c: Case, options?: Parameters<typeof planPath>[2]): PlanResult | 'no-path' => {
  try {
    return planPath(c.graph, c.req, options);
  } catch (e) {
    if (e instanceof UserError && e.code === 'NO_PATH') return 'no-path';
    throw e;
  }
};

describe('planner vs brute force on small random graphs', () => {
  it('A* returns a valid plan of optimal cost, or NO_PATH exactly when none exists', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const optimum = bruteForceOptimum(c.graph, c.req);
        const plan = runPlan(c);
        if (!Number.isFinite(optimum)) {
          expect(plan).toBe('no-path');
          return;
        }
        if (plan === 'no-path') throw new Error(`planner found no path; brute force found ${optimum}`);
        expect(plan.optimal).toBe(true);
        expect(Math.abs(plan.totalCost - optimum)).toBeLessThanOrEqual(1e-9 * Math.max(1, optimum));
        expectValid(c, plan);
        // Dijkstra (h = 0) agrees: the heuristic changes the work, not the answer.
        const dijkstra = planPath(c.graph, c.req, { heuristic: 'none' });
        expect(Math.abs(dijkstra.totalCost - optimum)).toBeLessThanOrEqual(1e-9 * Math.max(1, optimum));
      }),
      { seed: 20260301, numRuns: 600 },
    );
  });

  it('with tiny budgets the plan stays within the factor it reports', () => {
    fc.assert(
      fc.property(
        arbCase,
        fc.constantFrom(0, 1, 2, 5),
        fc.constantFrom(0, 1, 3),
        fc.constantFrom(1, 1.25, 2),
        (c, maxExpansions, maxWeightedExpansions, weight) => {
          const optimum = bruteForceOptimum(c.graph, c.req);
          const plan = runPlan(c, { maxExpansions, maxWeightedExpansions, weight });
          if (plan === 'no-path') {
            expect(optimum).toBe(Infinity);
            return;
          }
          const factor = plan.optimal === true ? 1 : plan.optimal;
          expect(plan.totalCost).toBeLessThanOrEqual(factor * optimum * (1 + 1e-9) + 1e-9);
          // Weighted A* runs at w, then at 2w if w ran out of budget.
          if (plan.method === 'weighted-a*') expect(factor).toBeLessThanOrEqual(2 * weight);
          expectValid(c, plan);
        },
      ),
      { seed: 7, numRuns: 600 },
    );
  });
});
