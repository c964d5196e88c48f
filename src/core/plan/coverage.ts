/**
 * Depth-aware coverage for the planner. A resource teaches each concept to a
 * depth (overview, core, complete; shares 1/4, 1/2, 1 in
 * {@link DEPTH_SHARE}); a concept is covered when the shares of the resources
 * taken (done ones included) add up to 1. So a 5-minute glossary entry can
 * introduce a concept but never completes it alone.
 *
 * The search works on sets of covered concepts, so partial coverage is
 * compiled into actions it understands (the *planning view* of the graph):
 *
 * - a plain resource covers the concepts whose share, added to what done
 *   resources already gave, reaches 1;
 * - a *bundle* of 2–4 resources that are each partial for some concept c
 *   covers c when their shares add up to what c still needs (and every other
 *   concept their shares complete). Bundles are minimal (no member can be
 *   dropped), drawn from the {@link BUNDLE_POOL} cheapest partial
 *   resources per concept. A bundle costs the sum of its members, times
 *   {@link MIXED_LANGUAGES_FACTOR} when they teach in two of the plan's
 *   programming `languages` (a Python ORM quick start and a TypeScript one
 *   are a poor lesson on ORMs, though better than none).
 *
 * A* stays optimal over this action set. What it does not see: a resource that
 * sits in two bundles is paid twice by the search (the plan lists it once), and
 * bundles larger than four or beyond the pool are not considered.
 */
import { DEPTH_SHARE, type KnowledgeGraph, type Resource } from '../graph/types.ts';

/** Programming languages a resource can teach in (its examples and exercises); `sql`, `bash`, `yaml` and the like are not. */
export const HOST_LANGUAGES: ReadonlySet<string> = new Set(['python', 'javascript', 'typescript', 'java', 'go', 'ruby', 'csharp', 'cpp', 'rust', 'kotlin', 'swift', 'php', 'r', 'scala']);
/** Languages a learner of the key works in too (TypeScript is JavaScript with types). */
export const SAME_LANGUAGE: Readonly<Record<string, string>> = { typescript: 'javascript' };

/** The host language a resource teaches in, TypeScript as JavaScript; none for SQL, shell or no code. */
export function hostLanguage(r: Resource): string | undefined {
  return r.language && HOST_LANGUAGES.has(r.language) ? (SAME_LANGUAGE[r.language] ?? r.language) : undefined;
}

/** Partial resources considered per concept when bundling (the cheapest ones). */
export const BUNDLE_POOL = 5;
const EPS = 1e-9;
/** What a bundle teaching in two of the plan's languages costs, times the sum of its members. */
export const MIXED_LANGUAGES_FACTOR = 2;

export interface PlanningView {
  /** The graph with `teaches` meaning "covers fully" and bundles added as resources. */
  graph: KnowledgeGraph;
  /** Bundle id → its member resources, in teaching order (lighter depth first). */
  bundles: ReadonlyMap<string, readonly Resource[]>;
}

/** Sum of shares each concept gets from `resources`. */
export function coverageOf(resources: Iterable<Resource>): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of resources) for (const c of r.teaches) out.set(c, (out.get(c) ?? 0) + DEPTH_SHARE[r.depth[c] ?? 'complete']);
  return out;
}

/**
 * The planning view for a learner: `done` resources' coverage counted,
 * `usable` resources (and bundles of them) as actions, costed by `costOf`;
 * a bundle in two of `languages` (normalised host languages) costs more.
 */
