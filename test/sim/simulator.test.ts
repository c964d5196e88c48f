import { describe, expect, it } from 'vitest';
import { itemGuess, observe } from '../../src/core/kt/bkt.ts';
import { seededRng } from '../../src/core/random.ts';
import { beta } from '../../src/core/sim/distributions.ts';
import { Episode } from '../../src/core/sim/episode.ts';
import { evaluatePolicy, runEpisode } from '../../src/core/sim/evaluate.ts';
import { answer, drawLearner, learnChance, sessionBreak, study } from '../../src/core/sim/learner.ts';
import { fixedPolicy, masteryPolicy, rulesPolicy } from '../../src/core/sim/policies.ts';
import { crispVariant, twoConceptCourse } from './fixture.ts';

/** An rng that returns the given values in turn (then repeats the last). */
const script = (...xs: number[]) => {
  let k = 0;
  return () => xs[Math.min(k++, xs.length - 1)]!;
};

/** An episode on `course` whose learner already knows its first concept and never slips. */
function episodeKnowingFirst(course: ReturnType<typeof twoConceptCourse>, budgetMinutes: number): Episode {
  const L = drawLearner(course, crispVariant({ slip: [0, 1, 2, 3, 4].map(() => ({ mean: 1e-9, kappa: 1e9 })) }), seededRng(1));
  L.known[0] = 1;
  L.knownCount = 1;
  return new Episode(course, L, seededRng(2), { budgetMinutes, revisit: 'unmastered' });
}

describe('distributions', () => {
  it('Beta draws have the mean they are given', () => {
    const rng = seededRng(3);
    let sum = 0;
    for (let k = 0; k < 20_000; k++) sum += beta(rng, { mean: 0.3, kappa: 5 });
    expect(sum / 20_000).toBeCloseTo(0.3, 2);
  });
});

describe('simulated learner', () => {
  const course = twoConceptCourse();

  it('learns with 1 − (1 − P)^x, and much less while a prerequisite is unknown', () => {
    const L = drawLearner(course, crispVariant({ prereqGate: 0.15 }), seededRng(1));
    // a has no prerequisite: base 0.5, factor 2 → 1 − 0.5² = 0.75
    expect(learnChance(L, course.concepts[0]!, 0.5, 2)).toBeCloseTo(0.75, 6);
    // b needs a, which is unknown (prior 0): exponent 0.15 → 1 − 0.5^0.15
    expect(learnChance(L, course.concepts[1]!, 0.5, 1)).toBeCloseTo(1 - Math.pow(0.5, 0.15), 6);
  });

  it('studying a preferred-format resource teaches with the format factor in the exponent', () => {
    const v = crispVariant({ preferredFactor: 2, dislikedFactor: 1 });
    const L = drawLearner(course, v, seededRng(1));
    L.preferred = 0; // video
    L.disliked = 6;
    // P(learn b from the video) with a known: 1 − 0.5^(0.95 · 2) ≈ 0.732; a draw of 0.73 learns, 0.74 does not.
    L.known[0] = 1;
    L.knownCount = 1;
    expect(study(L, course, course.concepts[1]!.alternatives[0]!, script(0.74), false)).toBe(0);
    expect(study(L, course, course.concepts[1]!.alternatives[0]!, script(0.73), false)).toBe(1);
    expect(L.known[1]).toBe(1);
    expect(L.fragile[1]).toBe(1);
  });

  it('answers with slip when known, guess floored at 1/k, 0.5 on cued items when test-wise, recall when seen', () => {
    const L = drawLearner(course, crispVariant({ recall: 0.9 }), seededRng(1));
    const plain = { options: 4, cued: false };
    const cued = { options: 4, cued: true };
    // Unknown, guess 0.2 < 1/4: right iff draw < 0.25.
    expect(answer(L, 0, plain, false, script(0.24))).toBe(true);
    expect(answer(L, 0, plain, false, script(0.26))).toBe(false);
    L.testWise = true;
    expect(answer(L, 0, cued, false, script(0.49))).toBe(true);
    L.testWise = false;
    expect(answer(L, 0, cued, false, script(0.49))).toBe(false);
    expect(answer(L, 0, plain, true, script(0.89))).toBe(true);
    // Known, slip 0.1: wrong iff draw < 0.1.
    L.known[0] = 1;
    expect(answer(L, 0, plain, false, script(0.09))).toBe(false);
    expect(answer(L, 0, plain, false, script(0.11))).toBe(true);
  });

  it('forgets fragile knowledge at the first break only; what survives is kept', () => {
    const L = drawLearner(course, crispVariant({ consolidatedForget: 0 }), seededRng(1));
    L.known[0] = 1;
    L.fragile[0] = 1;
    L.known[1] = 1;
    L.fragile[1] = 1;
    L.knownCount = 2;
    // forget 0.2: a draw of 0.1 loses a, 0.5 keeps b (now consolidated)
    expect(sessionBreak(L, script(0.1, 0.5))).toBe(1);
    expect([L.known[0], L.known[1], L.fragile[1], L.knownCount]).toEqual([0, 1, 0, 1]);
    expect(sessionBreak(L, script(0))).toBe(0);
    expect(L.known[1]).toBe(1);
  });
});

