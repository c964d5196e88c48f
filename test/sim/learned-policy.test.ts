import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/core/errors.ts';
import { ACTIONS, type Observation } from '../../src/core/sim/episode.ts';
import { FEATURE_COUNT, FEATURES, validActions } from '../../src/core/sim/features.ts';
import { DEFAULT_FQI, trainFqi } from '../../src/core/sim/fqi.ts';
import { explainAction, learnedPolicy, parsePolicyFile, POLICY_FORMAT, POLICY_VERSION } from '../../src/core/sim/learned-policy.ts';
import { crispVariant, observation, twoConceptCourse } from './fixture.ts';

const obs = observation;

const allowed = (o: Observation) => ACTIONS.filter((_, k) => validActions(o)[k]);

describe('the shield: what the learned policy may choose', () => {
  it('on arrival: read the plan or ask first; never skip blind, no hint or swap before a miss', () => {
    expect(allowed(obs())).toEqual(['proceed', 'quiz']);
  });

  it('after two misses on a studied concept with a weak prerequisite: hint, swap, go back, once each', () => {
    const o = obs({ recent: [-1, -1, 0], wrongStreak: 2, attempts: 1, studied: 1, plannedLeft: 0, prereqs: 1, prereqWeak: 1, prereqMin: 0.2 });
    expect(allowed(o)).toEqual(['substitute', 'remediate', 'hint', 'quiz']);
    expect(allowed({ ...o, visitSubstitutes: 1, visitRemediations: 1, visitHints: 2, attempts: 2 })).toEqual(['skip', 'quiz']);
  });

  it('moving on is always possible once nothing is left to ask', () => {
    expect(allowed(obs({ plannedLeft: 0, freshItems: 0 }))).toEqual(['skip']);
  });
});

describe('the learned policy', () => {
  it('takes the valid action of highest value, and explains it in one line', () => {
    const weights = ACTIONS.map((a) => FEATURES.map((f) => (f === 'bias' ? (a === 'quiz' ? 2 : a === 'skip' ? 5 : 1) : 0)));
    const p = learnedPolicy(weights);
    // skip has the highest value but is not allowed on arrival: quiz next.
    expect(p.decide(obs())).toBe('quiz');
    expect(p.decide(obs({ mastered: true }))).toBe('skip');
    const line = explainAction(obs(), 'quiz');
    expect(line).not.toContain('\n');
    expect(line).toMatch(/skip the reading/);
  });

  it('reads only a file of this version with these features and actions, naming the file', () => {
    const good = {
      format: POLICY_FORMAT,
      version: POLICY_VERSION,
      trainedWith: { command: 'pathwise simulate train --seed 1', seed: 1, variant: 'standard', goals: ['g'] },
      features: [...FEATURES],
      actions: [...ACTIONS],
      weights: ACTIONS.map(() => new Array(FEATURE_COUNT).fill(0)),
    };
    expect(parsePolicyFile(good, 'p.json').version).toBe(POLICY_VERSION);
    expect(() => parsePolicyFile({ ...good, version: POLICY_VERSION + 1 }, 'p.json')).toThrow(ContentError);
    expect(() => parsePolicyFile({ ...good, features: FEATURES.slice(1) }, 'p.json')).toThrow(/p\.json[\s\S]*train it again/);
    expect(() => parsePolicyFile({ ...good, weights: [[1]] }, 'p.json')).toThrow(/weights/);
  });
});

describe('fitted Q-iteration', () => {
  const course = twoConceptCourse();
  const options = { ...DEFAULT_FQI, courses: [course], variant: crispVariant(), budget: () => 600, rounds: 2, learners: 6, iterations: 10 };

  it('is deterministic under a seed', () => {
    const a = trainFqi({ ...options, seed: 4 });
    const b = trainFqi({ ...options, seed: 4 });
    expect(b.weights).toEqual(a.weights);
    expect(a.weights.flat().every(Number.isFinite)).toBe(true);
    expect(a.rounds.map((r) => r.transitions)).toEqual(b.rounds.map((r) => r.transitions));
  });

  it('ships the mean of its runs: seeds S … S + E − 1 trained alone, averaged weight by weight', () => {
    const runs = [4, 5, 6].map((seed) => trainFqi({ ...options, ensemble: 1, seed }));
    const mean = trainFqi({ ...options, ensemble: 3, seed: 4 });
    expect(mean.transitions).toBe(runs.reduce((n, r) => n + r.transitions, 0));
    mean.weights.forEach((row, a) => row.forEach((w, k) => expect(w).toBeCloseTo(runs.reduce((s, r) => s + r.weights[a]![k]!, 0) / 3, 9)));
    // The runs differ: averaging is not a no-op.
    expect(runs[1]!.weights).not.toEqual(runs[0]!.weights);
  });
});
