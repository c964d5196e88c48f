/**
 * Operations on one search state: the bitset K of concepts learned so far
 * (see {@link PlanProblem} for what learnable and "take a resource" mean).
 */
import type { PlanProblem } from './plan-problem.ts';

export type Bits = Uint32Array;

export function hasBit(bits: Bits, i: number): boolean {
  return ((bits[i >>> 5]! >>> (i & 31)) & 1) === 1;
}

export function setBit(bits: Bits, i: number): void {
  bits[i >>> 5]! |= 1 << (i & 31);
}

/** Every "all of" prerequisite known and every open "any one of" group with a known member. */
export function isLearnable(p: PlanProblem, bits: Bits, c: number): boolean {
  for (const q of p.requires[c]!) if (!hasBit(bits, q)) return false;
  for (const g of p.groups[c]!) {
    let met = false;
    for (const m of g) {
      if (hasBit(bits, m)) {
        met = true;
        break;
      }
    }
    if (!met) return false;
  }
  return true;
}

/**
 * Takes action `a` in place: sets and returns the concepts it teaches that are
 * learnable by then. One pass suffices because `teaches` is in prerequisite order.
 */
export function applyAction(p: PlanProblem, bits: Bits, a: number): number[] {
  const learned: number[] = [];
  for (const c of p.actions[a]!.teaches) {
    if (!hasBit(bits, c) && isLearnable(p, bits, c)) {
      setBit(bits, c);
      learned.push(c);
    }
  }
  return learned;
}

export function isGoal(p: PlanProblem, bits: Bits): boolean {
  for (const t of p.targets) if (!hasBit(bits, t)) return false;
  return true;
}

/**
 * The actions that teach at least one concept learnable now: exactly the
 * actions that apply, since whatever an action teaches first is learnable
 * in K itself. `stamp` is scratch space of one slot per action.
 */
export function candidateActions(p: PlanProblem, bits: Bits, stamp: Int32Array, round: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < p.ids.length; c++) {
    if (hasBit(bits, c) || !isLearnable(p, bits, c)) continue;
    for (const a of p.actionsByConcept[c]!) {
      if (stamp[a] !== round) {
        stamp[a] = round;
        out.push(a);
      }
    }
  }
  return out.sort((x, y) => x - y);
}

/** A compact string key for a state (two UTF-16 units per word). */
export function stateKey(bits: Bits): string {
  let s = '';
  for (const w of bits) s += String.fromCharCode(w & 0xffff, w >>> 16);
  return s;
}
