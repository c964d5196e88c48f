/**
 * The planning problem in the shape the search wants: only the concepts still
 * to learn, numbered in prerequisite order, with the resources that teach them.
 *
 * State: the set K of concepts learned so far among those still to plan (R),
 * a bitset over R. A concept c is *learnable* in K when each of its "all of"
 * prerequisites is known and each of its open "any one of" groups has a known
 * member ("known" = in K, or known before planning started).
 *
 * Action: take resource r. It teaches, in prerequisite order, every concept
 * of r in R that is learnable by then (so one resource can teach a concept and
 * the next concept that builds on it); it applies only when it teaches at
 * least one. A resource whose later part needs a prerequisite it does not
 * teach can be taken again once that prerequisite is known (and costs again).
 *
 * R is built from the goal's targets backwards, stopping at known concepts:
 * a known concept needs nothing before it, an "any one of" group with a known
 * member needs nothing, and concepts no usable resource can ever reach are
 * dropped (a target among them is a {@link UserError} naming what blocks it).
 *
 * Mandatory concepts N₀: the targets and, recursively, their "all of"
 * prerequisites. Every plan learns all of them.
 *
 * Forced concepts: mandatory concepts that every resource teaching them
 * teaches alone (no other concept of R). Some plan that is optimal takes the
 * cheapest of those resources as soon as the concept becomes learnable: in any
 * optimal plan, the take that teaches it teaches nothing else that counts and
 * costs at least as much; moving the cheapest one to the earliest point only
 * makes every later state a superset (taking a resource from a superset state
 * ends in a superset), so the rest of the plan still works, or some of its
 * steps become unnecessary and drop out. The search therefore learns forced
 * concepts eagerly and never branches on when to learn them, which removes
 * every reordering of them from the state space.
 */
import { UserError } from '../errors.ts';
import type { KnowledgeGraph, Resource } from '../graph/types.ts';

export interface PlanAction {
  resource: Resource;
  cost: number;
  /** Indices of the concepts in R it teaches, ascending (prerequisites first). */
  teaches: Int32Array;
}

export interface PlanProblem {
  /** Concept id per index; indices are in prerequisite order. */
  ids: string[];
  /** 32-bit words per state bitset. */
  words: number;
  /** Per concept: its "all of" prerequisites still to learn. */
  requires: Int32Array[];
  /** Per concept: its open "any one of" groups (members still to learn; no member known yet). */
  groups: Int32Array[][];
  /** Whether any concept has an open group. */
  hasGroups: boolean;
  actions: PlanAction[];
  /** Per concept: the actions that teach it. */
  actionsByConcept: Int32Array[];
  /** Targets still to learn. */
  targets: Int32Array;
  /** Known concepts the plan relies on: known targets, met prerequisites, members that satisfy a group. */
  reliedOn: string[];
  /** 1 for mandatory concepts (N₀). */
  mandatory: Uint8Array;
  /** Forced concepts with the cheapest action teaching each, in prerequisite order. */
  forced: { concept: number; action: number }[];
  /** Per concept: its cheapest action if it is forced, else -1. */
  forcedAction: Int32Array;
  /** Per concept: the concepts that list it as a prerequisite (directly or in a group). */
  dependents: Int32Array[];
}

export interface ProblemInput {
  targets: readonly string[];
  known: ReadonlySet<string>;
  /** False for excluded (and done) resources. */
  usable: (r: Resource) => boolean;
  costOf: (r: Resource) => number;
}

