/**
 * The personal path planner: from what a learner knows to their goal, the
 * cheapest ordered list of resources (cost model in cost-model.ts, search in
 * search.ts, heuristic in heuristic.ts, reasons in explain.ts).
 *
 * Search in phases, each bounded by an expansion budget (and optionally a
 * time budget on the caller's clock), so the planner never hangs:
 *   1. Weighted A* with weight w (default 1.5) finds a plan of cost U ≤ w·C*
 *      fast; if it runs out of budget, weighted A* with 2w tries (h can fall
 *      short of C* by more than w where "any one of" groups nest deeply), and
 *      then a greedy dive, which always finishes.
 *   2. If U equals the lower bound LB = h(start), U is optimal: done.
 *   3. A* (`maxExpansions`, default 1 000) looks for a cheaper plan, dropping
 *      every state with g + h ≥ U. It either finds the optimum, or runs out of
 *      states (so U was optimal), or runs out of budget, leaving a better LB
 *      (the largest f it popped; f never falls with a consistent h).
 * `optimal` is true when proven, else the best proven factor min(w, U / LB)
 * (U / LB after a greedy dive). With weight 1 the planner skips phase 1 and
 * dives only if A* runs out. On large goals (hundreds of concepts with many
 * multi-concept resources) phase 3 rarely finishes: set-cover-like choices
 * leave a gap between h and C* that A* would have to close state by state.
 */
import { UserError } from '../errors.ts';
import { DEFAULT_MASTERY_THRESHOLD } from '../kt/bkt.ts';
import { RESOURCE_TYPES, type KnowledgeGraph, type Resource, type ResourceType } from '../graph/types.ts';
import { learnerLevel, resolveWeights, resourceCost, type CostContext, type CostWeights } from './cost-model.ts';
import { explainSteps } from './explain.ts';
import { resolveGoalTargets, unknownIdsMessage } from './goal-targets.ts';
import { admissibleHeuristic, ZERO_HEURISTIC, type Heuristic } from './heuristic.ts';
import { compileProblem, NoPathError, type PlanProblem } from './plan-problem.ts';
import { coverageOf, HOST_LANGUAGES, planningView, SAME_LANGUAGE } from './coverage.ts';
import { partOrder, phaseRanks, teachingOrder, unitOrder, type PlanPart } from './teaching-order.ts';
import { bestFirst, greedyDive, type PathStep } from './search.ts';

export interface PlanPreferences {
  preferredFormats: ResourceType[];
  avoidedFormats: ResourceType[];
  minutesPerDay: number;
}

export interface PlanRequest {
  /** Goal ids or concept ids. */
  goals: string[];
  /** P(L) per concept; missing = not known. */
  mastery: Readonly<Record<string, number>>;
  /** Default 0.95. */
  masteryThreshold?: number;
  preferences: PlanPreferences;
  /** Resources the learner set aside ("this one is not working for me"). */
  excludeResources?: string[];
  /** Resource ids already completed: their concepts count as known and they are reported as done steps. */
  done?: string[];
  weights?: Partial<CostWeights>;
  /** The cohort factor by resource id from the workspace's evidence (cost-model.ts k(r)); absent: 1. */
  cohort?: Readonly<Record<string, number>>;
  /** The learner's level 1…5 for the difficulty term; default: read from what they know ({@link learnerLevel}). */
  learnerLevel?: number;
}

export interface PlanStep {
  resource: Resource;
  /** The concepts this step teaches (for a done step: everything the resource covers). */
  concepts: string[];
  minutes: number;
  cost: number;
  reason: string;
  done?: boolean;
}

export interface PlanResult {
  /** Done steps first (done: true), then the steps still to take, in order. */
  steps: PlanStep[];
  /** Concepts already mastered that the plan relies on instead of teaching. */
  skipped: string[];
  /** Cost, minutes and days of the steps still to take. */
  totalCost: number;
  totalMinutes: number;
  estimatedDays: number;
  /** true, or a proven factor: totalCost ≤ optimal × factor. */
  optimal: true | number;
  /** States expanded over all search phases. */
  expanded: number;
  /** Which phase produced the plan. */
  method: 'a*' | 'weighted-a*' | 'greedy';
}

