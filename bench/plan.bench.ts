/**
 * Planner benchmark: `node bin/run-ts.js bench/plan.bench.ts [--quick]`.
 *
 * Prints the machine, then for each graph the planning latency (p50/p99 of
 * whole planPath calls, after warm-up), states expanded and plan quality, and
 * compares, on the same goals in the same run, plain A* (weight 1) and
 * Dijkstra (the same search with h = 0), both under an expansion cap.
 *
 * Graphs: the shipped roadmaps (skipped when roadmaps/ is empty); the real
 * 392-concept metacademy graph from ../shared/data (never copied here; skipped
 * when absent) with seeded synthetic resources; synthetic layered graphs of
 * 1k, 10k and 50k concepts, each with the goal whose prerequisite closure is
 * closest to 200 concepts, plus a sweep over every sampled goal of 150–260.
 */
import { existsSync, readdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prerequisiteClosure } from '../src/core/graph/build.ts';
import type { KnowledgeGraph } from '../src/core/graph/types.ts';
import { planPath, type PlanOptions, type PlanRequest, type PlanResult } from '../src/core/plan/planner.ts';
import { loadRoadmaps } from '../src/roadmaps/roadmap-files.ts';
import { goalWithClosure, layeredGraph, metacademyGraph } from './plan-graphs.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const QUICK = process.argv.includes('--quick');
const RUNS = QUICK ? 10 : 100;
const CAP = QUICK ? 20_000 : 100_000;
const SEED = 20_260_301;

const request = (goal: string): PlanRequest => ({
  goals: [goal],
  mastery: {},
  preferences: { preferredFormats: ['video', 'exercise'], avoidedFormats: [], minutesPerDay: 45 },
});

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const quality = (r: PlanResult) => (r.optimal === true ? 'optimal' : `≤ ${r.optimal.toFixed(3)}× optimal`);

/** Latency of whole planPath calls over `runs` runs per goal, after two warm-up runs per goal. */
function latency(graph: KnowledgeGraph, goals: readonly string[], runs: number, options?: PlanOptions) {
  const times: number[] = [];
  const results: PlanResult[] = [];
  for (const goal of goals) {
    for (let i = 0; i < 2; i++) planPath(graph, request(goal), options);
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const r = planPath(graph, request(goal), options);
      times.push(performance.now() - t);
      if (i === 0) results.push(r);
    }
  }
  times.sort((a, b) => a - b);
  const expanded = results.map((r) => r.expanded);
  const factors = results.map((r) => (r.optimal === true ? 1 : r.optimal));
  return {
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    meanExpanded: expanded.reduce((a, b) => a + b, 0) / expanded.length,
    maxExpanded: Math.max(...expanded),
    optimal: results.filter((r) => r.optimal === true).length,
    worst: Math.max(...factors),
    results,
  };
}

/** One capped run: states expanded, whether the cap stopped it, and the time. */
function capped(graph: KnowledgeGraph, goal: string, options: PlanOptions) {
  const t = performance.now();
  const r = planPath(graph, request(goal), { maxExpansions: CAP, ...options });
  return { expanded: r.expanded, hitCap: r.optimal !== true, ms: performance.now() - t, cost: r.totalCost };
}

function compare(graph: KnowledgeGraph, goal: string, plannerExpanded: number): void {
  const astar = capped(graph, goal, { weight: 1 });
  const dijkstra = capped(graph, goal, { heuristic: 'none' });
  const show = (name: string, c: ReturnType<typeof capped>) =>
    `    ${name.padEnd(9)} ${String(c.expanded).padStart(7)} states${c.hitCap ? ` (hit the ${CAP} cap, no proof)` : ', optimal'} in ${ms(c.ms)}`;
  console.log(show('A*', astar));
  console.log(show('Dijkstra', dijkstra));
  const ratio = (a: number, b: ReturnType<typeof capped>) => `${b.hitCap ? '≥ ' : ''}${(b.expanded / Math.max(1, a)).toFixed(1)}×`;
  console.log(`    Dijkstra / planner: ${ratio(plannerExpanded, dijkstra)}; Dijkstra / A*: ${astar.hitCap ? 'n/a (A* hit the cap too)' : ratio(astar.expanded, dijkstra)}`);
}

function report(label: string, graph: KnowledgeGraph, goals: readonly string[], runs: number, withComparison: boolean) {
  const l = latency(graph, goals, runs);
  console.log(
    `  ${label}: p50 ${ms(l.p50)}, p99 ${ms(l.p99)} over ${goals.length * runs} plans; expanded mean ${l.meanExpanded.toFixed(0)}, max ${l.maxExpanded}; ` +
      `${l.optimal}/${goals.length} proven optimal, worst factor ${l.worst.toFixed(3)}`,
  );
  if (withComparison) for (const [i, goal] of goals.entries()) compare(graph, goal, l.results[i]!.expanded);
  return l;
}

