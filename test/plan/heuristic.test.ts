/**
 * The heuristic's two promises, checked directly: on every state reachable in
 * small random problems, h(K) never exceeds the true remaining cost
 * (admissible) and never drops by more than the step's cost (consistent).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { applyAction, candidateActions, candidateScratch, hasBit, isGoal, stateKey, type Bits } from '../../src/core/plan/knowledge-state.ts';
import type { Heuristic } from '../../src/core/plan/heuristic.ts';
import type { PlanProblem } from '../../src/core/plan/plan-problem.ts';
import { planPath, preparePlan } from '../../src/core/plan/planner.ts';
import { concept, graphOf, NO_PREFERENCES, resource } from './fixtures.ts';
import { arbCase } from './random-cases.ts';

const all = (p: PlanProblem, bits: Bits) => p.ids.map((_, i) => i).filter((i) => hasBit(bits, i));
const hOf = (p: PlanProblem, h: Heuristic, bits: Bits) => {
  const known = all(p, bits);
  return h.value(bits, h.startSum - h.sumDrop(known, known.length));
};

describe('admissible heuristic', () => {
  it('worked by hand: water-filled shares, the mandatory sum and a group term', () => {
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
    // N₀ = {a, b, g}. Water-filling raises s(a), s(b), s(g) together:
    //   level 7:  rg (s(g) ≤ 7) is tight first → s(g) = 7
    //   level 10: ra (s(a) ≤ 10) → s(a) = 10
    //   level 20: rab (s(a) + s(b) ≤ 30, with s(a) = 10) → s(b) = 20
    // so h₀ = 37, the exact cost of {a, b, g} (rab 30 + rg 7); an equal split of rab would give 10 + 15 + 7 = 32.
    expect(h.startSum).toBe(37);
    // Then x, y, z with what is left: s(x) = 50, s(y) = 5, s(z) = 8.
    // Group {x, y} (no member in N₀): min(s(x) = 50, s(y) + s(z) = 13) = 13.  h = 37 + 13 = 50.
    expect(h.value(new Uint32Array(p.words), h.startSum)).toBe(50);
    // Here h is exact: the optimum is rab 30 (a and b at once) + rz 8 + ry 5 + rg 7 = 50.
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
        const memo = new Map<string, number>();
        // Exact remaining cost by exhaustive search; checks consistency on every edge on the way.
        const exact = (bits: Bits): number => {
          if (isGoal(p, bits)) return 0;
          const key = stateKey(bits);
          const hit = memo.get(key);
          if (hit !== undefined) return hit;
          let best = Infinity;
          const hk = hOf(p, h, bits);
          // Fresh scratch per call: the recursion below would clobber shared buffers.
          for (const a of candidateActions(p, bits, candidateScratch(p), [])) {
            const child = bits.slice();
            if (applyAction(p, child, a, new Int32Array(p.ids.length)) === 0) continue;
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