export interface PlanOptions {
  /** Expansions A* may spend looking for (or proving) the optimum (default 1 000). */
  maxExpansions?: number;
  /** Weight w ≥ 1 of the first, bounded-suboptimal search (default 1.5); 1 skips it. */
  weight?: number;
  /** Expansions for each weighted search, w then 2w (default 5 000); past them, a greedy dive. */
  maxWeightedExpansions?: number;
  /** 'none' sets h = 0: A* becomes Dijkstra (for the benchmark's comparison; implies weight 1). */
  heuristic?: 'admissible' | 'none';
  /** Milliseconds elapsed on the caller's clock; with `timeBudgetMs` it bounds the search phases. */
  elapsedMs?: () => number;
  timeBudgetMs?: number;
}

export const DEFAULT_MAX_EXPANSIONS = 1_000;
export const DEFAULT_WEIGHT = 1.5;
export const DEFAULT_MAX_WEIGHTED_EXPANSIONS = 5_000;

/**
 * The request checked and compiled: the search problem, its heuristic and what
 * the explanations need. Exported for the heuristic's tests and the benchmark.
 */
export function preparePlan(graph: KnowledgeGraph, req: PlanRequest, options: Pick<PlanOptions, 'heuristic'> = {}, pick: ReadonlyMap<string, string> = new Map()) {
  const threshold = req.masteryThreshold ?? DEFAULT_MASTERY_THRESHOLD;
  const prefs = checkPreferences(req.preferences);
  if (!(threshold > 0 && threshold <= 1)) throw new UserError('INVALID_THRESHOLD', `The mastery threshold must be in (0, 1], got ${threshold}.`);
  const excluded = new Set(checkResourceIds(graph, req.excludeResources ?? []));
  const done = [...new Set(checkResourceIds(graph, req.done ?? []))];
  const { targets, askedBy } = resolveGoalTargets(graph, req.goals);

  const mastered = new Set(Object.entries(req.mastery).filter(([id, p]) => graph.concepts.has(id) && p >= threshold).map(([id]) => id));
  const known = new Set(mastered);
  // Done resources cover a concept only when their depths add up to a whole.
  for (const [c, share] of coverageOf(done.map((id) => graph.resources.get(id)!))) if (share >= 1 - 1e-9) known.add(c);

  const ctx: CostContext = {
    weights: resolveWeights(req.weights),
    level: req.learnerLevel ?? learnerLevel(graph, known),
    preferred: prefs.preferred,
    avoided: prefs.avoided,
    ...(req.cohort ? { cohort: req.cohort } : {}),
  };
  const doneSet = new Set(done);
  // Resources in another language than the goals work in are left out (a data goal never routes through JavaScript),
  // unless that leaves no path at all.
  // A concept reached through several languages (ORMs: Node.js or Python) works in the one the learner knows, or in `pick`'s;
  // the others' language concepts are then not learned (ORMs in JavaScript do not go through the Python tutorial).
  const knownLanguages = new Set([...known].map(languageOfConcept).filter((l): l is string => l !== undefined).map(sameLanguage));
  const languageChoices = new Map<string, string[]>();
  const chosen = (g: string): string[] => {
    const candidates = goalLanguages(graph, g);
    if (candidates.length < 2) return candidates;
    const picked = pick.get(g);
    if (picked) return [picked];
    const knownOnes = candidates.filter((l) => knownLanguages.has(sameLanguage(l)));
    if (knownOnes.length > 0) return knownOnes;
    languageChoices.set(g, candidates);
    return candidates;
  };
  const languages = new Set(req.goals.flatMap(chosen));
  const wanted = new Set([...languages].map(sameLanguage));
  const notTaken = new Set(req.goals.flatMap((g) => goalLanguages(graph, g)).map(sameLanguage).filter((l) => !wanted.has(l)));
  const baseUsable = (r: Resource) => !excluded.has(r.id) && !doneSet.has(r.id);
  const inLanguage = languageFilter(graph, languages, baseUsable, coverageOf(done.map((id) => graph.resources.get(id)!)), notTaken);
  const compile = (usableBase: (r: Resource) => boolean, bundleLanguages: ReadonlySet<string> = new Set()) => {
    const view = planningView(graph, done, usableBase, (r) => resourceCost(r, ctx), bundleLanguages);
    const usable = (r: Resource) => view.bundles.has(r.id) || usableBase(r);
    const problem = compileProblem(view.graph, { targets, known, usable, costOf: view.costOf });
    return { view, usable, problem };
  };
  let compiled: ReturnType<typeof compile>;
  let inLanguages = languages.size > 0;
  try {
    try {
      compiled = compile((r) => baseUsable(r) && inLanguage(r), wanted);
    } catch (err) {
      if (languages.size === 0 || !(err instanceof UserError && err.code === 'NO_PATH')) throw err;
      compiled = compile(baseUsable);
      inLanguages = false;
    }
  } catch (err) {
    throw err instanceof NoPathError ? withExclusions(graph, err, excluded, doneSet) : err;
  }
  const { view, usable, problem } = compiled;
  const heuristic = options.heuristic === 'none' ? ZERO_HEURISTIC : admissibleHeuristic(problem);
  return { problem, heuristic, ctx, prefs, excluded, done, mastered, askedBy, usable, view, languageChoices, inLanguages };
}

