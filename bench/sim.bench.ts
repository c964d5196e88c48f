/**
 * Simulator throughput: simulated practice steps (studying, answering,
 * hints) per second on one core, over every shipped goal and every policy
 * (the learned one when its file is there), standard variant. Each step
 * includes the policy's decision and the coach's tracing. Target (issue #19): ≥ 100,000.
 *
 *   node bin/run-ts.js bench/sim.bench.ts [--learners 200] [--seed 1]
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/config.ts';
import { planPath } from '../src/core/plan/planner.ts';
import { compileCourse } from '../src/core/sim/course.ts';
import { defaultBudget, runEpisode } from '../src/core/sim/evaluate.ts';
import { learnedPolicy } from '../src/core/sim/learned-policy.ts';
import { fixedPolicy, masteryPolicy, rulesPolicy } from '../src/core/sim/policies.ts';
import { readPolicyFile } from '../src/sim/sim-setup.ts';
import { STANDARD } from '../src/core/sim/variants.ts';
import { loadRoadmaps } from '../src/roadmaps/roadmap-files.ts';

const { values } = parseArgs({ options: { learners: { type: 'string', default: '200' }, seed: { type: 'string', default: '1' } } });
const learners = Number(values.learners);
const seed = Number(values.seed);
const { graph } = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps'));
const courses = [...graph.goals.keys()].map((g) =>
  compileCourse(graph, g, planPath(graph, { goals: [g], mastery: {}, preferences: { preferredFormats: [], avoidedFormats: [], minutesPerDay: 60 } })),
);
console.log(`machine: ${cpus()[0]?.model} ×${cpus().length}, Node ${process.version}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const file = readPolicyFile();
for (const policy of [fixedPolicy, masteryPolicy, rulesPolicy, ...(file ? [learnedPolicy(file.weights)] : [])]) {
  // Warm-up, then the timed run.
  for (const c of courses) runEpisode(c, STANDARD, policy, seed + 1, 0, defaultBudget(c));
  let steps = 0;
  const t0 = performance.now();
  for (const c of courses) for (let k = 0; k < learners; k++) steps += runEpisode(c, STANDARD, policy, seed, k, defaultBudget(c)).steps;
  const s = (performance.now() - t0) / 1000;
  console.log(`${policy.name.padEnd(8)} ${steps.toLocaleString('en')} steps in ${s.toFixed(2)} s: ${Math.round(steps / s).toLocaleString('en')} steps/s`);
}
