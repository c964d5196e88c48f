/**
 * The bandit's arms for one concept, from the knowledge graph: each resource
 * that teaches it, with the static model's expectation and its length.
 *
 *   priorP(r) = 1 − (1 − R_d)^(share(r) · e^{0.15·(quality(r) − 3)})
 *
 * R_d is the standard simulated learner's mean chance to learn a concept of
 * difficulty d from one complete resource (src/core/sim/variants.ts,
 * STANDARD), share(r) the part of the concept r covers at its depth
 * (overview ¼, core ½, complete 1), and the quality factor the one the
 * bandit benchmark gives the static model (bench/bandit.bench.ts).
 * Also: the stored per-resource counts read back into a {@link BanditState}.
 */
import { DEPTH_SHARE, type KnowledgeGraph } from '../graph/types.ts';
import { STANDARD } from '../sim/variants.ts';
import type { ResourceOutcomeRecord } from '../ports/learner-store.port.ts';
import type { BanditState, Candidate } from './resource-bandit.ts';

export function banditCandidates(graph: KnowledgeGraph, conceptId: string): Candidate[] {
  const concept = graph.concepts.get(conceptId);
  if (!concept) return [];
  const d = Math.min(5, Math.max(1, Math.round(concept.difficulty))) - 1;
  const meanR = STANDARD.resource[d]!.mean;
  return (graph.resourcesByConcept.get(conceptId) ?? []).map((r) => ({
    id: r.id,
    priorP: 1 - Math.pow(1 - meanR, DEPTH_SHARE[r.depth[conceptId] ?? 'complete'] * Math.exp(0.15 * (r.quality - 3))),
    hours: Math.max(5, r.minutes) / 60,
  }));
}

/** One bandit per concept from a workspace's stored counts. */
export function banditsFromOutcomes(records: readonly ResourceOutcomeRecord[]): Map<string, BanditState> {
  const out = new Map<string, { learners: number; arms: Record<string, { n: number; gain: number }> }>();
  for (const r of records) {
    const s = out.get(r.conceptId) ?? { learners: 0, arms: {} };
    s.learners += r.uses;
    s.arms[r.resourceId] = { n: r.n, gain: r.gain };
    out.set(r.conceptId, s);
  }
  return out;
}
