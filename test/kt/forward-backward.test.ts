import { describe, expect, it } from 'vitest';
import { BELIEF_MARGIN, predictCorrect, update, type BktParams } from '../../src/core/kt/bkt.ts';
import { eStep, predictOneStep, Stat, STAT_COUNT } from '../../src/core/kt/forward-backward.ts';
import { DEFAULT_EM_OPTIONS, mStep } from '../../src/core/kt/em.ts';
import type { SkillSequences } from '../../src/core/kt/sequences.ts';
import { seededRng } from '../../src/core/random.ts';

const seq = (skill: string, ...sequences: number[][]): SkillSequences => {
  const starts = [0];
  for (const s of sequences) starts.push(starts.at(-1)! + s.length);
  return { skill, obs: Uint8Array.from(sequences.flat()), starts: Int32Array.from(starts) };
};

const run = (data: SkillSequences, p: BktParams) => {
  const stats = new Float64Array(STAT_COUNT);
  const ll = eStep(data, p, stats, new Float64Array(2 * data.obs.length));
  return { ll, stats };
};

describe('forward-backward, worked by hand', () => {
  it('standard BKT on ✗ then ✓', () => {
    // L=0.4, T=0.2, G=0.2, S=0.1, F=0; answers o₁=0, o₂=1.
    // Forward:
    //   p₁ = 0.4.  o₁=0: k = 0.4·0.1 = 0.04, u = 0.6·0.8 = 0.48, c₁ = 0.52, a₁ = 0.04/0.52 = 1/13
    //   p₂ = a₁ + (1−a₁)·0.2 = 1/13 + (12/13)(1/5) = 17/65
    //   o₂=1: k = (17/65)·0.9 = 15.3/65, u = (48/65)·0.2 = 9.6/65, c₂ = 24.9/65, a₂ = 15.3/24.9 = 51/83
    //   log-likelihood = ln(c₁c₂) = ln(0.52 · 24.9/65) = ln(0.1992)
    // Backward (γ₂ = a₂ = 51/83):
    //   r₁ = γ₂/p₂ = (51/83)/(17/65) = 195/83;  r₀ = (1−γ₂)/(1−p₂) = (32/83)/(48/65) = 130/249
    //   ξ(0→1) = T(1−a₁)r₁ = (1/5)(12/13)(195/83) = 36/83
    //   ξ(1→1) = (1−F)a₁r₁ = (1/13)(195/83) = 15/83;  ξ(1→0) = 0
    //   ξ(0→0) = (1−T)(1−a₁)r₀ = (4/5)(12/13)(130/249) = 32/83   (the four ξ sum to 1)
    //   γ₁ = ξ(1→0) + ξ(1→1) = 15/83
    const p: BktParams = { prior: 0.4, learn: 0.2, guess: 0.2, slip: 0.1, forget: 0 };
    const data = seq('s', [0, 1]);
    const { ll, stats } = run(data, p);
    expect(ll).toBeCloseTo(Math.log(0.1992), 9);
    expect(stats[Stat.Known]).toBeCloseTo(15 / 83 + 51 / 83, 9);
    expect(stats[Stat.KnownCorrect]).toBeCloseTo(51 / 83, 9);
    expect(stats[Stat.KnownFirst]).toBeCloseTo(15 / 83, 9);
    expect(stats[Stat.KnownLast]).toBeCloseTo(51 / 83, 9);
    expect(stats[Stat.Learned]).toBeCloseTo(36 / 83, 9);
    expect(stats[Stat.Forgot]).toBe(0);

    // M-step on these counts (n = 2 answers, m = 1 sequence, C = 1 correct):
    //   prior = 15/83
    //   learn = Λ / ((n−m) − (K − K_T)) = (36/83) / (1 − 15/83) = 36/68 = 9/17
    //   guess = (C − Kc)/(n − K) = (32/83)/(100/83) = 0.32
    //   slip  = (K − Kc)/K = (15/83)/(66/83) = 5/22
    const next = mStep(data, p, stats, DEFAULT_EM_OPTIONS);
    expect(next.prior).toBeCloseTo(15 / 83, 9);
    expect(next.learn).toBeCloseTo(9 / 17, 9);
    expect(next.guess).toBeCloseTo(0.32, 9);
    expect(next.slip).toBeCloseTo(5 / 22, 9);
    expect(next.forget).toBe(0);

    // One step ahead: P(✓₁) = 0.4·0.9 + 0.6·0.2 = 0.48;  P(✓₂) = c₂ for a correct answer = 24.9/65
    const out = new Float64Array(2);
    predictOneStep(data, p, out);
    expect(out[0]).toBeCloseTo(0.48, 9);
    expect(out[1]).toBeCloseTo(24.9 / 65, 9);
  });

  it('BKT with forgetting on ✓ then ✗', () => {
    // L=0.5, T=0.1, F=0.2, G=0.25, S=0.25; answers o₁=1, o₂=0.
    // Forward:
    //   p₁ = 0.5.  o₁=1: k = 0.5·0.75 = 0.375, u = 0.5·0.25 = 0.125, c₁ = 0.5, a₁ = 0.75
    //   p₂ = 0.75·0.8 + 0.25·0.1 = 0.625
    //   o₂=0: k = 0.625·0.25 = 0.15625, u = 0.375·0.75 = 0.28125, c₂ = 0.4375, a₂ = 5/14
    //   log-likelihood = ln(0.5 · 0.4375) = ln(0.21875)
    // Backward (γ₂ = 5/14):
    //   r₁ = (5/14)/(5/8) = 4/7;  r₀ = (9/14)/(3/8) = 12/7
    //   ξ(0→1) = 0.1·0.25·4/7 = 1/70     ξ(0→0) = 0.9·0.25·12/7 = 27/70
    //   ξ(1→0) = 0.2·0.75·12/7 = 18/70   ξ(1→1) = 0.8·0.75·4/7 = 24/70   (sum 70/70)
    //   γ₁ = 18/70 + 24/70 = 0.6
    const p: BktParams = { prior: 0.5, learn: 0.1, guess: 0.25, slip: 0.25, forget: 0.2 };
    const data = seq('s', [1, 0]);
    const { ll, stats } = run(data, p);
    expect(ll).toBeCloseTo(Math.log(0.21875), 9);
    expect(stats[Stat.Known]).toBeCloseTo(0.6 + 5 / 14, 9);
    expect(stats[Stat.KnownCorrect]).toBeCloseTo(0.6, 9);
    expect(stats[Stat.KnownFirst]).toBeCloseTo(0.6, 9);
    expect(stats[Stat.KnownLast]).toBeCloseTo(5 / 14, 9);
    expect(stats[Stat.Learned]).toBeCloseTo(1 / 70, 9);
    expect(stats[Stat.Forgot]).toBeCloseTo(18 / 70, 9);
    // M-step: forget = Φ / (K − K_T) = (18/70) / 0.6 = 3/7; learn = (1/70) / (1 − 0.6) = 1/28
    const next = mStep(data, p, stats, { ...DEFAULT_EM_OPTIONS, forgets: true });
    expect(next.forget).toBeCloseTo(3 / 7, 9);
    expect(next.learn).toBeCloseTo(1 / 28, 9);
  });

  it('sums sequences independently: each restarts from the prior', () => {
    const p: BktParams = { prior: 0.4, learn: 0.2, guess: 0.2, slip: 0.1, forget: 0 };
    const both = run(seq('s', [0, 1], [0, 1]), p);
    const one = run(seq('s', [0, 1]), p);
    expect(both.ll).toBeCloseTo(2 * one.ll, 12);
    expect(both.stats[Stat.Learned]).toBeCloseTo(2 * one.stats[Stat.Learned]!, 12);
  });

  it('log-likelihood equals the sum of log one-step predictions on long sequences (no underflow)', () => {
    // 3,000 answers in one sequence: the running product of cₜ must be folded into logs before it underflows.
    const rng = seededRng(5);
    const answers: number[] = Array.from({ length: 3000 }, () => (rng() < 0.6 ? 1 : 0));
    const p: BktParams = { prior: 0.3, learn: 0.05, guess: 0.3, slip: 0.2, forget: 0.02 };
    const data = seq('s', answers);
    const out = new Float64Array(answers.length);
    predictOneStep(data, p, out);
    const expected = answers.reduce((s, o, t) => s + Math.log(o ? out[t]! : 1 - out[t]!), 0);
    expect(run(data, p).ll).toBeCloseTo(expected, 6);
    expect(Number.isFinite(expected)).toBe(true);
  });
});

