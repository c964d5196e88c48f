/**
 * A lower bound h(K) on what is left to pay from state K, for A*.
 *
 * Share of a concept: the least a plan can pay per concept when it learns c,
 *
 *   share(c) = min over resources r teaching c of  cost(r) / k(r),
 *
 * where k(r) is how many concepts still to plan r teaches. A take of r learns
 * at most k(r) of them, so cost(r) ≥ Σ share(c) over the concepts that take
 * learns. Hence any set S of concepts a plan is sure to learn costs at least
 * Σ_{c∈S} share(c).
 *
 * Mandatory set N₀: the targets and, recursively, their "all of"
 * prerequisites (within R). Every plan learns all of them. In any state K the
 * search reaches, what is still mandatory is exactly N₀ \ K (a concept is
 * learned only after its prerequisites, so learning never skips one).
 *
 * "Any one of" groups add one more term. For a group G of a concept in N₀
 * that has no member in N₀, the plan must learn some member m and, before it,
 * m's "all of" chain M(m) (m and its prerequisites outside N₀):
 *
 *   h(K) = Σ_{c ∈ N₀ \ K} share(c)
 *        + max over open groups G of  min_{m ∈ G} Σ_{c ∈ M(m) \ K} share(c)
 *
 * (max, not sum: two groups may share members; the chain concepts lie outside
 * N₀, so the two terms never count a concept twice). A group is open while
 * its owner is unknown and no member is known.
 *
 * Admissible: both terms count distinct concepts every completion must learn,
 * each at no more than its share. Consistent: a step taking r from K to K′
 * lowers the first term by the shares of the N₀ concepts it learns; the
 * second term falls only by the shares of concepts it learns outside N₀ (a
 * group closes only when r learns a member m and with it all of M(m) \ K), so
 * h(K) − h(K′) ≤ Σ shares of what r learns ≤ cost(r). With a consistent h, A*
 * never reopens a state and the first goal it pops is optimal.
 */
import { hasBit, type Bits } from './knowledge-state.ts';
import type { PlanProblem } from './plan-problem.ts';

export interface Heuristic {
  /** Σ share over N₀: the first term of h in the start state. */
  readonly startSum: number;
  /** How much the first term falls when these concepts are learned. */
  sumDrop(learned: readonly number[]): number;
  /** h(K), given the first term already computed for K. */
  value(bits: Bits, sum: number): number;
}

/** h = 0: turns A* into Dijkstra (for comparison in the benchmark). */
export const ZERO_HEURISTIC: Heuristic = { startSum: 0, sumDrop: () => 0, value: () => 0 };

interface OpenGroup {
  owner: number;
  members: Int32Array;
  /** Per member: M(m) (the member and its "all of" prerequisites outside N₀). */
  chains: Int32Array[];
}

export function admissibleHeuristic(p: PlanProblem): Heuristic {
  const n = p.ids.length;
  const share = new Float64Array(n).fill(Infinity);
  for (const a of p.actions) {
    const s = a.cost / a.teaches.length;
    for (const c of a.teaches) if (s < share[c]!) share[c] = s;
  }

  const inN0 = new Uint8Array(n);
  const todo = [...p.targets];
  while (todo.length > 0) {
    const c = todo.pop()!;
    if (inN0[c]) continue;
    inN0[c] = 1;
    todo.push(...p.requires[c]!);
  }
  let startSum = 0;
  for (let c = 0; c < n; c++) if (inN0[c]) startSum += share[c]!;

  const chainOf = (m: number): Int32Array => {
    const out: number[] = [];
    const seen = new Set<number>();
    const stack = [m];
    while (stack.length > 0) {
      const c = stack.pop()!;
      if (seen.has(c) || inN0[c]) continue;
      seen.add(c);
      out.push(c);
      stack.push(...p.requires[c]!);
    }
    return Int32Array.from(out);
  };
  const groups: OpenGroup[] = [];
  for (let owner = 0; owner < n; owner++) {
    if (!inN0[owner]) continue;
    for (const g of p.groups[owner]!) {
      // A member in N₀ will be learned anyway: the group costs nothing extra.
      if (g.some((m) => inN0[m] === 1)) continue;
      groups.push({ owner, members: g, chains: Array.from(g, chainOf) });
    }
  }

  return {
    startSum,
    sumDrop(learned) {
      let d = 0;
      for (const c of learned) if (inN0[c]) d += share[c]!;
      return d;
    },
    value(bits, sum) {
      let extra = 0;
      for (const g of groups) {
        if (hasBit(bits, g.owner) || g.members.some((m) => hasBit(bits, m))) continue;
        let best = Infinity;
        for (const chain of g.chains) {
          let s = 0;
          for (const c of chain) if (!hasBit(bits, c)) s += share[c]!;
          if (s < best) best = s;
        }
        if (best > extra) extra = best;
      }
      // The running sum is kept by subtraction; clamp the rounding error at the goal.
      return Math.max(0, sum) + extra;
    },
  };
}
