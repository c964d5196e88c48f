/**
 * FSRS fitted to the learner (issue #19, item 7): a learner with 300 or more
 * answers gets their own FSRS weights when a review starts (the real fsrs-rs
 * optimizer through the binding), and a fast forgetter's cards then come back
 * sooner than the defaults would bring them; below 300 the defaults stay.
 * The earlier answers are simulated from a known fast-forgetting parameter
 * set (core/review/review-sim.ts) and stored as attempts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CoachHarness } from '../support/coach-harness.ts';
import { bindingFitter } from '../../src/engines/fsrs/binding-fitter.ts';
import { forgetterWeights, simulateReviews } from '../../src/core/review/review-sim.ts';
import { seededRng } from '../../src/core/random.ts';
import { gradeFor, reviewCard } from '../../src/core/review/review-cards.ts';
import { REVIEW_PARAMS_VERSION } from '../../src/core/review/review-params.ts';

/**
 * Onboards, stores `past` simulated answers of a fast forgetter, answers a
 * quiz right after 20 seconds each (Good), and reviews the first card when it
 * falls due (the review starts the fit), again Good: the interval it gets,
 * and the one FSRS-6's default weights give the card, as they had scheduled
 * it, for the same answer.
 */
async function reviewIntervalAfter(h: CoachHarness, past: number) {
  const sim = simulateReviews(forgetterWeights(0.25), { cards: Math.ceil(past / 6), reviewsPerCard: 6, start: new Date('2025-10-01T08:00:00Z') }, seededRng(7));
  for (const a of sim.answers.slice(0, past)) await h.store.appendAttempt({ learnerId: h.learnerId, itemId: `old-${a.itemId}`, conceptId: 'old', correct: a.correct, at: a.at.toISOString() });
  await h.onboard();
  await h.say('quiz me');
  for (let i = 0; i < 3 && h.asking; i++) {
    h.clock.advance(20_000);
    await h.answer(true);
  }
  const next = (await h.store.nextDue(h.learnerId))!;
  h.clock.set(next);
  // The card as the default weights left it, before the review (where a fit reschedules the learner's cards).
  const [due] = await h.store.dueCards(h.learnerId, h.clock.now(), 10);
  const before = (await h.store.getCard(h.learnerId, due!.itemId))!;
  expect(await h.say('review')).toMatch(/due for review/);
  const rescheduled = (await h.store.getCard(h.learnerId, due!.itemId))!;
  h.clock.advance(20_000);
  expect(h.answerButton(true).value.split('|')[0]).toBe(due!.itemId);
  await h.answer(true);
  const after = (await h.store.getCard(h.learnerId, due!.itemId))!;
  const byDefaults = reviewCard(before, before, gradeFor(true, 20_000), h.clock.now());
  return { interval: Date.parse(after.due) - h.clock.now().getTime(), defaultInterval: Date.parse(byDefaults.due) - h.clock.now().getTime(), learner: (await h.learner())!, rescheduled, before };
}

describe('FSRS parameters fitted to the learner', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  it('fits a fast forgetter whose fit beats the defaults on held-out cards, and brings their cards back sooner', async () => {
    h = await CoachHarness.create({ reviewFitter: bindingFitter() });
    const r = await reviewIntervalAfter(h, 600);
    expect(r.learner.reviewParams).toMatchObject({ version: REVIEW_PARAMS_VERSION, reviews: 603 });
    expect(r.learner.reviewParams!.keptDefaults).toBeUndefined();
    expect(r.learner.reviewParams!.w).toHaveLength(21);
    // The fitted initial stabilities are below FSRS-6's defaults (0.21, 1.29, 2.31, 8.30), as the simulated learner's are.
    expect(r.learner.reviewParams!.w[2]).toBeLessThan(2.31);
    // Much shorter: here 8 days against 14.
    expect(r.interval).toBeLessThanOrEqual(r.defaultInterval * 0.7);
    // The fit rescheduled the learner's cards from their answers: one Good so far, so the stability is the fitted S₀(Good) = w₂.
    expect((r.rescheduled.card as { stability: number }).stability).toBeCloseTo(r.learner.reviewParams!.w[2]!, 6);
  });

  it('keeps the defaults when the fit predicts the held-out cards worse, and changes no card', async () => {
    // A fit that follows noise: initial stabilities a hundred times too long for this fast forgetter.
    const overfit = forgetterWeights(100);
    h = await CoachHarness.create({ reviewFitter: { fit: () => Promise.resolve(overfit) } });
    const r = await reviewIntervalAfter(h, 600);
    expect(r.learner.reviewParams).toMatchObject({ version: REVIEW_PARAMS_VERSION, reviews: 603, keptDefaults: true });
    expect(r.interval).toBe(r.defaultInterval);
    expect(r.rescheduled.card).toEqual(r.before.card);
  });

  it('does not try a failed fit again at every review: the next try waits for 100 more answers', async () => {
    let calls = 0;
    h = await CoachHarness.create({ reviewFitter: { fit: () => (calls++, Promise.reject(new Error('optimizer unavailable'))) } });
    const r = await reviewIntervalAfter(h, 600);
    expect(calls).toBe(1);
    expect(r.learner.reviewParams).toMatchObject({ reviews: 603, keptDefaults: true });
    expect(r.interval).toBe(r.defaultInterval);
    await h.say('review');
    await h.say('review');
    expect(calls).toBe(1);
  });

  it('keeps the default parameters below 300 answers', async () => {
    h = await CoachHarness.create({ reviewFitter: bindingFitter() });
    const r = await reviewIntervalAfter(h, 280);
    expect(r.learner.reviewParams).toBeUndefined();
    expect(r.interval).toBe(r.defaultInterval);
    expect(r.rescheduled.card).toEqual(r.before.card);
  });
});
