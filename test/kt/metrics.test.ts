import { describe, expect, it } from 'vitest';
import { auc, rmse } from '../../src/core/kt/metrics.ts';
import { seededRng } from '../../src/core/random.ts';

const f = (xs: number[]) => Float64Array.from(xs);
const u = (xs: number[]) => Uint8Array.from(xs);

describe('auc', () => {
  it('counts pairs ranked right, ties as one half (worked by hand)', () => {
    // positives 0.8, 0.4, 0.4; negatives 0.4, 0.2.
    // 0.8 beats both (2); each 0.4 beats 0.2 (1) and ties 0.4 (½): 1.5 each. Sum 5 over 3·2 pairs.
    expect(auc(f([0.8, 0.4, 0.4, 0.4, 0.2]), u([1, 1, 1, 0, 0]))).toBeCloseTo(5 / 6, 12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, ½ for constant predictions', () => {
    expect(auc(f([0.9, 0.8, 0.1]), u([1, 1, 0]))).toBe(1);
    expect(auc(f([0.1, 0.2, 0.9]), u([1, 1, 0]))).toBe(0);
    expect(auc(f([0.5, 0.5, 0.5, 0.5]), u([1, 0, 1, 0]))).toBe(0.5);
  });

  it('is NaN when one class is missing', () => {
    expect(auc(f([0.3, 0.4]), u([1, 1]))).toBeNaN();
  });

  it('matches counting every pair on random data', () => {
    const rng = seededRng(4);
    const n = 400;
    // Coarse values so that ties happen.
    const pred = f(Array.from({ length: n }, () => Math.round(rng() * 20) / 20));
    const label = u(Array.from({ length: n }, (_, i) => (rng() < 0.3 + 0.4 * pred[i]! ? 1 : 0)));
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (label[i] === 1 && label[j] === 0) {
          pairs++;
          wins += pred[i]! > pred[j]! ? 1 : pred[i] === pred[j] ? 0.5 : 0;
        }
    expect(auc(pred, label)).toBeCloseTo(wins / pairs, 12);
  });
});

describe('rmse', () => {
  it('is the root of the mean squared error (worked by hand)', () => {
    // errors 0.2, −0.6, 0 → squares 0.04, 0.36, 0 → mean 0.4/3
    expect(rmse(f([0.8, 0.6, 1]), u([1, 0, 1]))).toBeCloseTo(Math.sqrt(0.4 / 3), 12);
  });
});
