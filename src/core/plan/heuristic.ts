/**
 * A lower bound h(K) on what is left to pay from state K, for A*.
 *
 * Shares. Give every concept c of R a share s(c) ≥ 0 such that no resource
 * is worth less than the shares of the concepts it teaches:
 *
 *   Σ_{c ∈ teaches(r) ∩ R} s(c) ≤ cost(r)        for every usable r.       (1)
 *
 * One take of r then costs at least the shares of what it learns, so any set
 * S of concepts a plan is sure to learn costs at least Σ_{c∈S} s(c). (1) is
 * the dual of fractional set cover; we fill it by "water-filling": raise the
 * shares of all mandatory concepts together from 0 and freeze each concept
 * when a resource teaching it becomes tight under (1); then do the same for
 * the other concepts with what capacity is left. A concept taught only by
 * single-concept resources ends at its cheapest one, and a resource r
 * teaching a and b, each also taught alone, leaves
 * s(a) + s(b) = min(single(a) + single(b), cost(r)), the exact cost of that
 * pair (an equal split cost(r)/2 would be weaker).
 *
 * Mandatory part. Every plan learns N₀ (see {@link PlanProblem}), and in
 * any state K the search reaches, what is still mandatory is exactly N₀ \ K
 * (a concept is learned only after its prerequisites, so learning never skips
 * one):  h₀(K) = Σ_{c ∈ N₀ \ K} s(c).
 *
 * "Any one of" groups. For a group G of a mandatory concept with no member in
 * N₀, the plan must learn some member m and, before it, its chain M(m) (m and
 * its "all of" prerequisites outside N₀):  v_G(K) = min_{m∈G} Σ_{c ∈ M(m) \ K} s(c),
 * counted while G is open (owner and every member still unknown). Chains lie
 * outside N₀, so they never share a concept with h₀. Groups may share chain
 * concepts, so summing v_G could count a concept twice. Three ways around it,
 * and h takes the largest:
 *   - the largest single v_G;
 *   - the sum over a fixed family F of groups whose chains are pairwise
 *     disjoint (picked greedily, largest first);
 *   - the sum over all open groups of v′_G, where each chain concept's share
 *     is split between the k(c) groups whose chains contain it:
 *     v′_G(K) = min_{m∈G} Σ_{c ∈ M(m) \ K} s(c)/k(c), so no concept is paid twice.
 *
 *   h(K) = h₀(K) + max( max_G v_G(K),  Σ_{G ∈ F} v_G(K),  Σ_G v′_G(K) )   (open G only)
 *
 * Admissible: every term counts distinct concepts every completion must learn,
 * each at most at its share. Consistent: a step from K to K′ lowers h₀ by the
 * shares of the N₀ concepts it learns, and each v_G only by the shares of
 * concepts it learns in G's chains (a group closes only when the step learns a
 * member m together with all of M(m) \ K); with F's chains disjoint, and with
 * each concept's share split k(c) ways in the third sum, every group term falls
 * by at most the shares learned outside N₀. So h(K) − h(K′) ≤ the
 * shares of all it learns ≤ its cost by (1). With a consistent h, A* never
 * reopens a state and the first goal it pops is optimal.
 */
import { hasBit, type Bits } from './knowledge-state.ts';
import type { PlanProblem } from './plan-problem.ts';

export interface Heuristic {
  /** h₀ of the empty state (Σ shares over N₀). */
  readonly startSum: number;
  /** How much h₀ falls when the first `count` of these concepts are learned. */
  sumDrop(learned: ArrayLike<number>, count: number): number;
  /** h(K), given h₀(K). */
  value(bits: Bits, sum: number): number;
}

/** h = 0: turns A* into Dijkstra (for comparison in the benchmark). */
export const ZERO_HEURISTIC: Heuristic = { startSum: 0, sumDrop: () => 0, value: () => 0 };

interface OpenGroup {
  owner: number;
  members: Int32Array;
  /** Per member: M(m). */
  chains: Int32Array[];
}