export function compileProblem(graph: KnowledgeGraph, input: ProblemInput): PlanProblem {
  const { known } = input;
  const usableFor = (id: string) => (graph.resourcesByConcept.get(id) ?? []).filter(input.usable);

  const first = collect(graph, input.targets, known, () => true);
  const order = topologicalOrder(graph, first.unknown);
  const reach = new Set<string>();
  for (const id of order) {
    const c = graph.concepts.get(id)!;
    const ok =
      usableFor(id).length > 0 &&
      c.requires.every((p) => known.has(p) || reach.has(p)) &&
      c.requiresAnyOf.every((g) => g.some((m) => known.has(m) || reach.has(m)));
    if (ok) reach.add(id);
  }
  for (const t of input.targets) {
    if (!known.has(t) && !reach.has(t)) throw noPath(graph, t, known, reach, usableFor);
  }

  const { unknown, reliedOn } = collect(graph, input.targets, known, (id) => reach.has(id));
  const ids = order.filter((id) => unknown.has(id));
  const index = new Map(ids.map((id, i) => [id, i]));
  const toIdx = (list: readonly string[]) => Int32Array.from(list.filter((id) => index.has(id)).map((id) => index.get(id)!));

  const requires = ids.map((id) => toIdx(graph.concepts.get(id)!.requires));
  const groups = ids.map((id) =>
    graph.concepts
      .get(id)!
      .requiresAnyOf.filter((g) => !g.some((m) => known.has(m)))
      .map((g) => toIdx(g)),
  );

  const offered: PlanAction[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    for (const r of usableFor(id)) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      offered.push({ resource: r, cost: input.costOf(r), teaches: toIdx([...new Set(r.teaches)]).sort() });
    }
  }
  const actions = undominated(offered, ids.length);
  const byConcept: number[][] = ids.map(() => []);
  actions.forEach((a, i) => {
    for (const c of a.teaches) byConcept[c]!.push(i);
  });
  const dependents: number[][] = ids.map(() => []);
  ids.forEach((_, d) => {
    for (const c of new Set([...requires[d]!, ...groups[d]!.flatMap((g) => [...g])])) dependents[c]!.push(d);
  });

  const targetIdx = toIdx([...new Set(input.targets)]);
  const mandatory = new Uint8Array(ids.length);
  const todo = [...targetIdx];
  while (todo.length > 0) {
    const c = todo.pop()!;
    if (mandatory[c]) continue;
    mandatory[c] = 1;
    todo.push(...requires[c]!);
  }
  const forced: { concept: number; action: number }[] = [];
  const forcedAction = new Int32Array(ids.length).fill(-1);
  byConcept.forEach((list, c) => {
    if (!mandatory[c] || list.some((a) => actions[a]!.teaches.length > 1)) return;
    const action = list.reduce((best, a) => (actions[a]!.cost < actions[best]!.cost ? a : best), list[0]!);
    forced.push({ concept: c, action });
    forcedAction[c] = action;
  });

  return {
    ids,
    words: Math.max(1, Math.ceil(ids.length / 32)),
    requires,
    groups,
    hasGroups: groups.some((g) => g.length > 0),
    actions,
    actionsByConcept: byConcept.map((a) => Int32Array.from(a)),
    targets: targetIdx,
    reliedOn: [...reliedOn],
    mandatory,
    forced,
    forcedAction,
    dependents: dependents.map((d) => Int32Array.from(d)),
  };
}

/**
 * Drops every action another one dominates: b dominates a when it teaches
 * every concept a teaches (within R) for no more (ties: the earlier one
 * stays). Taking b instead of a ends in a superset state for no more cost,
 * so no optimal plan needs a; the search branches less.
 */
function undominated(actions: readonly PlanAction[], n: number): PlanAction[] {
  const byConcept: number[][] = Array.from({ length: n }, () => []);
  actions.forEach((a, i) => {
    for (const c of a.teaches) byConcept[c]!.push(i);
  });
  const covers = (b: PlanAction, a: PlanAction) => a.teaches.every((c) => b.teaches.includes(c));
  return actions.filter((a, i) =>
    byConcept[a.teaches[0]!]!.every((j) => {
      if (j === i) return true;
      const b = actions[j]!;
      if (!covers(b, a) || b.cost > a.cost) return true;
      // b covers a for no more: a goes, unless a is the earlier of two equal ones.
      return b.cost === a.cost && b.teaches.length === a.teaches.length && i < j;
    }),
  );
}

