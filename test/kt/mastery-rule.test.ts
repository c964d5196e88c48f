/**
 * Mastery that means it: the shown belief never rises on a miss, learning is
 * credited between opportunities, guessing is priced per item, and the rule
 * wants distinct items over sittings. Hand-worked numbers.
 */
import { describe, expect, it } from 'vitest';
import { itemGuess, observe, update, type BktParams } from '../../src/core/kt/bkt.ts';
import { countsAsEvidence, DEFAULT_MASTERY_RULE, judgeMastery, nextSittings, shownBelief } from '../../src/core/kt/mastery-rule.ts';

const P: BktParams = { prior: 0.1, learn: 0.2, guess: 0.25, slip: 0.1, forget: 0 };

describe('observe: the belief given the evidence', () => {
  it('first answer: Bayes only, no learning credit (0.1 → 0.2857 on a right answer)', () => {
    // 0.1·0.9 / (0.1·0.9 + 0.9·0.25) = 0.09 / 0.315
    expect(observe(0.1, true, P, true)).toBeCloseTo(0.09 / 0.315, 12);
    // 0.1·0.1 / (0.01 + 0.9·0.75) = 0.01 / 0.685
    expect(observe(0.1, false, P, true)).toBeCloseTo(0.01 / 0.685, 12);
  });

  it('later answers: learning since the last opportunity first, then Bayes (0.2857 → 0.7297)', () => {
    const p1 = 0.09 / 0.315;
    const q = p1 + (1 - p1) * 0.2; // 0.428571…
    expect(observe(p1, true, P, false)).toBeCloseTo((q * 0.9) / (q * 0.9 + (1 - q) * 0.25), 12);
  });

  it('three misses never raise the shown belief (the old update read 10% → 26% → 27% → 28%)', () => {
    let old = 0.1;
    const oldSeen = [old];
    let p = 0.1;
    const seen = [p];
    for (let i = 0; i < 3; i++) {
      old = update(old, false, { ...P, guess: 0.2 });
      oldSeen.push(old);
      p = observe(p, false, P, i === 0);
      seen.push(p);
    }
    expect(oldSeen[1]).toBeGreaterThan(oldSeen[0]!); // the defect, reproduced
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeLessThanOrEqual(seen[i - 1]!);
  });

  it('holds the belief on a miss even when learning would outweigh its evidence (large T, small S)', () => {
    const fast: BktParams = { prior: 0.01, learn: 0.3, guess: 0.3, slip: 0.15, forget: 0 };
    // Bayes(T(0.01), ✗) = 0.307·0.15 / (0.04605 + 0.693·0.7) ≈ 0.0867 > 0.01: held at 0.01.
    expect(observe(0.01, false, fast, false)).toBe(0.01);
  });

  it('a right answer never lowers it', () => {
    for (const p of [0.01, 0.3, 0.6, 0.94, 0.99]) expect(observe(p, true, P, false)).toBeGreaterThanOrEqual(p);
  });
});

describe('itemGuess', () => {
  it('is 1/k for k options, 0.5 for a cued item, never below the concept guess', () => {
    expect(itemGuess(0.2, 4, false)).toBe(0.25);
    expect(itemGuess(0.2, 3, false)).toBeCloseTo(1 / 3, 12);
    expect(itemGuess(0.2, 4, true)).toBe(0.5);
    expect(itemGuess(0.3, 5, false)).toBe(0.3);
  });

  it('a right answer to a cued item is weaker evidence than to a clean one', () => {
    expect(observe(0.1, true, { ...P, guess: itemGuess(P.guess, 4, true) }, true)).toBeLessThan(observe(0.1, true, P, true));
  });
});

describe('the mastery rule', () => {
  const easy = { difficulty: 2, quizSize: 7 };
  const hard = { difficulty: 3, quizSize: 7 };

  it('needs the belief, three distinct right items, and two sittings from difficulty 3', () => {
    expect(judgeMastery({ p: 0.99, rightItems: ['a', 'b', 'c'], sittings: 1 }, easy).mastered).toBe(true);
    expect(judgeMastery({ p: 0.99, rightItems: ['a', 'b', 'a'], sittings: 1 }, easy)).toMatchObject({ mastered: false, missing: ['items'], itemsToGo: 1 });
    expect(judgeMastery({ p: 0.99, rightItems: ['a', 'b', 'c'], sittings: 1 }, hard)).toMatchObject({ mastered: false, missing: ['sittings'] });
    expect(judgeMastery({ p: 0.99, rightItems: ['a', 'b', 'c'], sittings: 2 }, hard).mastered).toBe(true);
    expect(judgeMastery({ p: 0.9, rightItems: ['a', 'b', 'c'], sittings: 2 }, hard)).toMatchObject({ mastered: false, missing: ['belief'] });
  });

  it('a concept with fewer items than the rule asks needs all of them', () => {
    expect(judgeMastery({ p: 0.99, rightItems: ['a', 'b'], sittings: 1 }, { difficulty: 1, quizSize: 2 }).mastered).toBe(true);
  });

  it('shows a high belief without the evidence just under the threshold', () => {
    const v = judgeMastery({ p: 0.99, rightItems: ['a'], sittings: 1 }, easy);
    expect(shownBelief(0.99, v)).toBeCloseTo(0.94, 12);
    expect(shownBelief(0.5, v)).toBe(0.5);
  });

  it('an item counts as evidence when never answered or due again, not while its card is waiting', () => {
    const now = new Date('2026-03-02T08:00:00Z');
    expect(countsAsEvidence(null, now)).toBe(true);
    expect(countsAsEvidence({ due: '2026-03-02T07:59:59Z' }, now)).toBe(true);
    expect(countsAsEvidence({ due: '2026-03-03T08:00:00Z' }, now)).toBe(false);
  });

  it('a sitting starts an hour after the previous one began', () => {
    const t0 = new Date('2026-03-02T08:00:00Z');
    const s1 = nextSittings({ sittings: 0 }, t0);
    expect(s1.sittings).toBe(1);
    expect(nextSittings(s1, new Date(t0.getTime() + 59 * 60_000)).sittings).toBe(1);
    expect(nextSittings(s1, new Date(t0.getTime() + DEFAULT_MASTERY_RULE.sittingGapMs)).sittings).toBe(2);
  });
});
