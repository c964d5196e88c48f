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
 *
 * Every transition is a macro: the chosen resource, then every forced concept
 * that became learnable (see {@link PlanProblem}), each with its cheapest
 * resource; the start state gets its forced concepts the same way.
 */
import { applyAction, applyForced, candidateActions, candidateScratch, isGoal, type Bits } from './knowledge-state.ts';
import type { Heuristic } from './heuristic.ts';
import { OpenList } from './open-list.ts';
import type { PlanProblem } from './plan-problem.ts';
import { StateStore } from './state-store.ts';

/** One step of a found path: the action taken and the concepts it taught there. */
export interface PathStep {
  action: number;
  learned: number[];
}

export interface SearchOptions {
  /** f = g + weight·h; 1 for A*. */
  weight: number;
  maxExpansions: number;
  /** Cost of a plan already in hand: states with g + h ≥ this are dropped, since they cannot lead to a cheaper plan. */
  upperBound?: number;
  /** Checked before the first expansion and every 256 after; the caller owns the clock. */
  outOfTime?: () => boolean;
}

/**
 * found: a goal state (optimal when weight = 1); budget: stopped by
 * maxExpansions or the clock; exhausted: nothing left to expand, so no plan
 * costs less than `upperBound` (everything is reachable, so without an upper
 * bound this does not happen).
 */
export type SearchOutcome =
  | { status: 'found'; path: PathStep[]; cost: number; expanded: number; lowerBound: number }
  | { status: 'budget' | 'exhausted'; expanded: number; lowerBound: number };

export function bestFirst(p: PlanProblem, h: Heuristic, opts: SearchOptions): SearchOutcome {
  const w = opts.weight;
  const store = new StateStore(p.words);
  const open = new OpenList();
  const step = new Stepper(p, h);
  const scratch = candidateScratch(p);
  const candidates: number[] = [];
  const cur = new Uint32Array(p.words);
  const next = new Uint32Array(p.words);

  // Prune at the upper bound less a relative 1e-12, so a plan equal to it in all but rounding is not searched for again.
  const limit = (opts.upperBound ?? Infinity) * (1 - 1e-12);
  const startCost = step.take(next, -1);
  const startSum = h.startSum - step.drop;
  const startH = h.value(next, startSum);
  if (startCost + startH < limit) open.push(startCost + w * startH, startCost, store.add(next, startCost, startH, startSum, -1, -1));

  let expanded = 0;
  // Largest unweighted f popped so far: a lower bound on C* when w = 1 (f never falls with a consistent h).
  let bound = startCost + startH;
  for (;;) {
    const top = open.pop();
    if (!top) return { status: 'exhausted', expanded, lowerBound: bound };
    const n = top.node;
    if (store.closed[n] || top.g > store.g[n]!) continue; // stale entry: the state was reached more cheaply since
    store.copyTo(n, cur);
    if (w === 1) bound = Math.max(bound, store.g[n]! + store.h[n]!);
    if (isGoal(p, cur)) return { status: 'found', path: replay(p, h, actionsTo(store, n)), cost: store.g[n]!, expanded, lowerBound: bound };
    if (expanded >= opts.maxExpansions || ((expanded & 255) === 0 && opts.outOfTime?.())) {
      return { status: 'budget', expanded, lowerBound: bound };
    }
    store.closed[n] = 1;
    expanded++;

    const g = store.g[n]!;
    const sum = store.sum[n]!;
    scratch.round++;
    for (const a of candidateActions(p, cur, scratch, candidates)) {
      next.set(cur);
      const added = step.take(next, a);
      if (added < 0) continue;
      const cost = g + added;
      const seen = store.find(next);
      if (seen < 0) {
        const childSum = sum - step.drop;
        const hk = h.value(next, childSum);
        if (cost + hk < limit) open.push(cost + w * hk, cost, store.add(next, cost, hk, childSum, n, a));
      } else if (!store.closed[seen] && cost < store.g[seen]! && cost + store.h[seen]! < limit) {
        store.g[seen] = cost;
        store.parent[seen] = n;
        store.via[seen] = a;
        open.push(cost + w * store.h[seen]!, cost, seen);
      }
    }
  }
}

