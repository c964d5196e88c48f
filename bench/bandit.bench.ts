/**
 * Learning from the cohort which resource works (issue #19, item 6), in
 * simulation: for every shipped concept with two or more resources, each
 * resource gets a hidden effectiveness (lognormal, weakly tied to its
 * editorial quality: e = exp(0.15·(quality − 3) + s·Z), s = --spread, 0.5 by
 * default); learners arrive one
 * by one, are given a resource, learn it with
 * P = 1 − (1 − R)^(share · type · format · e) (R, ability and format drawn
 * as in the standard simulator variant), and report mastery gain per hour.
 * The static ranking always gives the resource the static model rates best
 * (quality, depth, type, minutes; no hidden effect); the bandit
 * (src/core/bandit/resource-bandit.ts) starts from the same ranking.
 *
 * Printed: mastery per hour of the resource chosen for learners 181–200
 * (after 200 learners) and over all 200, bandit ÷ static, and whether the
 * first 20 choices were the static ones. Target: ≥ 1.10 after 200 learners,
 * no change below 20.
 *
 * `--choice bandit` (default) lets the bandit choose outright (the largest
 * drawn mastery per hour). `--choice planner` measures what the coach does:
 * the bandit only feeds the planner a cost factor p₀/p̃ per resource
 * (Thompson-drawn, src/core/bandit/resource-bandit.ts `sampledCostFactor`),
 * and the resource with the lowest planner cost for the concept is given
 * (src/core/plan/cost-model.ts, default weights, the concept's difficulty as
 * the learner's level, no format preferences); the static ranking is then
 * the planner's own choice without evidence. `--choice quality-term` feeds
 * the evidence through the quality term instead (`sampledQuality`), the
 * design first tried.
 *
 *   node bin/run-ts.js bench/bandit.bench.ts [--seeds 20] [--learners 200] [--spread 0.5] [--choice bandit|planner|quality-term]
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/config.ts';
import { chooseResource, emptyBandit, MIN_LEARNERS, recordOutcome, sampledCostFactor, sampledQuality, type BanditState, type Candidate } from '../src/core/bandit/resource-bandit.ts';
import { DEFAULT_COST_WEIGHTS, resourceCost } from '../src/core/plan/cost-model.ts';
import type { Resource } from '../src/core/graph/types.ts';
import type { Rng } from '../src/core/random.ts';
import { DEPTH_SHARE, RESOURCE_TYPES } from '../src/core/graph/types.ts';
import { seededRng } from '../src/core/random.ts';
import { beta, normal, pick } from '../src/core/sim/distributions.ts';
import { mixSeed } from '../src/core/sim/evaluate.ts';
import { STANDARD } from '../src/core/sim/variants.ts';
import { loadRoadmaps } from '../src/roadmaps/roadmap-files.ts';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '20' }, learners: { type: 'string', default: '200' }, spread: { type: 'string', default: '0.5' }, choice: { type: 'string', default: 'bandit' } } });
const byPlanner = values.choice === 'planner' || values.choice === 'quality-term';
const byQualityTerm = values.choice === 'quality-term';
if (!byPlanner && values.choice !== 'bandit') throw new Error('--choice is bandit, planner or quality-term');
/**
 * The planner's cheapest resource for the concept, with cohort factors `k`
 * (cost-model.ts), or, for the quality-term variant, the qualities `q` in
 * place of the editorial ones.
 */
function plannerChoice(resources: readonly Resource[], level: number, q: Record<string, number>, k: Record<string, number> = {}): string {
  const ctx = { weights: { ...DEFAULT_COST_WEIGHTS }, level, preferred: new Set<never>(), avoided: new Set<never>(), cohort: k };
  const cost = (r: Resource) => resourceCost(q[r.id] !== undefined ? { ...r, quality: q[r.id]! } : r, ctx);
  return resources.reduce((b, r) => (cost(r) < cost(b) ? r : b)).id;
}
function plannerBandit(state: BanditState, resources: readonly Resource[], candidates: readonly Candidate[], level: number, rng: Rng): string {
  if (state.learners < MIN_LEARNERS) return plannerChoice(resources, level, {});
  const k: Record<string, number> = {};
  for (const c of candidates) k[c.id] = byQualityTerm ? 1 : sampledCostFactor(state, c, rng);
  if (!byQualityTerm) return plannerChoice(resources, level, {}, k);
  const q: Record<string, number> = {};
  for (const c of candidates) q[c.id] = sampledQuality(state, c, resources.find((r) => r.id === c.id)!.quality, rng);
  return plannerChoice(resources, level, q);
}
const spread = Number(values.spread);
const seeds = Number(values.seeds);
const N = Number(values.learners);
const { graph } = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps'));
const V = STANDARD;