/**
 * Prepared and searched. A concept asked for alone that can be learned in
 * several languages, none known (ORMs: Node.js or Python), is planned in each
 * and the cheapest plan that stays in its language wins (ties: the language
 * first by name), so "learn orm" does not learn Python and then ORMs from
 * JavaScript resources. Only the first such goal is chosen so; the others
 * keep all their languages.
 */
function prepareAndSearch(graph: KnowledgeGraph, req: PlanRequest, options: PlanOptions) {
  const first = preparePlan(graph, req, options);
  const [choice] = first.languageChoices;
  if (choice) {
    const [goal, candidates] = choice;
    let best: { prepared: ReturnType<typeof preparePlan>; found: Found } | undefined;
    for (const language of [...candidates].sort()) {
      let prepared: ReturnType<typeof preparePlan>;
      try {
        prepared = preparePlan(graph, req, options, new Map([[goal, language]]));
      } catch (err) {
        if (err instanceof UserError && err.code === 'NO_PATH') continue;
        throw err;
      }
      if (!prepared.inLanguages) continue;
      const found = search(prepared.problem, prepared.heuristic, options);
      if (!best || found.cost < best.found.cost - 1e-9) best = { prepared, found };
    }
    if (best) return best;
  }
  return { prepared: first, found: search(first.problem, first.heuristic, options) };
}

/**
 * The planning view says "nothing teaches" a concept when no usable resource
 * covers it in full, alone or bundled; that is misleading when the graph has
 * resources for it that the request excluded (a learner reported a link
 * broken, or swapped a resource) or that are done. Reworded from the graph
 * itself: which resources were set aside, and that bringing one back may make
 * a plan.
 */
function withExclusions(graph: KnowledgeGraph, err: NoPathError, excluded: ReadonlySet<string>, done: ReadonlySet<string>): NoPathError {
  const setAside = [...new Set(err.blocked.flatMap((c) => (graph.resourcesByConcept.get(c) ?? []).filter((r) => excluded.has(r.id)).map((r) => r.id)))].sort();
  const why = err.blocked.map((c) => {
    const all = graph.resourcesByConcept.get(c) ?? [];
    if (all.length === 0) return `nothing teaches "${c}"`;
    const out = all.filter((r) => excluded.has(r.id));
    if (out.length === all.length) return `every resource for "${c}" is excluded`;
    const quoted = out.map((r) => `"${r.id}"`).join(', ');
    if (out.length > 0) return `the resources left for "${c}" do not cover it in full without the excluded ${quoted}`;
    return all.some((r) => done.has(r.id)) ? `the resources for "${c}" not yet done do not cover it in full` : `the resources for "${c}" do not cover it in full together`;
  });
  const bringBack = setAside.length > 0 ? ` Include ${setAside.length === 1 ? 'it' : 'one of them'} again to plan a path.` : '';
  return new NoPathError(err.target, err.blocked, setAside, `I can't plan a path to "${err.target}": ${why.join('; ') || 'its prerequisites cannot be reached'}.${bringBack}`);
}