/**
 * Always finishes: from the start, repeatedly take the action with the least
 * cost(a) + h(after a) (ties: the one teaching more). Every step learns at
 * least one concept and everything in R is reachable, so it reaches the goal
 * in at most |R| steps. No a-priori bound; the planner bounds it afterwards
 * against the lower bound from the A* phase.
 */
export function greedyDive(p: PlanProblem, h: Heuristic): { path: PathStep[]; cost: number } {
  const step = new Stepper(p, h);
  const scratch = candidateScratch(p);
  const candidates: number[] = [];
  const bits = new Uint32Array(p.words);
  const trial = new Uint32Array(p.words);
  let cost = step.take(bits, -1);
  let sum = h.startSum - step.drop;
  const chosen: number[] = [];
  while (!isGoal(p, bits)) {
    let best = -1;
    let bestScore = Infinity;
    let bestLearned = 0;
    scratch.round++;
    for (const a of candidateActions(p, bits, scratch, candidates)) {
      trial.set(bits);
      const added = step.take(trial, a);
      if (added < 0) continue;
      const score = added + h.value(trial, sum - step.drop);
      if (score < bestScore || (score === bestScore && step.count > bestLearned)) {
        best = a;
        bestScore = score;
        bestLearned = step.count;
      }
    }
    // Unreachable while R only holds reachable concepts; guards against an infinite loop if that ever breaks.
    if (best < 0) throw new Error('planner: no applicable resource before reaching the goal');
    cost += step.take(bits, best);
    sum -= step.drop;
    chosen.push(best);
  }
  return { path: replay(p, h, chosen), cost };
}

/**
 * The macro transition: take action `a` (none when a < 0, for the start
 * state), then learn every forced concept that became learnable, each with
 * its cheapest resource. Works in place on caller bits with its own scratch
 * buffers; after {@link take}, `drop` is how much h₀ fell and `count` how
 * many concepts were learned.
 */
class Stepper {
  drop = 0;
  count = 0;
  /** How many of the `count` concepts the action itself taught (the rest were forced). */
  private byAction = 0;
  private readonly learned: Int32Array;
  private readonly forced: Int32Array;
  private readonly queue: number[] = [];

  constructor(
    private readonly p: PlanProblem,
    private readonly h: Heuristic,
  ) {
    this.learned = new Int32Array(p.ids.length);
    this.forced = new Int32Array(p.ids.length);
  }

  /** The cost added, or -1 when `a` teaches nothing new (bits then unchanged). */
  take(bits: Bits, a: number): number {
    const { p, h } = this;
    let cost = 0;
    let k = 0;
    if (a >= 0) {
      k = applyAction(p, bits, a, this.learned);
      if (k === 0) return -1;
      cost += p.actions[a]!.cost;
    }
    const f = applyForced(p, bits, a >= 0 ? this.learned : null, k, this.forced, this.queue);
    for (let i = 0; i < f; i++) cost += p.actions[p.forcedAction[this.forced[i]!]!]!.cost;
    this.drop = h.sumDrop(this.learned, k) + h.sumDrop(this.forced, f);
    this.byAction = k;
    this.count = k + f;
    return cost;
  }

  /** Like {@link take}, also writing the steps (the action, then each forced one) to `out`. */
  record(bits: Bits, a: number, out: PathStep[]): void {
    if (this.take(bits, a) < 0) throw new Error('planner: replayed action teaches nothing');
    if (a >= 0) out.push({ action: a, learned: Array.from(this.learned.subarray(0, this.byAction)) });
    for (let i = 0; i < this.count - this.byAction; i++) out.push({ action: this.p.forcedAction[this.forced[i]!]!, learned: [this.forced[i]!] });
  }
}

/** The actions from the start to `n`, in order. */
function actionsTo(store: StateStore, n: number): number[] {
  const out: number[] = [];
  for (let at = n; store.parent[at]! >= 0; at = store.parent[at]!) out.push(store.via[at]!);
  return out.reverse();
}

/** Replays actions from the start (searches store only the action per state) to recover each step's concepts. */
function replay(p: PlanProblem, h: Heuristic, actions: readonly number[]): PathStep[] {
  const step = new Stepper(p, h);
  const bits = new Uint32Array(p.words);
  const out: PathStep[] = [];
  step.record(bits, -1, out);
  for (const a of actions) step.record(bits, a, out);
  return out;
}