export function admissibleHeuristic(p: PlanProblem): Heuristic {
  const n = p.ids.length;
  const inN0 = p.mandatory;
  const share = new Float64Array(n);
  waterFill(p, share, (c) => inN0[c] === 1);
  waterFill(p, share, (c) => inN0[c] === 0);
  let startSum = 0;
  for (let c = 0; c < n; c++) if (inN0[c]) startSum += share[c]!;

  const groups = openGroups(p);
  // k(c): in how many groups' chains c appears; split[c] = s(c) / k(c).
  const users = new Float64Array(n);
  for (const g of groups) for (const c of new Set(g.chains.flatMap((ch) => [...ch]))) users[c]!++;
  const split = share.map((s, c) => (users[c]! > 0 ? s / users[c]! : s));
  /** v_G in the empty state, to pick the family. */
  const startValue = (g: OpenGroup) => Math.min(...g.chains.map((chain) => chain.reduce((t, c) => t + share[c]!, 0)));
  // The disjoint family F, largest groups first.
  const family = new Uint8Array(groups.length);
  const taken = new Set<number>();
  groups
    .map((g, i) => ({ i, v: startValue(g), concepts: [...new Set(g.chains.flatMap((ch) => [...ch]))] }))
    .sort((a, b) => b.v - a.v || a.i - b.i)
    .forEach(({ i, concepts }) => {
      if (concepts.some((c) => taken.has(c))) return;
      for (const c of concepts) taken.add(c);
      family[i] = 1;
    });

  return {
    startSum,
    sumDrop(learned, count) {
      let d = 0;
      for (let i = 0; i < count; i++) if (inN0[learned[i]!]) d += share[learned[i]!]!;
      return d;
    },
    value(bits, sum) {
      let familySum = 0;
      let largest = 0;
      let splitSum = 0;
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i]!;
        if (!isOpen(g, bits)) continue;
        // v_G and v′_G in one pass over the member chains.
        let v = Infinity;
        let vSplit = Infinity;
        for (const chain of g.chains) {
          let s = 0;
          let t = 0;
          for (const c of chain) {
            if (hasBit(bits, c)) continue;
            s += share[c]!;
            t += split[c]!;
          }
          if (s < v) v = s;
          if (t < vSplit) vSplit = t;
        }
        if (family[i]) familySum += v;
        if (v > largest) largest = v;
        splitSum += vSplit;
      }
      // h₀ is kept by subtraction; clamp the rounding error at the goal.
      return Math.max(0, sum) + Math.max(familySum, largest, splitSum);
    },
  };
}

function isOpen(g: OpenGroup, bits: Bits): boolean {
  if (hasBit(bits, g.owner)) return false;
  for (const m of g.members) if (hasBit(bits, m)) return false;
  return true;
}

/**
 * Raises the shares of the concepts `inPhase` selects together from 0, freezing
 * each when some resource teaching it becomes tight under (1), given the shares
 * already set for the others. Levels only rise, so (1) holds throughout.
 */
function waterFill(p: PlanProblem, share: Float64Array, inPhase: (c: number) => boolean): void {
  const m = p.actions.length;
  const fixed = new Float64Array(m);
  const open = new Int32Array(m);
  const frozen = new Uint8Array(p.ids.length);
  p.actions.forEach((a, i) => {
    for (const c of a.teaches) {
      if (inPhase(c)) open[i]!++;
      else fixed[i]! += share[c]!;
    }
  });
  let level = 0;
  for (;;) {
    let next = -1;
    let tight = Infinity;
    for (let i = 0; i < m; i++) {
      if (open[i] === 0) continue;
      const t = Math.max(0, p.actions[i]!.cost - fixed[i]!) / open[i]!;
      if (t < tight) {
        tight = t;
        next = i;
      }
    }
    if (next < 0) return;
    level = Math.max(level, tight);
    for (const c of p.actions[next]!.teaches) {
      if (!inPhase(c) || frozen[c]) continue;
      frozen[c] = 1;
      share[c] = level;
      for (const a of p.actionsByConcept[c]!) {
        open[a]!--;
        fixed[a]! += level;
      }
    }
  }
}

/** Groups of mandatory concepts with no member in N₀ (a member in N₀ is learned anyway). */
function openGroups(p: PlanProblem): OpenGroup[] {
  const chainOf = (m: number): Int32Array => {
    const out: number[] = [];
    const seen = new Set<number>();
    const stack = [m];
    while (stack.length > 0) {
      const c = stack.pop()!;
      if (seen.has(c) || p.mandatory[c]) continue;
      seen.add(c);
      out.push(c);
      stack.push(...p.requires[c]!);
    }
    return Int32Array.from(out);
  };
  const groups: OpenGroup[] = [];
  p.ids.forEach((_, owner) => {
    if (!p.mandatory[owner]) return;
    for (const g of p.groups[owner]!) {
      if (g.some((m) => p.mandatory[m] === 1)) continue;
      groups.push({ owner, members: g, chains: Array.from(g, chainOf) });
    }
  });
  return groups;
}