export function planPath(graph: KnowledgeGraph, req: PlanRequest, options: PlanOptions = {}): PlanResult {
  const { prepared, found } = prepareAndSearch(graph, req, options);
  const { problem, ctx, prefs, excluded, done, mastered, askedBy, usable, view } = prepared;
  // Same steps, same cost; the order follows the goals' phases where prerequisites allow.
  const rank = phaseRanks(graph, req.goals);
  const path = teachingOrder(problem, found.path, rank);
  const reasons = explainSteps({ graph: view.graph, problem, askedBy, preferred: prefs.preferred, avoided: prefs.avoided, excluded, usable }, path);
  const parts = partOrder(problem, planParts(graph, problem, view.bundles, path), rank);
  const planned = describeParts(graph, problem, path, reasons, parts, (r) => resourceCost(r, ctx));
  const doneSteps: PlanStep[] = done.map((id) => {
    const resource = graph.resources.get(id)!;
    return { resource, concepts: [...resource.teaches], minutes: resource.minutes, cost: resourceCost(resource, ctx), reason: 'already done', done: true };
  });
  const totalMinutes = planned.reduce((m, s) => m + s.minutes, 0);
  return {
    steps: [...doneSteps, ...planned],
    skipped: problem.reliedOn.filter((id) => mastered.has(id)),
    totalCost: found.cost,
    totalMinutes,
    estimatedDays: totalMinutes === 0 ? 0 : Math.ceil(totalMinutes / prefs.minutesPerDay),
    optimal: found.optimal,
    expanded: found.expanded,
    method: found.method,
  };
}

/**
 * The steps as the resources a learner takes: a plain step is its resource, a
 * bundle its members in teaching order (teaching-order.ts `unitOrder`: what
 * each teaches first, its level, then its weight), each taken once even if two
 * bundles share it. Each member teaches the bundle's concepts it teaches
 * itself (a spreadsheet lesson in a pandas bundle teaches data cleaning, not
 * pandas).
 */
function planParts(graph: KnowledgeGraph, p: PlanProblem, bundles: ReadonlyMap<string, readonly Resource[]>, path: readonly PathStep[]): PlanPart[] {
  const parts: PlanPart[] = [];
  const listedAt = new Map<string, PlanPart & { alsoCovers: number[] }>();
  path.forEach((s, k) => {
    const resource = p.actions[s.action]!.resource;
    const members = bundles.get(resource.id);
    if (!members) {
      // A plain resource may come twice: back to it once what its later part builds on is known.
      const part = { step: k, resource: graph.resources.get(resource.id)!, teaches: s.learned, alsoCovers: [] };
      if (!listedAt.has(resource.id)) listedAt.set(resource.id, part);
      parts.push(part);
      return;
    }
    // `s.learned` is in prerequisite order (problem ids are).
    const unit = [...s.learned].sort((a, b) => a - b);
    for (const m of members) {
      const own = unit.filter((c) => m.teaches.includes(p.ids[c]!));
      const earlier = listedAt.get(m.id);
      if (earlier) earlier.alsoCovers.push(...own);
    }
    for (const m of unitOrder(members.filter((m) => !listedAt.has(m.id)), unit.map((c) => p.ids[c]!))) {
      const own = unit.filter((c) => m.teaches.includes(p.ids[c]!));
      const part = { step: k, resource: m, teaches: own.length > 0 ? own : unit, alsoCovers: [] };
      listedAt.set(m.id, part);
      parts.push(part);
    }
  });
  return parts;
}

/**
 * Plan steps from parts in their final order, with reasons: the step's reason
 * on the first of its parts, and for a bundle what its parts cover together
 * ("with the next step it covers …", or "with 2 later steps" when a section
 * comes in between; then "…, part 2 of 2").
 */
function describeParts(graph: KnowledgeGraph, p: PlanProblem, path: readonly PathStep[], reasons: readonly string[], parts: readonly PlanPart[], costOf: (r: Resource) => number): PlanStep[] {
  const ofStep = new Map<number, number[]>();
  parts.forEach((part, at) => ofStep.set(part.step, [...(ofStep.get(part.step) ?? []), at]));
  return parts.map((part, at) => {
    const { resource } = part;
    const concepts = part.teaches.map((c) => p.ids[c]!);
    const reason = reasons[part.step]!;
    const whole = p.actions[path[part.step]!.action]!.resource;
    if (whole.id === resource.id) return { resource, concepts, minutes: resource.minutes, cost: p.actions[path[part.step]!.action]!.cost, reason };
    const together = ofStep.get(part.step)!;
    const i = together.indexOf(at);
    const n = together.length;
    const covered = path[part.step]!.learned.map((c) => graph.concepts.get(p.ids[c]!)?.title ?? p.ids[c]!);
    const what = covered.length > 1 ? `${covered.slice(0, -1).join(', ')} and ${covered.at(-1)}` : covered[0]!;
    const others = n - 1 === 1 ? 'step' : `${n - 1} steps`;
    // The other parts right after this one, or later with another section's steps in between.
    const rest = together.every((x, k) => x === together[0]! + k) ? `the next ${others}` : n - 1 === 1 ? 'a later step' : `${n - 1} later steps`;
    const joint = n < 2 ? `it completes ${what}` : i === 0 ? `with ${rest} it covers ${what} in full` : `${what}, part ${i + 1} of ${n}`;
    // "covers A and B in one go" speaks for the bundle; a member that teaches only B would seem to claim A too, and "with the next step it covers …" says it for the bundle.
    const first = n < 2 ? reason : reason.split('; ').filter((r) => !/^covers .* in one go$/.test(r)).join('; ');
    return { resource, concepts, minutes: resource.minutes, cost: costOf(resource), reason: [i === 0 ? first : '', joint].filter(Boolean).join('; ') };
  });
}

