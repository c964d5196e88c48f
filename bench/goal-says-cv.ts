/**
 * A third measure of goal matching by meaning, with no benchmark rows at all:
 * 5-fold cross-validation over the learner phrases (`says`) of the shipped
 * roadmaps. Each phrase is held out with a fifth of all phrases (folds by
 * FNV-1a of the phrase text, so they are stable), the parser and its
 * semantic index are rebuilt without them, and the phrase must find its own
 * node: top-1 when it is the match, top-3 when it is among the first three
 * candidates. A phrase whose node's siblings could answer as well counts as a
 * miss, so the figure is a floor; it is for comparing matcher changes, and
 * reads the node texts the matcher uses, never bench/*.tsv.
 *
 *   node bin/run-ts.js bench/goal-says-cv.ts [--folds 5] [--misses]
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.ts';
import { loadCareerCatalogue } from '../src/career/career-files.ts';
import { GoalParser } from '../src/core/goal/goal-parser.ts';
import type { KnowledgeGraph } from '../src/core/graph/types.ts';
import { textSeed } from '../src/core/random.ts';
import { lazySemanticIndex } from '../src/embeddings/semantic-index.ts';
import { lazyWordVectors } from '../src/embeddings/word-vectors-file.ts';
import { loadRoadmaps } from '../src/roadmaps/roadmap-files.ts';

const at = process.argv.indexOf('--folds');
const FOLDS = at >= 0 ? Number(process.argv[at + 1]) : 5;
const graph = loadRoadmaps(loadConfig().roadmapsDir).graph;
const catalogue = loadCareerCatalogue();
const vectors = lazyWordVectors();
const foldOf = (text: string) => textSeed(text) % FOLDS;

function without(fold: number): KnowledgeGraph {
  const keep = (says: readonly string[]) => says.filter((s) => foldOf(s) !== fold);
  return {
    ...graph,
    goals: new Map([...graph.goals].map(([id, g]) => [id, { ...g, says: keep(g.says) }])),
    concepts: new Map([...graph.concepts].map(([id, c]) => [id, { ...c, says: keep(c.says) }])),
  };
}

const t0 = performance.now();
const tally = { goal: { n: 0, top1: 0, top3: 0, asked: 0 }, concept: { n: 0, top1: 0, top3: 0, asked: 0 } };
for (let fold = 0; fold < FOLDS; fold++) {
  const g = without(fold);
  const parser = new GoalParser(g, { semantic: lazySemanticIndex(g, { vectors, catalogue: () => catalogue }) });
  const held = [...[...graph.goals.values()].map((n) => ({ n, kind: 'goal' as const })), ...[...graph.concepts.values()].map((n) => ({ n, kind: 'concept' as const }))];
  for (const { n, kind } of held) {
    for (const s of n.says) {
      if (foldOf(s) !== fold) continue;
      const r = parser.parse(s);
      const t = tally[kind];
      t.n++;
      if (r.match === n.id) t.top1++;
      else if (process.argv.includes('--misses')) console.log(`${n.id}\t${r.match}\t${r.candidates.slice(0, 3).map((c) => c.id).join(',')}\t${s}`);
      if (r.match === null && r.candidates.length > 0) t.asked++;
      if (r.candidates.slice(0, 3).some((c) => c.id === n.id)) t.top3++;
    }
  }
}
const pct = (a: number, n: number) => `${((100 * a) / n).toFixed(1)}%`;
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} ×${cpus().length}, Node ${process.version}; ${FOLDS} folds in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
for (const [kind, t] of Object.entries(tally)) console.log(`${kind}s: ${t.n} phrases held out   top-1 ${pct(t.top1, t.n)}   top-3 ${pct(t.top3, t.n)}   asked ${pct(t.asked, t.n)}`);
const all = { n: tally.goal.n + tally.concept.n, top1: tally.goal.top1 + tally.concept.top1, top3: tally.goal.top3 + tally.concept.top3 };
console.log(`all: ${all.n}   top-1 ${pct(all.top1, all.n)}   top-3 ${pct(all.top3, all.n)}`);