export function planningView(
  graph: KnowledgeGraph,
  doneIds: readonly string[],
  usable: (r: Resource) => boolean,
  costOf: (r: Resource) => number,
  languages: ReadonlySet<string> = new Set(),
): PlanningView & { costOf: (r: Resource) => number } {
  const done = coverageOf(doneIds.map((id) => graph.resources.get(id)!).filter(Boolean));
  const need = (c: string) => Math.max(0, 1 - (done.get(c) ?? 0));
  const share = (r: Resource, c: string) => DEPTH_SHARE[r.depth[c] ?? 'complete'];

  const resources = new Map<string, Resource>();
  const byConcept = new Map<string, Resource[]>();
  const add = (r: Resource) => {
    resources.set(r.id, r);
    for (const c of r.teaches) byConcept.set(c, [...(byConcept.get(c) ?? []), r]);
  };
  const partialFor = new Map<string, Resource[]>();
  for (const r of graph.resources.values()) {
    const covers = r.teaches.filter((c) => share(r, c) + EPS >= need(c));
    // Unusable resources stay in the view (explanations name them) but the planner's `usable` filter keeps them out.
    add({ ...r, teaches: covers, depth: Object.fromEntries(covers.map((c) => [c, 'complete' as const])) });
    if (!usable(r)) continue;
    for (const c of r.teaches) if (share(r, c) + EPS < need(c)) partialFor.set(c, [...(partialFor.get(c) ?? []), r]);
  }

  const costs = new Map<string, number>();
  const bundles = new Map<string, Resource[]>();
  for (const [c, list] of partialFor) {
    const pool = [...list].sort((a, b) => costOf(a) - costOf(b) || a.id.localeCompare(b.id)).slice(0, BUNDLE_POOL);
    for (const members of subsets(pool, 2, 4)) {
      const total = members.reduce((s, r) => s + share(r, c), 0);
      if (total + EPS < need(c)) continue;
      // Two of the plan's languages in one bundle cost double: "learn orm" (Node.js or Python) once finished a Python ORM
      // quick start with "part 2 of 2" in TypeScript. Not forbidden: with SQLAlchemy's tutorial set aside, the only
      // one-language way left is Full Stack Open (60 hours). A resource in another language, kept because nothing in the
      // plan's teaches its concept in full, does not count.
      const mixed = new Set(members.map(hostLanguage).filter((l) => l !== undefined && languages.has(l))).size > 1;
      // Minimal: dropping any member falls short.
      if (members.some((m) => total - share(m, c) + EPS >= need(c))) continue;
      const ordered = [...members].sort((a, b) => share(a, c) - share(b, c) || costOf(a) - costOf(b));
      const id = ordered.map((r) => r.id).join('+');
      if (bundles.has(id)) continue;
      const sum = coverageOf(ordered);
      const covers = [...sum.entries()].filter(([d, s]) => s + EPS >= need(d)).map(([d]) => d);
      const bundle: Resource = {
        id,
        title: ordered.map((r) => r.title).join(' + '),
        url: ordered[0]!.url,
        type: ordered[0]!.type,
        minutes: ordered.reduce((m, r) => m + r.minutes, 0),
        difficulty: Math.max(...ordered.map((r) => r.difficulty)),
        quality: Math.min(...ordered.map((r) => r.quality)),
        interactivity: Math.max(...ordered.map((r) => r.interactivity)),
        free: ordered.every((r) => r.free),
        teaches: covers,
        depth: Object.fromEntries(covers.map((d) => [d, 'complete' as const])),
        parts: [],
      };
      bundles.set(id, ordered);
      costs.set(id, ordered.reduce((s, r) => s + costOf(r), 0) * (mixed ? MIXED_LANGUAGES_FACTOR : 1));
      add(bundle);
    }
  }
  const view: KnowledgeGraph = { ...graph, resources, resourcesByConcept: byConcept };
  return { graph: view, bundles, costOf: (r) => costs.get(r.id) ?? costOf(r) };
}

function* subsets<T>(pool: readonly T[], min: number, max: number): Generator<T[]> {
  const n = pool.length;
  for (let size = min; size <= Math.min(max, n); size++) {
    const idx = Array.from({ length: size }, (_, i) => i);
    while (true) {
      yield idx.map((i) => pool[i]!);
      let k = size - 1;
      while (k >= 0 && idx[k] === n - size + k) k--;
      if (k < 0) break;
      idx[k]!++;
      for (let j = k + 1; j < size; j++) idx[j] = idx[j - 1]! + 1;
    }
  }
}