/**
 * Replanning after progress: the earlier request with the newly completed
 * resources added to `done`, newer mastery on top of the old, and any newly
 * excluded resources. What is done stays done; only the rest is planned again.
 */
export function replan(
  graph: KnowledgeGraph,
  previous: PlanRequest,
  progress: { done?: string[]; mastery?: Readonly<Record<string, number>>; excludeResources?: string[] },
  options?: PlanOptions,
): PlanResult {
  return planPath(
    graph,
    {
      ...previous,
      done: [...new Set([...(previous.done ?? []), ...(progress.done ?? [])])],
      mastery: { ...previous.mastery, ...progress.mastery },
      excludeResources: [...new Set([...(previous.excludeResources ?? []), ...(progress.excludeResources ?? [])])],
    },
    options,
  );
}

interface Found {
  path: PathStep[];
  cost: number;
  optimal: true | number;
  expanded: number;
  method: PlanResult['method'];
}

function search(problem: PlanProblem, h: Heuristic, options: PlanOptions): Found {
  const w = options.heuristic === 'none' ? 1 : Math.max(1, options.weight ?? DEFAULT_WEIGHT);
  const { elapsedMs, timeBudgetMs } = options;
  const outOfTime = elapsedMs && timeBudgetMs !== undefined ? () => elapsedMs() > timeBudgetMs : undefined;
  let lowerBound = h.value(new Uint32Array(problem.words), h.startSum);
  let expanded = 0;
  const proven = (cost: number, apriori: number): true | number => {
    const f = Math.min(apriori, lowerBound > 0 ? cost / lowerBound : Infinity);
    return f <= 1 + 1e-9 ? true : f;
  };

  let incumbent: { path: PathStep[]; cost: number; method: PlanResult['method']; apriori: number } | undefined;
  if (w > 1) {
    const maxExpansions = options.maxWeightedExpansions ?? DEFAULT_MAX_WEIGHTED_EXPANSIONS;
    for (const weight of [w, 2 * w]) {
      const out = bestFirst(problem, h, { weight, maxExpansions, outOfTime });
      expanded += out.expanded;
      if (out.status === 'found') {
        incumbent = { path: out.path, cost: out.cost, method: 'weighted-a*', apriori: weight };
        break;
      }
    }
    incumbent ??= { ...greedyDive(problem, h), method: 'greedy', apriori: Infinity };
    if (proven(incumbent.cost, incumbent.apriori) === true) return { ...incumbent, optimal: true, expanded };
  }

  const maxExpansions = options.maxExpansions ?? DEFAULT_MAX_EXPANSIONS;
  const out = bestFirst(problem, h, { weight: 1, maxExpansions, outOfTime, upperBound: incumbent?.cost });
  expanded += out.expanded;
  if (out.status === 'found') return { path: out.path, cost: out.cost, optimal: true, expanded, method: 'a*' };
  if (out.status === 'exhausted' && incumbent) return { ...incumbent, optimal: true, expanded };
  lowerBound = Math.max(lowerBound, out.lowerBound);
  incumbent ??= { ...greedyDive(problem, h), method: 'greedy', apriori: Infinity };
  return { path: incumbent.path, cost: incumbent.cost, optimal: proven(incumbent.cost, incumbent.apriori), expanded, method: incumbent.method };
}

/**
 * General-purpose programming languages: a resource teaching in one of these
 * that the goals do not work in is a detour (a JavaScript course on a Python
 * path). Domain languages (SQL, shell, HTML, YAML) are never a detour.
 */

/**
 * The languages a goal works in: a goal's own `language`; for a concept asked
 * for alone, the language concepts it is built on, nearest first (React
 * requires JavaScript, so "learn react" works in JavaScript; pandas, Python),
 * found by walking its prerequisites and stopping at the first language
 * concept on each branch. A concept built on no language (Git, SQL) has none,
 * and its plan may use any.
 */