describe('episode: the coach side', () => {
  it("traces the coach's belief exactly as the coach does (observe, per-item guess)", () => {
    const course = twoConceptCourse();
    const L = drawLearner(course, crispVariant(), seededRng(1));
    const ep = new Episode(course, L, seededRng(2), { budgetMinutes: 1000, revisit: 'unmastered' });
    ep.act('quiz');
    ep.act('quiz');
    const c = course.concepts[0]!;
    const obs = ep.observation();
    // Recompute from the recorded answers: item 0 (plain), item 1 (cued).
    const r0 = obs.recent[1] === 1;
    const r1 = obs.recent[0] === 1;
    let p = observe(c.coach.prior, r0, { ...c.coach, guess: itemGuess(c.coach.guess, 4, false) }, true);
    p = observe(p, r1, { ...c.coach, guess: itemGuess(c.coach.guess, 4, true) }, false);
    expect(ep.belief(0)).toBeCloseTo(p, 12);
    expect(ep.minutes).toBe(3);
    expect(ep.steps).toBe(2);
  });

  it('counts an item once per session as evidence, and a sitting per session', () => {
    const course = twoConceptCourse();
    // The coach's tracer learns little per quiz answer: start it where studying the resource would have put it.
    course.concepts[0]!.coach = { ...course.concepts[0]!.coach, prior: 0.5 };
    const ep = episodeKnowingFirst(course, 1000);
    for (let k = 0; k < 6; k++) ep.act('quiz');
    const o = ep.observation();
    expect(o.itemsToGo).toBe(0);
    expect(o.freshItems).toBe(0);
    expect(o.mastered).toBe(true); // difficulty 1: one sitting is enough
  });

  it('tells the policy how often this learner answers right before studying (first answers only, smoothed)', () => {
    const course = twoConceptCourse();
    const ep = episodeKnowingFirst(course, 10_000);
    expect(ep.observation().pretestRight).toBe(0.25);
    ep.act('quiz'); // a, known, not studied: right on first sight
    ep.act('quiz'); // a second answer is not a first sight
    expect(ep.observation().pretestRight).toBe(2 / 5);
    ep.act('skip');
    ep.act('proceed'); // b studied first: its answers are not before study
    ep.act('quiz');
    expect(ep.observation().pretestRight).toBe(2 / 5);
  });

  it('tells the policy how often this learner answers right on concepts they have studied (smoothed, ½ without evidence)', () => {
    const course = twoConceptCourse();
    const ep = episodeKnowingFirst(course, 10_000);
    expect(ep.observation().studiedRight).toBe(0.5);
    ep.act('quiz'); // a, not studied yet: not counted here
    expect(ep.observation().studiedRight).toBe(0.5);
    ep.act('proceed'); // studies a
    ep.act('quiz'); // known, no slip: right
    expect(ep.observation().studiedRight).toBe(2 / 3);
  });

  it('tells the policy what a swap would cost: the alternative, or without one the planned resource again at half', () => {
    const course = twoConceptCourse();
    const ep = episodeKnowingFirst(course, 10_000);
    // a has no alternative: the 20-minute article again, half its minutes and half its share.
    expect(ep.observation()).toMatchObject({ altLeft: false, swapMinutes: 10, swapShare: 0.5 });
    ep.act('skip');
    // b has a 30-minute video covering it fully.
    expect(ep.observation()).toMatchObject({ concept: 1, altLeft: true, swapMinutes: 30, swapShare: 1 });
    ep.act('substitute');
    // Used: nothing else left, so the planned article again.
    expect(ep.observation()).toMatchObject({ altLeft: false, swapMinutes: 20, swapShare: 0.5 });
  });

  it('proceed studies the plan, then moves on; the goal ends when the coach judges all mastered', () => {
    const course = twoConceptCourse();
    const L = drawLearner(course, crispVariant(), seededRng(1));
    const ep = new Episode(course, L, seededRng(2), { budgetMinutes: 10_000, revisit: 'unmastered' });
    ep.act('proceed');
    expect(ep.minutes).toBe(20);
    ep.act('proceed');
    expect(ep.current).toBe(1);
  });
});