/**
 * Walks back from the targets through unknown concepts. An "any one of" group
 * with a known member is satisfied and not walked; `ok` drops concepts that
 * cannot be reached.
 */
function collect(graph: KnowledgeGraph, targets: readonly string[], known: ReadonlySet<string>, ok: (id: string) => boolean) {
  const unknown = new Set<string>();
  const reliedOn = new Set<string>();
  const todo: string[] = [];
  const visit = (id: string) => {
    if (known.has(id)) reliedOn.add(id);
    else if (!unknown.has(id) && ok(id) && graph.concepts.has(id)) {
      unknown.add(id);
      todo.push(id);
    }
  };
  for (const t of targets) visit(t);
  while (todo.length > 0) {
    const c = graph.concepts.get(todo.pop()!)!;
    for (const p of c.requires) visit(p);
    for (const g of c.requiresAnyOf) {
      const knownMembers = g.filter((m) => known.has(m));
      if (knownMembers.length > 0) for (const m of knownMembers) reliedOn.add(m);
      else for (const m of g) visit(m);
    }
  }
  return { unknown, reliedOn };
}

/** The given concepts with every prerequisite (among them) before what needs it; iterative DFS post-order. */
function topologicalOrder(graph: KnowledgeGraph, ids: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const state = new Map<string, 1 | 2>();
  const prereqs = (id: string) => {
    const c = graph.concepts.get(id)!;
    return [...c.requires, ...c.requiresAnyOf.flat()].filter((p) => ids.has(p));
  };
  for (const root of ids) {
    if (state.has(root)) continue;
    const stack: { id: string; next: string[] }[] = [{ id: root, next: prereqs(root) }];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const p = top.next.pop();
      if (p === undefined) {
        state.set(top.id, 2);
        out.push(top.id);
        stack.pop();
      } else if (!state.has(p)) {
        state.set(p, 1);
        stack.push({ id: p, next: prereqs(p) });
      }
      // state 1 here would be a cycle; the graph builder rejects those.
    }
  }
  return out;
}

/**
 * No plan reaches `target`: `blocked` are the concepts on the way that the
 * usable resources cannot teach in full, and `setAside` the resources the
 * request excluded that teach one of them (bringing one back may make a
 * plan). The message names ids, for the command line; the coach words its
 * own reply from the fields.
 */
export class NoPathError extends UserError {
  constructor(
    readonly target: string,
    readonly blocked: readonly string[],
    readonly setAside: readonly string[],
    message: string,
  ) {
    super('NO_PATH', message);
    this.name = 'NoPathError';
  }
}

/** A target no usable resource can reach: name the concepts that block it (planner.ts words it with the exclusions). */
function noPath(
  graph: KnowledgeGraph,
  target: string,
  known: ReadonlySet<string>,
  reach: ReadonlySet<string>,
  usableFor: (id: string) => Resource[],
): NoPathError {
  const blocked: string[] = [];
  const seen = new Set<string>();
  const todo = [target];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id) || known.has(id) || reach.has(id)) continue;
    seen.add(id);
    const c = graph.concepts.get(id);
    if (!c) continue;
    if (usableFor(id).length === 0) blocked.push(id);
    todo.push(...c.requires);
    for (const g of c.requiresAnyOf) if (!g.some((m) => known.has(m) || reach.has(m))) todo.push(...g);
  }
  blocked.sort();
  const why = blocked.map((id) => ((graph.resourcesByConcept.get(id) ?? []).length === 0 ? `nothing teaches "${id}"` : `every resource for "${id}" is excluded`)).join('; ');
  return new NoPathError(target, blocked, [], `I can't plan a path to "${target}": ${why || 'its prerequisites cannot be reached'}.`);
}
