import { describe, expect, it } from 'vitest';
import { costBreakdown, DEFAULT_COST_WEIGHTS, learnerLevel, resolveWeights, type CostContext } from '../../src/core/plan/cost-model.ts';
import { concept, graphOf, resource } from './fixtures.ts';

const ctx = (more: Partial<CostContext> = {}): CostContext => ({
  weights: { ...DEFAULT_COST_WEIGHTS },
  level: 1,
  preferred: new Set(),
  avoided: new Set(),
  ...more,
});

describe('cost model, worked by hand', () => {
  it('a top, hands-on, easy resource costs exactly its minutes', () => {
    expect(costBreakdown(resource('r', ['a'], 25), ctx()).cost).toBe(25);
  });

  it('adds each term of m(r)', () => {
    const r = resource('r', ['a'], 40, { type: 'video', difficulty: 4, quality: 3, interactivity: 2 });
    const b = costBreakdown(r, ctx({ level: 2, preferred: new Set(['exercise']) }));
    // difficulty:    0.6 · (4 − 2)/4 = 0.3
    // quality:       0.4 · (5 − 3)/4 = 0.2
    // interactivity: 0.2 · (5 − 2)/4 = 0.15
    // format:        not among the preferred formats → 0.3
    // m = 1 + 0.3 + 0.2 + 0.15 + 0.3 = 1.95;  cost = 40 · 1.95 = 78
    expect(b.difficulty).toBeCloseTo(0.3, 12);
    expect(b.quality).toBeCloseTo(0.2, 12);
    expect(b.interactivity).toBeCloseTo(0.15, 12);
    expect(b.format).toBeCloseTo(0.3, 12);
    expect(b.multiplier).toBeCloseTo(1.95, 12);
    expect(b.cost).toBeCloseTo(78, 9);
  });

  it('multiplies by the cohort factor k(r) where the workspace has evidence, clamped to [¼, 4]', () => {
    const r = resource('r', ['a'], 40, { quality: 3 });
    // m = 1 + 0.2 = 1.2; k = 2 (it taught half as well as expected): 40 · 1.2 · 2 = 96
    expect(costBreakdown(r, ctx({ cohort: { r: 2 } })).cost).toBeCloseTo(96, 9);
    expect(costBreakdown(r, ctx({ cohort: { other: 2 } })).cohort).toBe(1);
    expect(costBreakdown(r, ctx({ cohort: { r: 100 } })).cohort).toBe(4);
    expect(costBreakdown(r, ctx({ cohort: { r: 0 } })).cohort).toBe(0.25);
    expect(costBreakdown(r, ctx({ cohort: { r: Number.NaN } })).cohort).toBe(1);
  });

  it('format: preferred 0, avoided w_avoided, and no surcharge when nothing is preferred', () => {
    const v = resource('v', ['a'], 10, { type: 'video' });
    expect(costBreakdown(v, ctx({ preferred: new Set(['video']) })).cost).toBe(10);
    expect(costBreakdown(v, ctx({ avoided: new Set(['video']) })).cost).toBeCloseTo(10 * 2.5, 12);
    expect(costBreakdown(v, ctx({ preferred: new Set(['article']) })).cost).toBeCloseTo(13, 12);
  });

  it('a resource at or below the learner’s level has no difficulty surcharge', () => {
    const r = resource('r', ['a'], 10, { difficulty: 3 });
    expect(costBreakdown(r, ctx({ level: 3 })).difficulty).toBe(0);
    expect(costBreakdown(r, ctx({ level: 5 })).difficulty).toBe(0);
  });

  it('reads the learner’s level from the hardest concept they know', () => {
    const g = graphOf([concept('a', { difficulty: 2 }), concept('b', { difficulty: 4 })], []);
    expect(learnerLevel(g, [])).toBe(1);
    expect(learnerLevel(g, ['a'])).toBe(2);
    expect(learnerLevel(g, ['a', 'b', 'not-in-graph'])).toBe(4);
  });

  it('refuses weights that would make a resource free or negative', () => {
    expect(() => resolveWeights({ time: 0 })).toThrow(/time weight/);
    expect(() => resolveWeights({ quality: -1 })).toThrow(/quality=-1/);
    expect(resolveWeights({ quality: 2 }).quality).toBe(2);
  });
});
