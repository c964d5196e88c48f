/**
 * The heuristic's two promises, checked directly: on every state reachable in
 * small random problems, h(K) never exceeds the true remaining cost
 * (admissible) and never drops by more than the step's cost (consistent).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { applyAction, candidateActions, hasBit, isGoal, stateKey, type Bits } from '../../src/core/plan/knowledge-state.ts';
import type { Heuristic } from '../../src/core/plan/heuristic.ts';
import type { PlanProblem } from '../../src/core/plan/plan-problem.ts';
import { planPath, preparePlan } from '../../src/core/plan/planner.ts';
import { concept, graphOf, NO_PREFERENCES, resource } from './fixtures.ts';
import { arbCase } from './random-cases.ts';

const all = (p: PlanProblem, bits: Bits) => p.ids.map((_, i) => i).filter((i) => hasBit(bits, i));
const hOf = (p: PlanProblem, h: Heuristic, bits: Bits) => h.value(bits, h.startSum - h.sumDrop(all(p, bits)));

describe('admissible heuristic', () => {
  it('worked by hand: shares, the mandatory sum and a group term', () => {
    // a → b (all of); goal g requires b and one of {x, y}; y requires z.
    const graph = graphOf(
      [
        concept('a'),
        concept('b', { requires: ['a'] }),
        concept('x'),
        concept('z'),
        concept('y', { requires: ['z'] }),
        concept('g', { requires: ['b'], requiresAnyOf: [['x', 'y']] }),
      ],
      [
        resource('ra', ['a'], 10),
        resource('rab', ['a', 'b'], 30),
        resource('rx', ['x'], 50),
        resource('ry', ['y'], 5),
        resource('rz', ['z'], 8),
        resource('rg', ['g'], 7),
      ],
    );
    const { problem: p, heuristic: h } = preparePlan(graph, { goals: ['g'], mastery: {}, preferences: NO_PREFERENCES });
    // share(a) = min(10, 30/2) = 10, share(b) = 30/2 = 15, share(g) = 7: N₀ = {g, b, a} → 32.
    expect(h.startSum).toBe(32);
    // Group {x, y} (no member in N₀): min(share(x) = 50, share(y) + share(z) = 5 + 8) = 13.  h = 32 + 13 = 45.
    expect(h.value(new Uint32Array(p.words), h.startSum)).toBe(45);
    // The optimum, 50 ≥ 45: rab 30 (a and b at once) + rz 8 + ry 5 + rg 7.
    expect(planPath(graph, { goals: ['g'], mastery: {}, preferences: NO_PREFERENCES }).totalCost).toBe(50);
  });

  it('is admissible and consistent on every reachable state of random small problems', () => {
    fc.assert(
      fc.property(arbCase, ({ graph, req }) => {
        let prepared;
        try {
          prepared = preparePlan(graph, req);
        } catch (e) {
          if (e instanceof UserError && e.code === 'NO_PATH') return;
          throw e;
        }
        const { problem: p, heuristic: h } = prepared;
        const stamp = new Int32Array(p.actions.length).fill(-1);
        let round = 0;
        const memo = new Map<string, number>();
        // Exact remaining cost by exhaustive search; checks consistency on every edge on the way.
        const exact = (bits: Bits): number => {
          if (isGoal(p, bits)) return 0;
          const key = stateKey(bits);
          const hit = memo.get(key);
          if (hit !== undefined) return hit;
          let best = Infinity;
          const hk = hOf(p, h, bits);
          for (const a of candidateActions(p, bits, stamp, ++round)) {
            const child = bits.slice();
            if (applyAction(p, child, a).length === 0) continue;
            const cost = p.actions[a]!.cost;
            expect(hk).toBeLessThanOrEqual(cost + hOf(p, h, child) + 1e-9);
            best = Math.min(best, cost + exact(child));
          }
          expect(hk).toBeLessThanOrEqual(best + 1e-9);
          memo.set(key, best);
          return best;
        };
        exact(new Uint32Array(p.words));
      }),
      { seed: 99, numRuns: 400 },
    );
  });
});
