import { describe, expect, it } from 'vitest';
import { chooseResource, emptyBandit, evidenceIsThere, FEEDBACK_WEIGHT, learnedQuality, MIN_LEARNERS, posterior, PRIOR_STRENGTH, recordFeedback, recordOutcome, sampledCostFactor, type Candidate } from '../../src/core/bandit/resource-bandit.ts';
import { banditsFromOutcomes } from '../../src/core/bandit/candidates.ts';
import { seededRng } from '../../src/core/random.ts';

const candidates: Candidate[] = [
  { id: 'book', priorP: 0.5, hours: 2 }, // 0.25 per hour: the static choice
  { id: 'video', priorP: 0.2, hours: 1 }, // 0.20 per hour
];

describe('resource bandit (Thompson sampling per workspace and concept)', () => {
  it('updates the Beta posterior by hand: α = κ₀p₀ + Σg, β = κ₀(1 − p₀) + Σ(1 − g)', () => {
    let s = emptyBandit();
    s = recordOutcome(s, 'video', 1);
    s = recordOutcome(s, 'video', 0.5);
    s = recordOutcome(s, 'video', 0);
    const p = posterior(s, candidates[1]!);
    expect(p.alpha).toBeCloseTo(PRIOR_STRENGTH * 0.2 + 1.5, 12);
    expect(p.beta).toBeCloseTo(PRIOR_STRENGTH * 0.8 + 1.5, 12);
    expect(s.learners).toBe(3);
  });

  it('changes nothing below 20 learners, whatever they showed', () => {
    let s = emptyBandit();
    for (let k = 0; k < MIN_LEARNERS - 1; k++) s = recordOutcome(s, 'video', 1);
    const rng = seededRng(1);
    for (let k = 0; k < 50; k++) expect(chooseResource(s, candidates, rng)).toEqual({ id: 'book', by: 'static' });
    expect(learnedQuality(s, candidates[1]!, 3)).toBe(3);
    expect(evidenceIsThere(s, candidates, 'video', rng)).toBe(false);
  });

  it('moves to the resource that works once the evidence is there, says so, and raises its quality for the planner', () => {
    let s = emptyBandit();
    for (let k = 0; k < 15; k++) s = recordOutcome(s, 'book', 0);
    for (let k = 0; k < 15; k++) s = recordOutcome(s, 'video', 1);
    const rng = seededRng(2);
    const picks = Array.from({ length: 200 }, () => chooseResource(s, candidates, rng).id);
    expect(picks.filter((x) => x === 'video').length).toBeGreaterThan(190);
    expect(evidenceIsThere(s, candidates, 'video', rng)).toBe(true);
    expect(evidenceIsThere(s, candidates, 'book', rng)).toBe(false);
    expect(learnedQuality(s, candidates[1]!, 2)).toBe(5);
    expect(learnedQuality(s, candidates[0]!, 4)).toBeLessThan(1.5);
  });

  it('is deterministic under a seed', () => {
    let s = emptyBandit();
    for (let k = 0; k < 25; k++) s = recordOutcome(s, k % 2 ? 'book' : 'video', k % 3 === 0 ? 1 : 0);
    const run = (seed: number) => {
      const rng = seededRng(seed);
      return Array.from({ length: 30 }, () => chooseResource(s, candidates, rng).id).join();
    };
    expect(run(5)).toBe(run(5));
  });

  it('counts a 👍/👎 as a half-weight observation, not as a learner', () => {
    let s = recordFeedback(emptyBandit(), 'video', true);
    s = recordFeedback(s, 'video', false);
    expect(s.learners).toBe(0);
    const p = posterior(s, candidates[1]!);
    expect(p.alpha).toBeCloseTo(PRIOR_STRENGTH * 0.2 + FEEDBACK_WEIGHT, 12);
    expect(p.beta).toBeCloseTo(PRIOR_STRENGTH * 0.8 + FEEDBACK_WEIGHT, 12);
  });

  it('gives the planner a cost factor p₀/p̃: 1 below 20 learners, above 1 for a resource that taught less than expected', () => {
    let s = emptyBandit();
    for (let k = 0; k < MIN_LEARNERS - 1; k++) s = recordOutcome(s, 'book', 0);
    const rng = seededRng(3);
    expect(sampledCostFactor(s, candidates[0]!, rng)).toBe(1);
    for (let k = 0; k < 30; k++) s = recordOutcome(s, 'book', 0);
    // Posterior mean (4·0.5)/(4 + 49) ≈ 0.04 against p₀ = 0.5: the factor is at its cap of 4 on almost every draw.
    const draws = Array.from({ length: 200 }, () => sampledCostFactor(s, candidates[0]!, rng));
    expect(draws.every((k) => k > 1 && k <= 4)).toBe(true);
    expect(draws.filter((k) => k === 4).length).toBeGreaterThan(150);
  });

  it('reads stored per-workspace counts back into one bandit per concept', () => {
    const w = 'slack:W1';
    const m = banditsFromOutcomes([
      { workspace: w, conceptId: 'sql', resourceId: 'book', uses: 3, n: 3.5, gain: 2 },
      { workspace: w, conceptId: 'sql', resourceId: 'video', uses: 2, n: 2, gain: 1 },
      { workspace: w, conceptId: 'git', resourceId: 'video', uses: 1, n: 1, gain: 0 },
    ]);
    expect(m.get('sql')).toEqual({ learners: 5, arms: { book: { n: 3.5, gain: 2 }, video: { n: 2, gain: 1 } } });
    expect(m.get('git')?.learners).toBe(1);
  });
});
