import { describe, expect, it } from 'vitest';
import { chooseResource, emptyBandit, evidenceIsThere, learnedQuality, MIN_LEARNERS, posterior, PRIOR_STRENGTH, recordOutcome, type Candidate } from '../../src/core/bandit/resource-bandit.ts';
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
});
