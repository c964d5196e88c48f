import { describe, expect, it } from 'vitest';
import type { BktParams } from '../../src/core/kt/bkt.ts';
import { DEFAULT_EM_OPTIONS, fitSkill, randomStart, runEm, type EmOptions } from '../../src/core/kt/em.ts';
import { eStep, STAT_COUNT } from '../../src/core/kt/forward-backward.ts';
import { groupBySkill } from '../../src/core/kt/sequences.ts';
import { seededRng } from '../../src/core/random.ts';
import { simulate } from './support/synthetic.ts';

/**
 * Recovery tolerances: 4 standard deviations of each estimate, measured by
 * fitting 20 independently simulated data sets of exactly this size
 * (3,000 learners, 4–20 answers each, ≈36,000 answers; data seeds 100–119)
 * with the default options. Measured SDs — standard: prior 0.0092, learn
 * 0.0040, guess 0.0042, slip 0.0014; with forgetting: prior 0.013, learn
 * 0.0054, guess 0.0091, slip 0.0026, forget 0.0032. Every mean estimate was
 * within 1 SD of the truth (EM is unbiased here, up to its stopping
 * tolerance), so a miss beyond 4 SD means a bug, not bad luck.
 */
const SIZE = { learners: 3000, minAnswers: 4, maxAnswers: 20 };

function expectNear(got: BktParams, want: BktParams, tol: Record<keyof BktParams, number>): void {
  for (const k of Object.keys(tol) as (keyof BktParams)[]) {
    expect(Math.abs(got[k] - want[k]), `${k}: got ${got[k]}, want ${want[k]} ± ${tol[k]}`).toBeLessThanOrEqual(tol[k]);
  }
}

describe('EM recovers the parameters synthetic data was drawn from', () => {
  it('standard BKT', () => {
    const truth: BktParams = { prior: 0.3, learn: 0.15, guess: 0.2, slip: 0.1, forget: 0 };
    const [data] = groupBySkill(simulate([{ skill: 'a', params: truth }], { ...SIZE, seed: 100 }));
    const fit = fitSkill(data!, DEFAULT_EM_OPTIONS);
    expectNear(fit.params, truth, { prior: 0.037, learn: 0.016, guess: 0.017, slip: 0.006, forget: 0 });
    expect(fit.responses).toBe(data!.obs.length);
    expect(fit.sequences).toBe(3000);
  });

  it('BKT with forgetting', () => {
    const truth: BktParams = { prior: 0.4, learn: 0.2, guess: 0.25, slip: 0.08, forget: 0.06 };
    const [data] = groupBySkill(simulate([{ skill: 'a', params: truth }], { ...SIZE, seed: 100 }));
    const fit = fitSkill(data!, { ...DEFAULT_EM_OPTIONS, forgets: true });
    expectNear(fit.params, truth, { prior: 0.054, learn: 0.022, guess: 0.036, slip: 0.011, forget: 0.013 });
  });
});

describe('EM iterations', () => {
  const truth: BktParams = { prior: 0.3, learn: 0.15, guess: 0.2, slip: 0.1, forget: 0.03 };
  const [data] = groupBySkill(simulate([{ skill: 'a', params: truth }], { learners: 300, minAnswers: 2, maxAnswers: 15, seed: 3 }));

  it('never lower the log-likelihood, even with a bound active', () => {
    // maxGuess 0.1 is below the true guess (0.2): the M-step clamps it every time.
    const options: EmOptions = { ...DEFAULT_EM_OPTIONS, forgets: true, maxGuess: 0.1 };
    const stats = new Float64Array(STAT_COUNT);
    const scratch = new Float64Array(2 * data!.obs.length);
    let params = randomStart(seededRng(1), options);
    let prev = -Infinity;
    for (let i = 1; i <= 40; i++) {
      const next = runEm(data!, params, { ...options, maxIterations: 1, tolerance: 0 }, stats, scratch).params;
      const ll = eStep(data!, next, stats, scratch);
      expect(ll).toBeGreaterThanOrEqual(prev - 1e-9);
      expect(next.guess).toBeLessThanOrEqual(0.1);
      prev = ll;
      params = next;
    }
  });

  it('keep every parameter inside its bounds', () => {
    const fit = fitSkill(data!, { ...DEFAULT_EM_OPTIONS, forgets: true, maxGuess: 0.3, maxSlip: 0.05 });
    const p = fit.params;
    for (const v of [p.prior, p.learn, p.forget, p.guess, p.slip]) expect(v).toBeGreaterThanOrEqual(1e-6);
    expect(p.guess).toBeLessThanOrEqual(0.3);
    expect(p.slip).toBeLessThanOrEqual(0.05);
  });

  it('stop at the iteration cap', () => {
    const r = runEm(data!, randomStart(seededRng(2), DEFAULT_EM_OPTIONS), { ...DEFAULT_EM_OPTIONS, maxIterations: 3, tolerance: 0 });
    expect(r.iterations).toBe(3);
  });

  it('report the log-likelihood of the parameters they return', () => {
    const fit = fitSkill(data!, DEFAULT_EM_OPTIONS);
    const ll = eStep(data!, fit.params, new Float64Array(STAT_COUNT), new Float64Array(2 * data!.obs.length));
    expect(fit.logLikelihood).toBe(ll);
  });
});

describe('seeded restarts', () => {
  const skills = groupBySkill(
    simulate(
      [
        { skill: 'x', params: { prior: 0.2, learn: 0.1, guess: 0.25, slip: 0.1, forget: 0 } },
        { skill: 'y', params: { prior: 0.6, learn: 0.3, guess: 0.1, slip: 0.2, forget: 0 } },
      ],
      { learners: 200, minAnswers: 3, maxAnswers: 12, seed: 9 },
    ),
  );

  it('give the same fit for the same seed, whatever order the skills are fitted in', () => {
    const forward = skills.map((s) => fitSkill(s, DEFAULT_EM_OPTIONS));
    const backward = [...skills].reverse().map((s) => fitSkill(s, DEFAULT_EM_OPTIONS)).reverse();
    expect(backward).toEqual(forward);
  });

  it('start elsewhere with another seed', () => {
    const a = randomStart(seededRng(1), DEFAULT_EM_OPTIONS);
    const b = randomStart(seededRng(2), DEFAULT_EM_OPTIONS);
    expect(a).not.toEqual(b);
  });

  it('keep the best of several restarts', () => {
    const one = fitSkill(skills[0]!, { ...DEFAULT_EM_OPTIONS, restarts: 1 });
    const five = fitSkill(skills[0]!, { ...DEFAULT_EM_OPTIONS, restarts: 5 });
    expect(five.logLikelihood).toBeGreaterThanOrEqual(one.logLikelihood);
  });
});
