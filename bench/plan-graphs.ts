/**
 * Knowledge graphs for the planner benchmark: synthetic layered graphs of any
 * size, and the real metacademy prerequisite graph (read from ../shared when it
 * is there, never copied into the repository) with synthetic resources. All
 * randomness comes from a seeded generator, so every run plans the same graphs.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Concept, Goal, KnowledgeGraph, Resource } from '../src/core/graph/types.ts';
import { RESOURCE_TYPES } from '../src/core/graph/types.ts';
import { prerequisiteClosure } from '../src/core/graph/build.ts';
import { seededRng, type Rng } from '../src/core/random.ts';

export function assemble(concepts: Concept[], resources: Resource[], goals: Goal[] = []): KnowledgeGraph {
  const byConcept = new Map<string, Resource[]>();
  for (const r of resources) {
    for (const t of r.teaches) {
      const list = byConcept.get(t);
      if (list) list.push(r);
      else byConcept.set(t, [r]);
    }
  }
  return {
    concepts: new Map(concepts.map((c) => [c.id, c])),
    resources: new Map(resources.map((r) => [r.id, r])),
    goals: new Map(goals.map((g) => [g.id, g])),
    resourcesByConcept: byConcept,
    quizItems: new Map(),
  };
}

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

function makeConcept(id: string, difficulty: number, requires: string[], requiresAnyOf: string[][] = []): Concept {
  return { id, title: id, description: id, aliases: [], says: [], domains: ['bench'], difficulty, bloom: 'apply', requires, requiresAnyOf, quiz: [] };
}

function makeResource(rng: Rng, id: string, teaches: string[], difficulty: number): Resource {
  return {
    id,
    title: id,
    url: `https://example.org/${id}`,
    type: pick(rng, RESOURCE_TYPES),
    minutes: int(rng, 10, 120) * teaches.length,
    depth: Object.fromEntries(teaches.map((t) => [t, 'complete' as const])),
    parts: [],
    difficulty: Math.max(1, Math.min(5, difficulty + int(rng, -1, 1))),
    quality: int(rng, 1, 5),
    interactivity: int(rng, 1, 5),
    free: true,
    teaches,
  };
}

/**
 * One or two single-concept resources per concept, and for one concept in five
 * a two-concept resource that also teaches one of its prerequisites (so some
 * plans are better off taking one resource for two concepts).
 */
export function attachResources(rng: Rng, concepts: readonly Concept[]): Resource[] {
  const out: Resource[] = [];
  for (const c of concepts) {
    const n = int(rng, 1, 2);
    for (let k = 0; k < n; k++) out.push(makeResource(rng, `${c.id}-r${k}`, [c.id], c.difficulty));
    if (c.requires.length > 0 && rng() < 0.2) out.push(makeResource(rng, `${c.id}-pair`, [pick(rng, c.requires), c.id], c.difficulty));
  }
  return out;
}

/**
 * `n` concepts in 60 layers. A concept requires one or two concepts of the
 * layer below, near its own position (so prerequisite closures grow like a
 * cone, not the whole graph), and one in six also has an "any one of" group
 * of two. Difficulty rises with the layer.
 */
export interface Layered {
  graph: KnowledgeGraph;
  layers: number;
  width: number;
}

export function layeredGraph(n: number, seed: number): Layered {
  const rng = seededRng(seed);
  const layers = 60;
  const width = Math.max(2, Math.ceil(n / layers));
  const id = (layer: number, pos: number) => `l${layer}-${pos}`;
  const near = (layer: number, pos: number) => id(layer, (pos + int(rng, -2, 2) + width) % width);
  const concepts: Concept[] = [];
  for (let layer = 0; layer < layers && concepts.length < n; layer++) {
    for (let pos = 0; pos < width && concepts.length < n; pos++) {
      const difficulty = 1 + Math.floor((4 * layer) / layers);
      if (layer === 0) {
        concepts.push(makeConcept(id(layer, pos), difficulty, []));
        continue;
      }
      const requires = [...new Set(Array.from({ length: int(rng, 1, 2) }, () => near(layer - 1, pos)))];
      const group = rng() < 1 / 6 ? [...new Set([near(layer - 1, pos), near(Math.max(0, layer - 2), pos)])].filter((g) => !requires.includes(g)) : [];
      concepts.push(makeConcept(id(layer, pos), difficulty, requires, group.length >= 2 ? [group] : []));
    }
  }
  return { graph: assemble(concepts, attachResources(rng, concepts)), layers, width };
}

/** The concept whose prerequisite closure is closest to `size`, among four evenly spaced concepts of each layer. */
export function goalWithClosure({ graph, layers, width }: Layered, size: number): { id: string; closure: number } {
  let best = { id: '', closure: -1 };
  for (let layer = 0; layer < layers; layer++) {
    for (let k = 0; k < 4; k++) {
      const id = `l${layer}-${Math.floor(((2 * k + 1) * width) / 8)}`;
      if (!graph.concepts.has(id)) continue;
      const closure = prerequisiteClosure(graph, [id]).size;
      if (best.closure < 0 || Math.abs(closure - size) < Math.abs(best.closure - size)) best = { id, closure };
    }
  }
  return best;
}

interface MetacademyFile {
  nodes: { tag: string; title: string }[];
  edges: { from: string; to: string }[];
}

/**
 * The metacademy graph (concepts and prerequisite edges, `from` a
 * prerequisite of `to`) with seeded synthetic resources. Edges naming an
 * unknown concept are dropped and counted.
 */
export function metacademyGraph(file: string, seed: number): { graph: KnowledgeGraph; dangling: number } | null {
  if (!existsSync(file)) return null;
  const data = JSON.parse(readFileSync(file, 'utf8')) as MetacademyFile;
  const rng = seededRng(seed);
  const tags = new Set(data.nodes.map((n) => n.tag));
  const requires = new Map<string, string[]>();
  let dangling = 0;
  for (const e of data.edges) {
    if (!tags.has(e.from) || !tags.has(e.to)) {
      dangling++;
      continue;
    }
    requires.set(e.to, [...new Set([...(requires.get(e.to) ?? []), e.from])]);
  }
  const concepts = data.nodes.map((n) => makeConcept(n.tag, int(rng, 1, 5), requires.get(n.tag) ?? []));
  return { graph: assemble(concepts, attachResources(rng, concepts)), dangling };
}
