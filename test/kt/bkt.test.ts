import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BELIEF_MARGIN,
  bktParamProblems,
  DEFAULT_BKT,
  DEFAULT_MASTERY_THRESHOLD,
  isMastered,
  posterior,
  predictCorrect,
  transition,
  update,
  type BktParams,
} from '../../src/core/kt/bkt.ts';
import {
  createBktParamSource,
  defaultParamsForDifficulty,
  initialMastery,
  priorFromSelfAssessment,
  withSelfAssessment,
} from '../../src/core/kt/bkt-params.ts';

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-9);

describe('BKT update, worked by hand', () => {
  // DEFAULT_BKT: T = 0.2, G = 0.2, S = 0.1, F = 0.
  it('a correct answer from p = 0.1', () => {
    // posterior = p(1−S) / (p(1−S) + (1−p)G) = 0.1·0.9 / (0.09 + 0.9·0.2) = 0.09 / 0.27 = 1/3
    close(posterior(0.1, true, DEFAULT_BKT), 1 / 3);
    // transition = 1/3 + (2/3)·0.2 = 5/15 + 2/15 = 7/15
    close(transition(1 / 3, DEFAULT_BKT), 7 / 15);
    close(update(0.1, true, DEFAULT_BKT), 7 / 15);
  });

  it('then an incorrect answer from p = 7/15', () => {
    // posterior = pS / (pS + (1−p)(1−G)) = (7/15)(0.1) / ((7/15)(0.1) + (8/15)(0.8)) = 0.7 / (0.7 + 6.4) = 7/71
    close(posterior(7 / 15, false, DEFAULT_BKT), 7 / 71);
    // transition = 7/71 + (64/71)(0.2) = (7 + 12.8)/71 = 19.8/71 = 99/355
    close(update(7 / 15, false, DEFAULT_BKT), 99 / 355);
  });

  it('predicts P(correct) = p(1−S) + (1−p)G', () => {
    // (7/15)(0.9) + (8/15)(0.2) = (6.3 + 1.6)/15 = 79/150
    close(predictCorrect(7 / 15, DEFAULT_BKT), 79 / 150);
  });

  it('three correct answers from 0.1 reach mastery, two do not', () => {
    // p1 = 7/15 (above).
    // p2: posterior = (7/15)(0.9) / ((7/15)(0.9) + (8/15)(0.2)) = 6.3/7.9 = 63/79;
    //     transition = 63/79 + (16/79)(0.2) = 66.2/79 = 331/395 ≈ 0.838
    // p3: posterior = 331·0.9 / (331·0.9 + 64·0.2) = 297.9/310.7 = 2979/3107;
    //     transition = (2979 + 128·0.2)/3107 = 3004.6/3107 ≈ 0.96704 ≥ 0.95
    const p1 = update(0.1, true, DEFAULT_BKT);
    const p2 = update(p1, true, DEFAULT_BKT);
    const p3 = update(p2, true, DEFAULT_BKT);
    close(p2, 331 / 395);
    close(p3, 3004.6 / 3107);
    expect(isMastered(p2)).toBe(false);
    expect(isMastered(p3)).toBe(true);
    expect(DEFAULT_MASTERY_THRESHOLD).toBe(0.95);
    // A stricter caller can ask for more.
    expect(isMastered(p3, 0.97)).toBe(false);
  });

  it('forgetting pulls the belief down after the observation', () => {
    const params: BktParams = { prior: 0.5, learn: 0.1, guess: 0.25, slip: 0.05, forget: 0.2 };
    // posterior = 0.5·0.95 / (0.475 + 0.5·0.25) = 0.475/0.6 = 19/24
    close(posterior(0.5, true, params), 19 / 24);
    // transition = (19/24)(0.8) + (5/24)(0.1) = (15.2 + 0.5)/24 = 157/240
    close(update(0.5, true, params), 157 / 240);
  });
});

describe('BKT belief never rounds to certainty', () => {
  it('after a long streak of right answers, wrong answers still bring mastery down', () => {
    let p = DEFAULT_BKT.prior;
    for (let i = 0; i < 100; i++) p = update(p, true, DEFAULT_BKT);
    expect(p).toBe(1 - BELIEF_MARGIN);
    let wrong = 0;
    while (isMastered(p) && wrong < 50) {
      p = update(p, false, DEFAULT_BKT);
      wrong++;
    }
    // odds of "not known" ×8 per wrong answer, ×0.8 for learning: 1e-9 → below mastery in 10.
    expect(wrong).toBe(10);
    expect(isMastered(p)).toBe(false);
  });

  it('a long run of wrong answers leaves room to learn', () => {
    let p = DEFAULT_BKT.prior;
    for (let i = 0; i < 100; i++) p = update(p, false, { ...DEFAULT_BKT, learn: 0 });
    expect(p).toBe(BELIEF_MARGIN);
    expect(update(p, true, DEFAULT_BKT)).toBeGreaterThan(0.2);
  });
});