console.log('Planner benchmark');
const cpu = cpus();
console.log(`machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
console.log(`load average (1/5/15 min): ${loadavg().map((x) => x.toFixed(2)).join(' / ')} — timings are noisy when this is above the core count`);
console.log(`runs per goal: ${RUNS}; cap for A* and Dijkstra: ${CAP} expansions${QUICK ? ' (--quick)' : ''}\n`);

// 1. Shipped roadmaps.
console.log('Shipped roadmaps');
const roadmapsDir = join(ROOT, 'roadmaps');
const hasRoadmaps = existsSync(roadmapsDir) && readdirSync(roadmapsDir, { recursive: true }).some((f) => /\.(ya?ml|json)$/i.test(String(f)));
if (!hasRoadmaps) console.log('  skipped: no roadmaps\n');
else {
  const { graph } = loadRoadmaps(roadmapsDir);
  const goals = [...graph.goals.keys()];
  console.log(`  ${graph.concepts.size} concepts, ${graph.resources.size} resources, ${goals.length} goals`);
  if (goals.length === 0) console.log('  skipped: no goals\n');
  else {
    report('all goals', graph, goals, RUNS, false);
    for (const goal of goals) {
      const r = planPath(graph, request(goal));
      console.log(`  ${goal}: ${r.steps.length} steps, ${r.totalMinutes} min, ${r.expanded} expanded, ${quality(r)}`);
      compare(graph, goal, r.expanded);
    }
    console.log();
  }
}

// 2. The metacademy graph.
console.log('Metacademy (392 concepts, real prerequisite edges, synthetic resources)');
const dataDirs = [process.env.PATHWISE_SHARED_DATA, resolve(ROOT, '../shared/data'), resolve(ROOT, '../../shared/data')].filter((d): d is string => !!d);
const metaFile = dataDirs.map((d) => join(d, 'graphs/metacademy.json')).find((f) => existsSync(f));
const meta = metaFile ? metacademyGraph(metaFile, SEED) : null;
if (!meta) console.log(`  skipped: metacademy.json not found (looked in ${dataDirs.join(', ')})\n`);
else {
  const { graph, dangling } = meta;
  const bySize = [...graph.concepts.keys()].map((id) => ({ id, size: prerequisiteClosure(graph, [id]).size })).sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
  const goals = bySize.slice(0, 10);
  console.log(`  read ${metaFile}; ${graph.concepts.size} concepts, ${graph.resources.size} resources (${dangling} edges to unknown concepts dropped)`);
  console.log(`  goals: the 10 with the largest prerequisite closures (${goals.map((g) => g.size).join(', ')} concepts)`);
  const l = report('planner', graph, goals.map((g) => g.id), QUICK ? 5 : 20, false);
  const worstGoal = goals[l.results.reduce((best, r, i, all) => (r.expanded > all[best]!.expanded ? i : best), 0)]!;
  console.log(`  comparison on ${worstGoal.id} (closure ${worstGoal.size}, the goal the planner expanded most on):`);
  compare(graph, worstGoal.id, Math.max(...l.results.map((r) => r.expanded)));
  console.log();
}

// 3. Synthetic layered graphs.
for (const n of [1_000, 10_000, 50_000]) {
  const layered = layeredGraph(n, SEED);
  const { graph } = layered;
  const goal = goalWithClosure(layered, 200);
  console.log(`Synthetic layered graph, ${graph.concepts.size} concepts, ${graph.resources.size} resources`);
  console.log(`  goal ${goal.id}, prerequisite closure ${goal.closure} concepts`);
  const one = report('that goal', graph, [goal.id], RUNS, true);
  const sweep: string[] = [];
  for (let layer = 5; layer < layered.layers; layer++) {
    for (const pos of [0, Math.floor(layered.width / 3), Math.floor((2 * layered.width) / 3)]) {
      const id = `l${layer}-${pos}`;
      if (!graph.concepts.has(id)) continue;
      const size = prerequisiteClosure(graph, [id]).size;
      if (size >= 150 && size <= 260) sweep.push(id);
    }
  }
  report(`sweep of ${sweep.length} goals with closures of 150–260`, graph, sweep, QUICK ? 3 : 10, false);
  if (n === 10_000) {
    const p99ok = one.p99 < 50;
    console.log(`  target p99 < 50 ms on this goal: ${p99ok ? 'met' : 'NOT met'} (${ms(one.p99)})`);
  }
  console.log();
}
