/**
 * Sections of the shipped goals' plans: for each goal, planned from nothing
 * at 30 min a day, the section headings in plan order (src/core/plan/
 * teaching-order.ts `sectionTitles`) and how many of them open a section a
 * second time; every prerequisite of every step checked against the depth
 * shares of the steps before it. The README quotes the totals.
 *
 *   node bin/run-ts.js bench/plan-sections.ts [-v]
 */
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/config.ts';
import { DEPTH_SHARE } from '../src/core/graph/types.ts';
import { planPath } from '../src/core/plan/planner.ts';
import { phaseRanks, sectionTitles } from '../src/core/plan/teaching-order.ts';
import { loadRoadmaps } from '../src/roadmaps/roadmap-files.ts';

const { graph } = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps'));
const verbose = process.argv.includes('-v');
let reopenedAll = 0;
let brokenAll = 0;
for (const goal of graph.goals.keys()) {
  const plan = planPath(graph, { goals: [goal], mastery: {}, preferences: { preferredFormats: [], avoidedFormats: [], minutesPerDay: 30 } });
  const titles = sectionTitles(graph, [goal], phaseRanks(graph, [goal]), plan.steps.map((s) => s.concepts));
  const opened = titles.map((t, i) => (t !== titles[i - 1] ? `${t ?? '-'}@${i + 1}` : null)).filter((x): x is string => x !== null);
  const reopened = opened.length - new Set(opened.map((o) => o.replace(/@\d+$/, ''))).size;
  // Each prerequisite covered (shares adding up to 1) by earlier steps, or taught by the step itself.
  const share = new Map<string, number>();
  let broken = 0;
  for (const s of plan.steps) {
    const ok = (q: string) => (share.get(q) ?? 0) >= 1 - 1e-9 || s.concepts.includes(q);
    for (const c of s.concepts) {
      const concept = graph.concepts.get(c)!;
      broken += concept.requires.filter((q) => !ok(q)).length + concept.requiresAnyOf.filter((g) => !g.some(ok)).length;
    }
    for (const c of s.resource.teaches) share.set(c, (share.get(c) ?? 0) + DEPTH_SHARE[s.resource.depth[c] ?? 'complete']);
  }
  reopenedAll += reopened;
  brokenAll += broken;
  console.log(`${goal}: ${plan.steps.length} steps, ${opened.length} headings, ${reopened} reopened, ${broken} prerequisites broken, cost ${plan.totalCost.toFixed(2)}`);
  if (verbose) console.log(`   ${opened.join(' | ')}`);
}
console.log(`total: ${reopenedAll} sections reopened, ${brokenAll} prerequisites broken`);
