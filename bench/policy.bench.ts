/**
 * The teaching policies compared on every shipped goal and simulator
 * variant (issue #19, item 4), in minutes to true mastery of every goal
 * concept, with final mastery and false mastery beside them. Prints the
 * machine, the seed and one markdown table per variant, plus the ratios the
 * targets are stated in.
 *
 *   node bin/run-ts.js bench/policy.bench.ts [--learners 200] [--seed 1] [--fitted params.json]
 *
 * `--fitted` adds the benchmark-only variant built from `pathwise kt fit`
 * output (research data stays where it is; nothing is trained on it).
 * `--variants standard,slow` runs only those. Beside the four
 * policies it measures `coach` (what the coach serves: the rules plus the
 * learned policy's advice from the second miss in a row, its pacing after a
 * right answer and its review questions; `servedPolicy` in
 * src/core/sim/advice.ts), `fixed24` (the
 * issue anchor's 24 items per concept) and an oracle that reads the latent
 * state (a bound no coach can reach), each against `fixed`.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/config.ts';
import { evaluatePolicy, type PolicySummary } from '../src/core/sim/evaluate.ts';
import { servedPolicy } from '../src/core/sim/advice.ts';
import { learnedPolicy } from '../src/core/sim/learned-policy.ts';
import { fixed24Policy, fixedPolicy, masteryPolicy, oraclePolicy, rulesPolicy } from '../src/core/sim/policies.ts';
import type { SimVariant } from '../src/core/sim/variants.ts';
import { loadRoadmaps } from '../src/roadmaps/roadmap-files.ts';
import { courseFor, readPolicyFile, variantByName } from '../src/sim/sim-setup.ts';

const { values } = parseArgs({
  options: { learners: { type: 'string', default: '200' }, seed: { type: 'string', default: '1' }, fitted: { type: 'string' }, variants: { type: 'string' }, goals: { type: 'string' } },
});
const learners = Number(values.learners);
const seed = Number(values.seed);
const file = readPolicyFile();
if (!file) throw new Error('no policies/teaching-policy.json: run pathwise simulate train first');
const learned = learnedPolicy(file.weights);
const policies = [fixedPolicy, rulesPolicy, masteryPolicy, learned];
const extras = [servedPolicy(learned), fixed24Policy, oraclePolicy];
const { graph } = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps'));
const goalIds = values.goals ? values.goals.split(',') : [...graph.goals.keys()];
const courses = goalIds.map((g) => courseFor(graph, g));
const variants: SimVariant[] = (values.variants ? values.variants.split(',') : ['standard', 'slow', 'shifted']).map(variantByName);
if (values.fitted) variants.push(variantByName(`fitted:${values.fitted}`));
const extraRows: string[] = [];

console.log(`machine: ${cpus()[0]?.model} ×${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`seed ${seed}, ${learners} learners per goal and policy; learned policy: ${file.trainedWith.command}`);
const t0 = performance.now();
for (const v of variants) {
  console.log(`\n### ${v.name}${v.name === file.trainedWith.variant ? ' (trained on)' : ''}\n`);
  console.log('| goal (concepts) | fixed | rules | mastery | learned | learned ÷ mastery | ÷ fixed | ÷ rules | final mastery f / r / m / l | false mastery f / r / m / l |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const c of courses) {
    const s: PolicySummary[] = policies.map((p) => evaluatePolicy(c, v, p, learners, seed));
    const m = (x: PolicySummary) => `${Math.round(x.minutesToMastery.mean).toLocaleString('en')} (${Math.round(x.minutesToMastery.lo).toLocaleString('en')}–${Math.round(x.minutesToMastery.hi).toLocaleString('en')}), ${Math.round(x.reachedMastery.mean * 100)}%`;
    const ratio = (a: PolicySummary, b: PolicySummary) => (a.minutesToMastery.mean / b.minutesToMastery.mean).toFixed(2);
    const [f, r, ms, l] = s as [PolicySummary, PolicySummary, PolicySummary, PolicySummary];
    const pct = (x: number) => (x * 100).toFixed(1);
    console.log(
      `| ${c.goal} (${c.concepts.length}) | ${m(f)} | ${m(r)} | ${m(ms)} | ${m(l)} | ${ratio(l, ms)} | ${ratio(l, f)} | ${ratio(l, r)} | ` +
        `${s.map((x) => pct(x.finalMastery.mean)).join(' / ')} | ${s.map((x) => pct(x.falseMastery.mean)).join(' / ')} |`,
    );
    const [co, f24, or] = extras.map((p) => evaluatePolicy(c, v, p, learners, seed)) as [PolicySummary, PolicySummary, PolicySummary];
    const steps = (a: PolicySummary, b: PolicySummary) => (a.stepsToMastery.mean / b.stepsToMastery.mean).toFixed(2);
    extraRows.push(
      `| ${v.name} | ${c.goal} | ${m(co)} | ${ratio(co, ms)} | ${ratio(co, r)} | ${m(f24)} | ${ratio(ms, f24)} / ${steps(ms, f24)} | ${ratio(l, f24)} / ${steps(l, f24)} | ` +
        `${m(or)} | ${ratio(or, f)} | ${ratio(or, ms)} | ${pct(f24.finalMastery.mean)} / ${pct(or.finalMastery.mean)} |`,
    );
  }
}
// What the coach serves, the anchor's fixed order, and a policy that reads the latent state (which no coach can).
console.log('\n### coach, fixed24 and oracle\n');
console.log(
  '| variant | goal | coach (what the coach serves) | coach ÷ mastery | coach ÷ rules | fixed24 | mastery ÷ fixed24, minutes / steps | learned ÷ fixed24, minutes / steps | oracle | oracle ÷ fixed | oracle ÷ mastery | final mastery fixed24 / oracle |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of extraRows) console.log(row);
console.log(`\n${((performance.now() - t0) / 1000).toFixed(0)} s`);