interface Arm {
  id: string;
  hours: number;
  exponent: number; // share · type effect · quality factor (what the static model knows)
  hidden: number;
  typeIndex: number;
}

let sumLate = 0;
let sumLateStatic = 0;
let sumAll = 0;
let sumAllStatic = 0;
let early = 0;
let earlyTotal = 0;
const ratios: number[] = [];
let concepts = 0;
let sumOracle = 0;
for (const concept of graph.concepts.values()) {
  const resources = graph.resourcesByConcept.get(concept.id) ?? [];
  if (resources.length < 2) continue;
  concepts++;
  const d = Math.min(5, Math.max(1, concept.difficulty)) - 1;
  for (let s = 0; s < seeds; s++) {
    const rng = seededRng(mixSeed(s, concepts));
    const arms: Arm[] = resources.map((r) => ({
      id: r.id,
      hours: Math.max(5, r.minutes) / 60,
      exponent: DEPTH_SHARE[r.depth[concept.id] ?? 'complete'] * V.typeEffect[r.type] * Math.exp(0.15 * (r.quality - 3)),
      hidden: Math.exp(spread * normal(rng)),
      typeIndex: RESOURCE_TYPES.indexOf(r.type),
    }));
    const meanR = V.resource[d]!.mean;
    const candidates: Candidate[] = arms.map((a) => ({ id: a.id, priorP: 1 - Math.pow(1 - meanR, a.exponent), hours: a.hours }));
    // True expected reward per arm, by Monte Carlo over the population.
    const truth = new Map<string, number>();
    const pop = Array.from({ length: 400 }, () => ({ R: beta(rng, V.resource[d]!), ability: Math.exp(V.abilitySigma * normal(rng)), pref: pick(rng, 7), dis: pick(rng, 7) }));
    const fmt = (p: { pref: number; dis: number }, t: number) => (t === p.pref ? V.preferredFactor : t === p.dis ? V.dislikedFactor : 1);
    for (const a of arms) truth.set(a.id, pop.reduce((sum, p) => sum + (1 - Math.pow(1 - p.R, a.exponent * a.hidden * p.ability * fmt(p, a.typeIndex))), 0) / pop.length / a.hours);
    const staticId = byPlanner ? plannerChoice(resources, concept.difficulty, {}) : candidates.reduce((b, c) => (c.priorP / c.hours > b.priorP / b.hours ? c : b)).id;
    let state = emptyBandit();
    let late = 0;
    let all = 0;
    for (let t = 0; t < N; t++) {
      const id = byPlanner ? plannerBandit(state, resources, candidates, concept.difficulty, rng) : chooseResource(state, candidates, rng).id;
      if (t < MIN_LEARNERS) {
        earlyTotal++;
        if (id === staticId) early++;
      }
      const a = arms.find((x) => x.id === id)!;
      const L = { R: beta(rng, V.resource[d]!), ability: Math.exp(V.abilitySigma * normal(rng)), pref: pick(rng, 7), dis: pick(rng, 7) };
      const learned = rng() < 1 - Math.pow(1 - L.R, a.exponent * a.hidden * L.ability * fmt(L, a.typeIndex)) ? 1 : 0;
      state = recordOutcome(state, id, learned);
      const v = truth.get(id)!;
      all += v;
      if (t >= N - 20) late += v;
    }
    const st = truth.get(staticId)!;
    sumOracle += Math.max(...truth.values());
    sumLate += late / 20;
    sumLateStatic += st;
    sumAll += all / N;
    sumAllStatic += st;
    ratios.push(late / 20 / st);
  }
}
ratios.sort((a, b) => a - b);
console.log(`machine: ${cpus()[0]?.model} ×${cpus().length}, Node ${process.version}`);
console.log(`${concepts} concepts with 2+ resources × ${seeds} seeds, ${N} learners each, hidden spread ${spread}, choice by ${byQualityTerm ? 'the planner (bandit → quality term)' : byPlanner ? 'the planner (bandit → cohort cost factor)' : 'the bandit'}`);
console.log(`after ${N} learners (181–200): bandit ÷ static mastery per hour = ${(sumLate / sumLateStatic).toFixed(3)} (pooled); per concept-seed median ${ratios[Math.floor(ratios.length / 2)]!.toFixed(3)}, 10th percentile ${ratios[Math.floor(ratios.length / 10)]!.toFixed(3)}`);
console.log(`oracle (the truly best resource every time) ÷ static: ${(sumOracle / sumLateStatic).toFixed(3)}`);
console.log(`over all ${N} learners: ${(sumAll / sumAllStatic).toFixed(3)}`);
console.log(`first ${MIN_LEARNERS} learners given the static choice: ${early}/${earlyTotal}`);
