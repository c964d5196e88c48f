/**
 * Operations on one search state: the bitset K of concepts learned so far
 * (see {@link PlanProblem} for what learnable and "take a resource" mean).
 * Hot path of the search: results go into caller-owned scratch buffers
 * instead of fresh arrays.
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
 * Takes action `a` in place: sets the concepts it teaches that are learnable
 * by then, writes them to `out` and returns how many. One pass suffices
 * because `teaches` is in prerequisite order.
 */
export function applyAction(p: PlanProblem, bits: Bits, a: number, out: Int32Array): number {
  let k = 0;
  for (const c of p.actions[a]!.teaches) {
    if (!hasBit(bits, c) && isLearnable(p, bits, c)) {
      setBit(bits, c);
      out[k++] = c;
    }
  }
  return k;
}

/**
 * Learns, in place, every forced concept that is learnable now, each with its
 * cheapest resource (see {@link PlanProblem}), following chains of forced
 * concepts. Only dependents of the first `seedCount` entries of `seeds` can
 * have become learnable; with `seeds` null (the start state) every forced
 * concept is tried. Writes the concepts learned to `out` (each after its
 * prerequisites) and returns how many; `queue` is scratch space.
 */
export function applyForced(p: PlanProblem, bits: Bits, seeds: Int32Array | null, seedCount: number, out: Int32Array, queue: number[]): number {
  queue.length = 0;
  if (seeds === null) for (const f of p.forced) queue.push(f.concept);
  else for (let i = 0; i < seedCount; i++) pushForcedDependents(p, bits, seeds[i]!, queue);
  let k = 0;
  for (let i = 0; i < queue.length; i++) {
    const c = queue[i]!;
    if (hasBit(bits, c) || !isLearnable(p, bits, c)) continue;
    setBit(bits, c);
    out[k++] = c;
    pushForcedDependents(p, bits, c, queue);
  }
  return k;
}

function pushForcedDependents(p: PlanProblem, bits: Bits, c: number, queue: number[]): void {
  for (const d of p.dependents[c]!) if (p.forcedAction[d]! >= 0 && !hasBit(bits, d)) queue.push(d);
}

export function isGoal(p: PlanProblem, bits: Bits): boolean {
  for (const t of p.targets) if (!hasBit(bits, t)) return false;
  return true;
}

/**
 * Marks in `out` the concepts still worth learning in K: walking back from the
 * unknown targets through unknown concepts, following "all of" prerequisites
 * and the members of "any one of" groups that no known member satisfies yet.
 * Anything else can no longer matter (it is no prerequisite of anything still
 * needed), so a step that teaches only such concepts is pure waste.
 */
export function markRelevant(p: PlanProblem, bits: Bits, out: Uint8Array, stack: number[]): void {
  out.fill(0);
  stack.length = 0;
  for (const t of p.targets) if (!hasBit(bits, t)) stack.push(t);
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (out[c]) continue;
    out[c] = 1;
    for (const q of p.requires[c]!) if (!hasBit(bits, q)) stack.push(q);
    for (const g of p.groups[c]!) {
      let met = false;
      for (const m of g) if (hasBit(bits, m)) met = true;
      if (!met) for (const m of g) stack.push(m);
    }
  }
}

/**
 * The actions worth taking in K: those teaching a concept that is learnable
 * now and still relevant ({@link markRelevant}). Each of them learns that
 * concept (it is learnable in K itself), and any action that teaches nothing
 * relevant is waste, so no optimal plan is lost. Written to `out` in a fixed
 * order (by concept, then action); `stamp` is scratch space of one slot per action, `round`
 * must differ between calls, and `relevant`/`stack` are scratch space too.
 */
export function candidateActions(
  p: PlanProblem,
  bits: Bits,
  scratch: { stamp: Int32Array; round: number; relevant: Uint8Array; stack: number[] },
  out: number[],
): number[] {
  out.length = 0;
  // Without open groups every unknown concept of R stays relevant (it is learned only after
  // its prerequisites, so its path to a target is still unknown): no need to walk.
  const walk = p.hasGroups;
  if (walk) markRelevant(p, bits, scratch.relevant, scratch.stack);
  for (let c = 0; c < p.ids.length; c++) {
    if ((walk && !scratch.relevant[c]) || hasBit(bits, c) || !isLearnable(p, bits, c)) continue;
    for (const a of p.actionsByConcept[c]!) {
      if (scratch.stamp[a] !== scratch.round) {
        scratch.stamp[a] = scratch.round;
        out.push(a);
      }
    }
  }
  return out;
}

/** Scratch space for {@link candidateActions}; bump `round` before each call. */
export function candidateScratch(p: PlanProblem) {
  return { stamp: new Int32Array(p.actions.length).fill(-1), round: 0, relevant: new Uint8Array(p.ids.length), stack: [] as number[] };
}

/** A compact string key for a state (two UTF-16 units per word); for tests and tools, not the hot path. */
export function stateKey(bits: Bits): string {
  let s = '';
  for (const w of bits) s += String.fromCharCode(w & 0xffff, w >>> 16);
  return s;
}
