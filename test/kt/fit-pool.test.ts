import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EM_OPTIONS } from '../../src/core/kt/em.ts';
import { groupBySkill } from '../../src/core/kt/sequences.ts';
import { FitPool, fitSkills } from '../../src/kt/fit-pool.ts';
import { simulate } from './support/synthetic.ts';

const skills = groupBySkill(
  simulate(
    Array.from({ length: 7 }, (_, i) => ({
      skill: `skill-${i}`,
      params: { prior: 0.1 + 0.1 * i, learn: 0.05 + 0.03 * i, guess: 0.15 + 0.02 * i, slip: 0.05 + 0.01 * i, forget: 0.02 * (i % 3) },
    })),
    { learners: 120, minAnswers: 1, maxAnswers: 5 + 4 * 3, seed: 21 },
  ),
);

describe('FitPool (worker threads)', () => {
  const pool = FitPool.start(2);
  afterAll(() => pool.close());

  it('gives exactly the single-threaded results, in input order', async () => {
    for (const forgets of [false, true]) {
      const options = { ...DEFAULT_EM_OPTIONS, forgets, seed: 1234 };
      const threaded = await fitSkills(skills, options, pool);
      const single = await fitSkills(skills, options, null);
      expect(threaded.map((f) => f.skill)).toEqual(skills.map((s) => s.skill));
      expect(threaded).toEqual(single);
    }
  });

  it('can be reused and handles an empty list', async () => {
    expect(await pool.fitAll([], DEFAULT_EM_OPTIONS)).toEqual([]);
    const again = await pool.fitAll(skills.slice(0, 2), DEFAULT_EM_OPTIONS);
    expect(again).toHaveLength(2);
  });

  it('reports a skill that fails in a worker instead of hanging, and refuses work after it', async () => {
    const own = FitPool.start(1);
    try {
      // A skill with no data throws inside the worker (reading `obs` of null).
      const noData = null as unknown as (typeof skills)[number];
      await expect(own.fitAll([noData], DEFAULT_EM_OPTIONS)).rejects.toThrow(/failed in a worker/);
      await expect(own.fitAll(skills.slice(0, 1), DEFAULT_EM_OPTIONS)).rejects.toThrow(/a fit worker failed/);
    } finally {
      await own.close();
    }
  });
});
