/**
 * Search over knowledge states (see {@link PlanProblem}): best-first with
 * priority f(K) = g(K) + w·h(K), where g is the cost paid so far.
 *
 * - w = 1 is A*: with the consistent h of heuristic.ts the first goal state
 *   popped is optimal, and the smallest f still open is a lower bound on the
 *   optimal cost C* (used to bound whatever a later phase finds).
 * - w > 1 is weighted A*: with a consistent h and no re-expansions the plan
 *   it returns costs at most w·C* (Likhachev, Gordon & Thrun 2003).
 * - h = 0 is Dijkstra.
 *
 * Both stop after `maxExpansions` expansions (or when `outOfTime` says so)
 * and report "budget"; {@link greedyDive} then always finishes, in at most
 * |R| steps.
 */
import { applyAction, candidateActions, isGoal, stateKey, type Bits } from './knowledge-state.ts';
import type { Heuristic } from './heuristic.ts';
import { OpenList } from './open-list.ts';
import type { PlanProblem } from './plan-problem.ts';

/** One step of a found path: the action taken and the concepts it taught there. */
export interface PathStep {
  action: number;
  learned: number[];
}

export interface SearchOptions {
  /** f = g + weight·h; 1 for A*. */
  weight: number;
  maxExpansions: number;
  /** Checked every 256 expansions; the caller owns the clock. */
  outOfTime?: () => boolean;
}

export type SearchOutcome =
  | { status: 'found'; path: PathStep[]; cost: number; expanded: number; lowerBound: number }
  | { status: 'budget'; expanded: number; lowerBound: number };

export function bestFirst(p: PlanProblem, h: Heuristic, opts: SearchOptions): SearchOutcome {
  const w = opts.weight;
  const bitsOf: Bits[] = [];
  const g: number[] = [];
  const hv: number[] = [];
  const sums: number[] = [];
  const parent: number[] = [];
  const via: number[] = [];
  const learnedAt: number[][] = [];
  const closed: boolean[] = [];
  const byKey = new Map<string, number>();
  const open = new OpenList();
  const stamp = new Int32Array(p.actions.length).fill(-1);

  const start = new Uint32Array(p.words);
  const addNode = (bits: Bits, cost: number, sum: number, from: number, action: number, learned: number[]) => {
    const id = bitsOf.length;
    const hk = h.value(bits, sum);
    bitsOf.push(bits);
    g.push(cost);
    hv.push(hk);
    sums.push(sum);
    parent.push(from);
    via.push(action);
    learnedAt.push(learned);
    closed.push(false);
    byKey.set(stateKey(bits), id);
    open.push(cost + w * hk, cost, id);
  };
  addNode(start, 0, h.startSum, -1, -1, []);

  let expanded = 0;
  // Largest unweighted f popped so far: a lower bound on C* when w = 1.
  let bound = hv[0]!;
  for (;;) {
    const top = open.pop();
    if (!top) return { status: 'budget', expanded, lowerBound: bound };
    const n = top.node;
    if (closed[n] || top.g > g[n]!) continue; // stale entry: the state was reached more cheaply since
    if (w === 1) bound = Math.max(bound, g[n]! + hv[n]!);
    if (isGoal(p, bitsOf[n]!)) return { status: 'found', path: pathTo(n, parent, via, learnedAt), cost: g[n]!, expanded, lowerBound: bound };
    if (expanded >= opts.maxExpansions || (expanded % 256 === 255 && opts.outOfTime?.())) {
      return { status: 'budget', expanded, lowerBound: bound };
    }
    closed[n] = true;
    expanded++;

    const bits = bitsOf[n]!;
    for (const a of candidateActions(p, bits, stamp, expanded)) {
      const child = bits.slice();
      const learned = applyAction(p, child, a);
      if (learned.length === 0) continue;
      const cost = g[n]! + p.actions[a]!.cost;
      const seen = byKey.get(stateKey(child));
      if (seen === undefined) {
        addNode(child, cost, sums[n]! - h.sumDrop(learned), n, a, learned);
      } else if (!closed[seen] && cost < g[seen]!) {
        g[seen] = cost;
        parent[seen] = n;
        via[seen] = a;
        learnedAt[seen] = learned;
        open.push(cost + w * hv[seen]!, cost, seen);
      }
    }
  }
}

function pathTo(n: number, parent: number[], via: number[], learnedAt: number[][]): PathStep[] {
  const out: PathStep[] = [];
  for (let at = n; parent[at]! >= 0; at = parent[at]!) out.push({ action: via[at]!, learned: learnedAt[at]! });
  return out.reverse();
}

/**
 * Always finishes: from the start, repeatedly take the action with the least
 * cost(a) + h(after a) (ties: the one teaching more). Every step learns at
 * least one concept and everything in R is reachable, so it reaches the goal
 * in at most |R| steps. No a-priori bound; the planner bounds it afterwards
 * against the lower bound from the A* phase.
 */
export function greedyDive(p: PlanProblem, h: Heuristic): { path: PathStep[]; cost: number } {
  const bits = new Uint32Array(p.words);
  const stamp = new Int32Array(p.actions.length).fill(-1);
  let sum = h.startSum;
  let cost = 0;
  const path: PathStep[] = [];
  for (let round = 0; !isGoal(p, bits); round++) {
    let best: { a: number; score: number; learned: number[]; child: Bits } | undefined;
    for (const a of candidateActions(p, bits, stamp, round)) {
      const child = bits.slice();
      const learned = applyAction(p, child, a);
      if (learned.length === 0) continue;
      const score = p.actions[a]!.cost + h.value(child, sum - h.sumDrop(learned));
      if (!best || score < best.score || (score === best.score && learned.length > best.learned.length)) best = { a, score, learned, child };
    }
    // Unreachable while R only holds reachable concepts; guards against an infinite loop if that ever breaks.
    if (!best) throw new Error('planner: no applicable resource before reaching the goal');
    bits.set(best.child);
    sum -= h.sumDrop(best.learned);
    cost += p.actions[best.a]!.cost;
    path.push({ action: best.a, learned: best.learned });
  }
  return { path, cost };
}