describe('predictOneStep uses the shared BKT equations (src/core/kt/bkt.ts)', () => {
  it('agrees with a chain of predictCorrect / update while the belief is not saturated', () => {
    const rng = seededRng(11);
    for (let trial = 0; trial < 50; trial++) {
      const p: BktParams = { prior: rng(), learn: rng() * 0.5, guess: rng() * 0.5, slip: rng() * 0.5, forget: trial % 2 ? rng() * 0.2 : 0 };
      const answers = Array.from({ length: 1 + Math.floor(rng() * 30) }, () => (rng() < 0.5 ? 1 : 0));
      const out = new Float64Array(answers.length);
      predictOneStep(seq('s', answers), p, out);
      let belief = p.prior;
      for (const [t, o] of answers.entries()) {
        // Past this the tracer's belief is held off certainty (BELIEF_MARGIN) and the two part ways on purpose.
        if (belief <= BELIEF_MARGIN || belief >= 1 - BELIEF_MARGIN) break;
        expect(out[t]).toBeCloseTo(predictCorrect(belief, p), 10);
        belief = update(belief, o === 1, p);
      }
    }
  });
});

describe('P(unknown) is carried on its own, so a long run of right answers does not round the belief to certainty', () => {
  // Standard BKT (F = 0), G = 0.1, S = 0.1, T = 0.05: each right answer shrinks
  // P(unknown) about ninefold, so after 40 of them it is ~1e-38 and
  // 1 − P(unknown) is exactly 1 in floating point. Exact Bayes: each wrong
  // answer then multiplies the odds of "unknown" by (1−G)/S·(1−T) ≈ 8.55, so
  // 60 wrong answers (8.55⁶⁰ ≈ 1e56 against odds of ~1e-39) bring the
  // prediction back to ≈ G: "never knew it, guessed 40 times" beats "knew it,
  // slipped 60 times".
  const p: BktParams = { prior: 0.5, learn: 0.05, guess: 0.1, slip: 0.1, forget: 0 };
  const answers = [...Array<number>(40).fill(1), ...Array<number>(60).fill(0)];
  const data = seq('s', answers);

  it('one-step predictions fall back towards the guess rate after the wrong answers', () => {
    const out = new Float64Array(answers.length);
    predictOneStep(data, p, out);
    expect(out[39]).toBeCloseTo(0.9, 9); // certain of "known": 1 − S
    expect(out[99]).toBeLessThan(0.15); // ~G after the run of wrong answers
    // A belief held as one number, 1 − P(unknown), would still say 1 − S here: it rounds to 1 during the streak.
    let scalar = p.prior;
    for (const o of answers.slice(0, 99)) {
      const k = o ? scalar * (1 - p.slip) : scalar * p.slip;
      const u = o ? (1 - scalar) * p.guess : (1 - scalar) * (1 - p.guess);
      scalar = k / (k + u) + (1 - k / (k + u)) * p.learn;
    }
    expect(scalar).toBe(1);
    expect(predictCorrect(scalar, p)).toBeCloseTo(0.9, 9);
    // The coach's tracer holds one number too, but kept off certainty (BELIEF_MARGIN), so it comes down as well.
    let belief = p.prior;
    for (const o of answers.slice(0, 99)) belief = update(belief, o === 1, p);
    expect(predictCorrect(belief, p)).toBeLessThan(0.5);
  });

  it('the E-step sees the same: the wrong answers are explained by "unknown"', () => {
    const stats = new Float64Array(STAT_COUNT);
    eStep(data, p, stats, new Float64Array(2 * data.obs.length));
    // Known − KnownCorrect = expected answers given while knowing, over the 60
    // wrong ones. Exact posterior: "unknown throughout" (0.1⁴⁰·0.9⁶⁰ ≈ 2e-43)
    // outweighs "known from the start" (0.9⁴⁰·0.1⁶⁰ ≈ 1e-62) by ~1e19; what is
    // left is learning just before the last answer or two (T·S/(1−G) ≈ 0.006
    // each). A belief rounded to 1 at the streak would put all 60 on "known".
    const knownWhileWrong = stats[Stat.Known]! - stats[Stat.KnownCorrect]!;
    expect(knownWhileWrong).toBeLessThan(0.05);
  });
});