export function goalLanguages(graph: KnowledgeGraph, id: string): string[] {
  const own = graph.goals.get(id)?.language;
  if (own) return [own];
  if (graph.goals.has(id)) return [];
  const found = new Set<string>();
  const seen = new Set<string>([id]);
  const queue = [id];
  while (queue.length > 0) {
    const c = queue.shift()!;
    const lang = languageOfConcept(c);
    if (lang) {
      found.add(lang);
      continue;
    }
    const concept = graph.concepts.get(c);
    for (const q of [...(concept?.requires ?? []), ...(concept?.requiresAnyOf.flat() ?? [])]) {
      if (!seen.has(q)) {
        seen.add(q);
        queue.push(q);
      }
    }
  }
  return [...found];
}

const sameLanguage = (l: string) => SAME_LANGUAGE[l] ?? l;

/** The host language a concept *is* (`javascript`, `python`, `r-language` → `r`), if any. */
function languageOfConcept(id: string): string | undefined {
  const tag = id.replace(/-language$/, '');
  return HOST_LANGUAGES.has(tag) ? tag : undefined;
}

/**
 * Keeps a resource unless it teaches in a host language the goals do not
 * work in *and* every concept it teaches can be covered in full by usable
 * resources that do not (depth shares added to what done resources gave, as
 * the planner counts them), so a concept only taught in full in another
 * language is still reachable through that one resource, while the other
 * concepts stay in the goals' language. (Checking only that some fitting
 * resource exists let one such concept, networking basics on a JavaScript
 * path, fail the whole filtered plan and drop the language everywhere: the
 * front-end plan learned programming basics from Think Python.)
 */
function languageFilter(
  graph: KnowledgeGraph,
  languages: ReadonlySet<string>,
  usable: (r: Resource) => boolean,
  done: ReadonlyMap<string, number>,
  notTaken: ReadonlySet<string> = new Set(),
): (r: Resource) => boolean {
  if (languages.size === 0) return () => true;
  const norm = (l: string) => SAME_LANGUAGE[l] ?? l;
  const wanted = new Set([...languages].map(norm));
  const fits = (r: Resource) => !r.language || !HOST_LANGUAGES.has(r.language) || wanted.has(norm(r.language));
  const covered = new Map<string, boolean>();
  const coverable = (c: string) => {
    // A language the plan could have gone through but does not: its own resources are not kept for it.
    const lang = languageOfConcept(c);
    if (lang && notTaken.has(sameLanguage(lang))) return true;
    let ok = covered.get(c);
    if (ok === undefined) {
      const fitting = (graph.resourcesByConcept.get(c) ?? []).filter((o) => usable(o) && fits(o));
      ok = [...coverageOf(fitting)].some(([d, share]) => d === c && share + (done.get(c) ?? 0) >= 1 - 1e-9);
      covered.set(c, ok);
    }
    return ok;
  };
  return (r) => fits(r) || !r.teaches.every(coverable);
}

function checkPreferences(p: PlanPreferences) {
  if (!(Number.isFinite(p.minutesPerDay) && p.minutesPerDay > 0)) {
    throw new UserError('INVALID_PREFERENCES', `Minutes per day must be a positive number, got ${p.minutesPerDay}.`);
  }
  const bad = [...p.preferredFormats, ...p.avoidedFormats].filter((f) => !(RESOURCE_TYPES as readonly string[]).includes(f));
  if (bad.length > 0) throw new UserError('INVALID_PREFERENCES', `Unknown format ${bad.map((b) => `"${b}"`).join(', ')}; formats are ${RESOURCE_TYPES.join(', ')}.`);
  const preferred = new Set(p.preferredFormats);
  const avoided = new Set(p.avoidedFormats);
  const both = [...preferred].filter((f) => avoided.has(f));
  if (both.length > 0) throw new UserError('INVALID_PREFERENCES', `A format can't be both preferred and avoided: ${both.join(', ')}.`);
  return { preferred, avoided, minutesPerDay: p.minutesPerDay };
}

function checkResourceIds(graph: KnowledgeGraph, ids: readonly string[]): string[] {
  const unknown = ids.filter((id) => !graph.resources.has(id));
  if (unknown.length > 0) throw new UserError('UNKNOWN_RESOURCE', unknownIdsMessage('resource', unknown, [...graph.resources.keys()]));
  return [...ids];
}