describe('policies over the simulator', () => {
  const course = twoConceptCourse();
  const v = crispVariant({ resource: [0, 1, 2, 3, 4].map(() => ({ mean: 0.9, kappa: 50 })) });

  it('is deterministic under a seed, and a different seed gives different learners', () => {
    const a = evaluatePolicy(course, v, rulesPolicy, 50, 11);
    const b = evaluatePolicy(course, v, rulesPolicy, 50, 11);
    const c = evaluatePolicy(course, v, rulesPolicy, 50, 12);
    expect(b).toEqual(a);
    expect(c.minutesToMastery.mean).not.toBe(a.minutesToMastery.mean);
  });

  it('fixed studies once then asks 7 items per concept; mastery stops asking once the rule is met', () => {
    const fixed = runEpisode(course, v, fixedPolicy, 5, 0, 60 + 14 * 1.5 + 1);
    // One pass: 20 + 40 minutes of study, 14 items, 2 moves; then the budget ends it.
    expect(fixed.steps).toBeGreaterThanOrEqual(16);
    const m = runEpisode(course, v, masteryPolicy, 5, 0, 10_000);
    expect(m.finished || m.minutes >= 10_000).toBe(true);
    expect(m.claimed).toBeLessThanOrEqual(2);
  });

  it('reports bootstrap intervals around the mean', () => {
    const s = evaluatePolicy(course, v, masteryPolicy, 40, 3);
    for (const x of [s.minutesToMastery, s.finalMastery, s.falseMastery]) {
      expect(x.lo).toBeLessThanOrEqual(x.mean + 1e-9);
      expect(x.hi).toBeGreaterThanOrEqual(x.mean - 1e-9);
    }
  });
});

describe('practice needs exposure', () => {
  it('teaches a tenth as much before any resource on the concept, fully after a complete one', async () => {
    const { exposureFactor } = await import('../../src/core/sim/learner.ts');
    const course = twoConceptCourse();
    const L = drawLearner(course, crispVariant({ resource: [0, 1, 2, 3, 4].map(() => ({ mean: 1e-9, kappa: 1e9 })) }), seededRng(1));
    expect(exposureFactor(L, 0)).toBeCloseTo(0.1, 12);
    study(L, course, course.concepts[0]!.planned[0]!, seededRng(2), false);
    expect(exposureFactor(L, 0)).toBe(1);
  });
});

describe('the oracle baseline', () => {
  it('reads the latent state: skips a concept the learner knows, studies one they do not', async () => {
    const { oraclePolicy } = await import('../../src/core/sim/policies.ts');
    const course = twoConceptCourse();
    const L = drawLearner(course, crispVariant(), seededRng(1));
    const ep = new Episode(course, L, seededRng(2), { budgetMinutes: 1000, revisit: 'all' });
    expect(oraclePolicy.decide(ep.observation())).toBe('proceed');
    L.known[0] = 1;
    L.knownCount = 1;
    expect(oraclePolicy.decide(ep.observation())).toBe('skip');
  });
});

describe("the coach's side mirrors the coach (bkt-params.ts, coach/flows/today.ts)", () => {
  it('a finished resource moves the belief by the study step at its depth; a quiz answer by the small per-quiz defaults', () => {
    const course = twoConceptCourse();
    const L = drawLearner(course, crispVariant(), seededRng(1));
    const ep = new Episode(course, L, seededRng(2), { budgetMinutes: 1000, revisit: 'unmastered' });
    ep.act('proceed'); // a's article, complete: 0.05 + 0.95 × 0.4
    expect(ep.belief(0)).toBeCloseTo(0.43, 12);
    expect(ep.belief(1)).toBeCloseTo(0.05, 12); // the article does not teach b
    // Studying it again (a repeat for the learner) is still a finished resource for the coach.
    ep.act('substitute');
    expect(ep.belief(0)).toBeCloseTo(0.43 + 0.57 * 0.4, 12);
    expect(course.concepts[1]!.coach.learn).toBeCloseTo(0.0125, 12); // difficulty 2: 0.015 − 0.0025
  });

  it('compiles the step per finished part, and the per-quiz defaults by difficulty', async () => {
    const { concept, goal, graphOf, resource: res, NO_PREFERENCES } = await import('../plan/fixtures.ts');
    const { planPath } = await import('../../src/core/plan/planner.ts');
    const { compileCourse } = await import('../../src/core/sim/course.ts');
    const part = (id: string, depth: 'overview' | 'core') => ({ id, title: id, url: `https://example.org/${id}`, minutes: 30, teaches: ['x'], depth: { x: depth } });
    const book = res('book', ['x'], 60, { depth: { x: 'complete' }, parts: [part('ch1', 'core'), part('ch2', 'overview')] });
    const graph = graphOf([concept('x', { difficulty: 3 })], [book], [goal('g', ['x'])]);
    const course = compileCourse(graph, 'g', planPath(graph, { goals: ['g'], mastery: {}, preferences: NO_PREFERENCES }));
    const x = course.concepts[0]!;
    // Two parts finished, core then overview: 1 − (1 − 0.25)(1 − 0.1).
    expect(x.planned[0]!.coachLearn.get(0)).toBeCloseTo(1 - 0.75 * 0.9, 12);
    expect(x.coach.learn).toBeCloseTo(0.01, 12); // 0.015 − 0.0025 × 2
    expect(x.coach.slip).toBeCloseTo(0.1, 12);
  });
});