describe('BKT properties', () => {
  const prob = fc.double({ min: 0, max: 1, noNaN: true });
  /** Non-degenerate parameters: guess < 1 − slip and learn + forget ≤ 1 (see bktParamProblems). */
  const params = fc
    .record({ prior: prob, learn: prob, guess: prob, slip: prob, forget: prob })
    .filter((p) => bktParamProblems(p).length === 0);
  const seeded = (seed: number) => ({ seed, numRuns: 2000 });

  it('every probability stays in [0, 1]', () => {
    fc.assert(
      fc.property(prob, fc.boolean(), params, (p, correct, ps) => {
        for (const v of [posterior(p, correct, ps), transition(p, ps), update(p, correct, ps), predictCorrect(p, ps)]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }),
      seeded(1),
    );
  });

  it('a correct answer never lowers mastery (no forgetting), never lowers the posterior, and beats a wrong one', () => {
    // Beliefs the tracer can hold: update keeps them within BELIEF_MARGIN of 0 and 1.
    const belief = fc.double({ min: BELIEF_MARGIN, max: 1 - BELIEF_MARGIN, noNaN: true });
    fc.assert(
      fc.property(belief, params, (p, ps) => {
        expect(posterior(p, true, ps)).toBeGreaterThanOrEqual(p - 1e-12);
        expect(update(p, true, { ...ps, forget: 0 })).toBeGreaterThanOrEqual(p - 1e-12);
        // With forgetting the next belief can fall, but a right answer always leaves it at least as high as a wrong one.
        expect(update(p, true, ps)).toBeGreaterThanOrEqual(update(p, false, ps) - 1e-12);
      }),
      seeded(2),
    );
  });

  it('an incorrect answer never raises the posterior', () => {
    fc.assert(
      fc.property(prob, params, (p, ps) => {
        expect(posterior(p, false, ps)).toBeLessThanOrEqual(p + 1e-12);
      }),
      seeded(3),
    );
  });
});

describe('parameter checks and sources', () => {
  it('names what is wrong with a parameter set', () => {
    expect(bktParamProblems(DEFAULT_BKT)).toEqual([]);
    expect(bktParamProblems({ ...DEFAULT_BKT, learn: 1.5 })).toEqual(['learn must be a probability in [0, 1], got 1.5']);
    expect(bktParamProblems({ ...DEFAULT_BKT, guess: 0.6, slip: 0.5 })[0]).toMatch(/guess \(0.6\) must be below 1 − slip/);
    expect(bktParamProblems({ ...DEFAULT_BKT, learn: 0.7, forget: 0.4 })[0]).toMatch(/learn \+ forget/);
  });

  it('difficulty-aware defaults: prior 0.05, learn 0.015 … 0.005 per quiz answer, slip 0.05 … 0.15', () => {
    close(defaultParamsForDifficulty(1).learn, 0.015);
    close(defaultParamsForDifficulty(5).learn, 0.005);
    close(defaultParamsForDifficulty(2).prior, 0.05);
    close(defaultParamsForDifficulty(1).slip, 0.05);
    close(defaultParamsForDifficulty(5).slip, 0.15);
    const d3 = defaultParamsForDifficulty(3);
    close(d3.learn, 0.01);
    close(d3.slip, DEFAULT_BKT.slip);
    expect(defaultParamsForDifficulty(9)).toEqual(defaultParamsForDifficulty(5));
  });

  it('uses fitted parameters by concept id and falls back to (difficulty-aware) defaults', () => {
    const source = createBktParamSource({
      fitted: { python: { prior: 0.3, learn: 0.25 } },
      difficultyOf: (id) => (id === 'pandas' ? 5 : undefined),
    });
    expect(source.paramsFor('python')).toEqual({ ...defaultParamsForDifficulty(3), prior: 0.3, learn: 0.25 });
    expect(source.paramsFor('pandas')).toEqual(defaultParamsForDifficulty(5));
    expect(source.paramsFor('anything-else')).toEqual(defaultParamsForDifficulty(3));
  });

  it('refuses degenerate fitted parameters, naming the concept', () => {
    expect(() => createBktParamSource({ fitted: new Map([['sql', { guess: 0.7, slip: 0.4 }]]) })).toThrow(/sql: guess/);
  });

  it('a self-assessment sets the prior, below the mastery threshold', () => {
    expect(priorFromSelfAssessment('some')).toBe(0.4);
    expect(withSelfAssessment(DEFAULT_BKT, 'solid').prior).toBe(0.8);
    expect(isMastered(priorFromSelfAssessment('solid'))).toBe(false);
    const source = createBktParamSource();
    expect(initialMastery(source, ['python', 'git'], { python: 'some' })).toEqual({ python: 0.4, git: defaultParamsForDifficulty(3).prior });
  });
});
