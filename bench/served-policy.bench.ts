/**
 * Which of the learned policy's decisions carry its gain, if the coach served
 * them (issue #19, item 5): each row is the rules plus the policy's advice
 * from the second miss in a row (what the coach served before), plus one
 * subset of the policy's other decisions, restricted to quiz / move on.
 * Ratios are of mean minutes to true mastery, against `rules`, same learners;
 * the last row is the geometric mean over the goals. `coach` is
 * `servedPolicy` itself (src/core/sim/advice.ts), the function the coach calls.
 *
 *   node bin/run-ts.js bench/served-policy.bench.ts [--learners 60] [--seed 1] [--variant standard]
 *
 * Subsets: `pre`, before the concept's planned resources are studied (a
 * question in place of the reading, or skipping it); `mid`, after them,
 * whatever the last answer; `mid-right`, after them and only after a right
 * answer; `review`, on concepts the rule says are mastered (every pass
 * revisits them); `review1`, the same but at most one question a visit and not
 * in the session the concept was last asked.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/config.ts';
import { adviceAfterMiss, servedPolicy } from '../src/core/sim/advice.ts';
import type { Action, Observation } from '../src/core/sim/episode.ts';
import { evaluatePolicy } from '../src/core/sim/evaluate.ts';
import { learnedPolicy } from '../src/core/sim/learned-policy.ts';
import { masteryPolicy, rulesPolicy, type TeachingPolicy } from '../src/core/sim/policies.ts';
import { loadRoadmaps } from '../src/roadmaps/roadmap-files.ts';
import { courseFor, readPolicyFile, variantByName } from '../src/sim/sim-setup.ts';

const { values } = parseArgs({ options: { learners: { type: 'string', default: '60' }, seed: { type: 'string', default: '1' }, variant: { type: 'string', default: 'standard' } } });
const learners = Number(values.learners);
const seed = Number(values.seed);
const file = readPolicyFile();
if (!file) throw new Error('no policies/teaching-policy.json: run pathwise simulate train first');
const learned = learnedPolicy(file.weights);

const read = (o: Observation) => !(o.plannedLeft > 0 && o.pass === 1);
const SUBSETS: Record<string, { revisit: 'all' | 'unmastered'; take: (o: Observation) => boolean }> = {
  pre: { revisit: 'unmastered', take: (o) => !o.mastered && !read(o) },
  mid: { revisit: 'unmastered', take: (o) => !o.mastered && read(o) },
  'mid-right': { revisit: 'unmastered', take: (o) => !o.mastered && read(o) && o.recent[0] === 1 },
  review: { revisit: 'all', take: (o) => o.mastered },
  review1: { revisit: 'all', take: (o) => o.mastered && o.attempts === 0 && o.sessionsSinceAsked >= 1 },
  'pre+mid+review': { revisit: 'all', take: () => true },
  'mid+review': { revisit: 'all', take: (o) => o.mastered || read(o) },
  'mid-right+review1': { revisit: 'all', take: (o) => (o.mastered && o.attempts === 0 && o.sessionsSinceAsked >= 1) || (!o.mastered && read(o) && o.recent[0] === 1) },
};

/** The rules with the policy's advice from the second miss, plus its quiz / move-on decisions where `take` says so. */
function withSubset(name: string, s: (typeof SUBSETS)[string]): TeachingPolicy {
  return {
    name,
    revisit: s.revisit,
    decide(o) {
      const advice = !o.mastered && o.recent[0] === -1 ? adviceAfterMiss(learned, o) : null;
      if (advice) return advice;
      const r = rulesPolicy.decide(o);
      if (r === 'remediate' || r === 'substitute' || !s.take(o)) return r;
      const l: Action = learned.decide(o);
      return l === 'quiz' || l === 'skip' ? l : r;
    },
  };
}

const policies: TeachingPolicy[] = [rulesPolicy, masteryPolicy, learned, ...Object.entries(SUBSETS).map(([n, s]) => withSubset(n, s)), servedPolicy(learned)];
const { graph } = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps'));
const v = variantByName(values.variant!);
console.log(`machine: ${cpus()[0]?.model} ×${cpus().length}, Node ${process.version}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`variant ${v.name}, seed ${seed}, ${learners} learners per goal and policy; each cell: minutes ÷ rules' minutes, share who reached true mastery %`);
console.log(`\n| goal | ${policies.map((p) => p.name).join(' | ')} |\n|---|${policies.map(() => '---|').join('')}`);
const logs = policies.map(() => 0);
const goals = [...graph.goals.keys()];
const t0 = performance.now();
for (const g of goals) {
  const c = courseFor(graph, g);
  const s = policies.map((p) => evaluatePolicy(c, v, p, learners, seed));
  const rules = s[0]!.minutesToMastery.mean;
  s.forEach((x, i) => (logs[i]! += Math.log(x.minutesToMastery.mean / rules)));
  console.log(`| ${g} | ${s.map((x) => `${(x.minutesToMastery.mean / rules).toFixed(2)}, ${Math.round(x.reachedMastery.mean * 100)}%`).join(' | ')} |`);
}
console.log(`| geometric mean | ${logs.map((l) => Math.exp(l / goals.length).toFixed(3)).join(' | ')} |`);
console.log(`\n${((performance.now() - t0) / 1000).toFixed(0)} s`);
