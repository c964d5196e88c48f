/**
 * Which resource works, learned from the cohort (issue #19, item 6), at the
 * coach's interface: a finished resource's quiz records the learner's gain
 * and asks 👍/👎 (buttons, or typed); below 20 learners' outcomes on a
 * concept the plan and the chat are as without any; from 20 the plan takes
 * the resource the evidence favours and says "learners like you found this
 * one helpful" when the evidence backs it; and nothing crosses workspaces.
 *
 * The fixture graph gets a second resource for Programming Basics, "Basics
 * Notes" (an article, 33 minutes, the same quality), which the editorial
 * ranking puts behind the 30-minute course. Other learners' outcomes are
 * added through the store port as the coach adds them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CoachHarness, buttonsOf } from '../support/coach-harness.ts';
import { fixtureGraphWithNotes } from '../support/fixture-graph.ts';
import { HELPFUL_LINE } from '../../src/coach/flows/resource-evidence.ts';

/** Outcomes of `learners` other learners on one resource for Programming Basics, each with gain `gain`. */
async function others(h: CoachHarness, workspace: string, resourceId: string, learners: number, gain: number): Promise<void> {
  await h.store.addResourceOutcome({ workspace, conceptId: 'basics', resourceId, uses: learners, n: learners, gain: learners * gain });
}

/** Onboards `user` in `workspace` (Slack) on the data-analyst goal and returns today's task. */
async function newcomer(h: CoachHarness, workspace: string, user: string): Promise<string> {
  h.from = { platform: 'slack', workspace, channel: 'D1', user };
  await h.onboard();
  return h.command('today');
}

describe('which resource works, from the cohort', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  it('records the gain after a finished resource and its quiz, then a 👍 pressed, in the learner’s workspace only', async () => {
    h = await CoachHarness.create({ graph: fixtureGraphWithNotes() });
    expect(await newcomer(h, 'W1', 'ana')).toMatch(/Today: Programming Basics Course/);
    expect(await h.say('done')).toMatch(/Short quiz on Programming Basics/);
    let text = '';
    for (let i = 0; i < 5 && h.asking; i++) text = await h.answer(true);
    expect(text).toMatch(/Did Programming Basics Course help you\?/);
    const [w1] = await h.store.resourceOutcomes('slack:W1');
    expect(w1).toMatchObject({ conceptId: 'basics', resourceId: 'basics-course', uses: 1, n: 1 });
    expect(w1!.gain).toBeGreaterThan(0);
    expect(await h.press('👍')).toMatch(/Noted as helpful/);
    const [after] = await h.store.resourceOutcomes('slack:W1');
    expect(after).toMatchObject({ uses: 1, n: 1.5 });
    expect(after!.gain).toBeCloseTo(w1!.gain + 0.5, 9);
    // A second press of the old button counts nothing.
    await h.event({ kind: 'action', action: 'resource.feedback', value: 'basics-course|up' });
    expect((await h.store.resourceOutcomes('slack:W1'))[0]!.n).toBe(1.5);
    expect(await h.store.resourceOutcomes('slack:W2')).toEqual([]);
  });

  it('counts a learner once per concept toward the 20, however many of its resources they finish; every gain still counts', async () => {
    h = await CoachHarness.create({ graph: fixtureGraphWithNotes() });
    await newcomer(h, 'W1', 'ana');
    await h.say('done');
    for (let i = 0; i < 5 && h.asking; i++) await h.answer(true);
    await h.press('👍');
    expect((await h.learner())?.evidenceConcepts).toEqual(['basics']);
    // Later Ana finishes the other resource on the same concept, and its quiz follows.
    await h.say('quiz me on programming basics');
    const me = (await h.learner())!;
    expect(me.pending?.kind).toBe('quiz');
    await h.store.putLearner({ ...me, pending: { ...me.pending, after: { resourceId: 'basics-notes', conceptId: 'basics', before: 0.3 } } }, me.version);
    for (let i = 0; i < 5 && h.asking; i++) await h.answer(true);
    const outcomes = await h.store.resourceOutcomes('slack:W1');
    const notes = outcomes.find((o) => o.resourceId === 'basics-notes');
    expect(notes).toMatchObject({ conceptId: 'basics', uses: 0, n: 1 });
    expect(outcomes.reduce((n, o) => n + o.uses, 0)).toBe(1);
  });

  it('takes a typed 👎 in the terminal, and lets anything else move on without one', async () => {
    h = await CoachHarness.create({ graph: fixtureGraphWithNotes(), platform: 'terminal' });
    await h.onboard();
    await h.command('today');
    await h.say('done');
    for (let i = 0; i < 5 && h.asking; i++) await h.answer(i > 0);
    expect(await h.say('👎')).toMatch(/Thanks! Noted/);
    const [o] = await h.store.resourceOutcomes('terminal:local');
    expect(o).toMatchObject({ resourceId: 'basics-course', uses: 1, n: 1.5 });
    expect(o!.gain).toBeLessThan(1);
    expect(buttonsOf(h.last)).toEqual([]);
    // Another learner asked the same question types something else: it is read as usual, and no 👍/👎 is counted.
    h.from = { ...h.from, user: 'bo' };
    await h.onboard();
    await h.command('today');
    await h.say('done');
    for (let i = 0; i < 5 && h.asking; i++) await h.answer(true);
    expect(await h.say('plan')).toMatch(/Your path to Data Analyst/);
    expect(await h.say('yes')).not.toMatch(/Noted/);
    const [both] = await h.store.resourceOutcomes('terminal:local');
    expect(both).toMatchObject({ uses: 2, n: 2.5 });
  });

  it('below 20 learners: the editorial choice and no claim, however clear the evidence', async () => {
    h = await CoachHarness.create({ graph: fixtureGraphWithNotes() });
    // 19 learners: the notes taught nearly all of them, the course almost none.
    await others(h, 'slack:W1', 'basics-notes', 10, 0.95);
    await others(h, 'slack:W1', 'basics-course', 9, 0.02);
    const today = await newcomer(h, 'W1', 'ben');
    expect(today).toMatch(/Today: Programming Basics Course/);
    expect(today).not.toContain(HELPFUL_LINE);
    // 19 learners all taught by the course: still no claim about it.
    await others(h, 'slack:W3', 'basics-course', 19, 0.95);
    const w3 = await newcomer(h, 'W3', 'cy');
    expect(w3).toMatch(/Today: Programming Basics Course/);
    expect(w3).not.toContain(HELPFUL_LINE);
  });

  it('from 20 learners: the plan takes what taught them and says so; another workspace sees none of it', async () => {
    h = await CoachHarness.create({ graph: fixtureGraphWithNotes() });
    await others(h, 'slack:W1', 'basics-notes', 20, 0.9);
    await others(h, 'slack:W1', 'basics-course', 20, 0.05);
    const today = await newcomer(h, 'W1', 'dee');
    expect(today).toMatch(/Today: Basics Notes/);
    expect(today).toContain(HELPFUL_LINE);
    // The same platform, another workspace: the editorial choice, no claim.
    const w2 = await newcomer(h, 'W2', 'eve');
    expect(w2).toMatch(/Today: Programming Basics Course/);
    expect(w2).not.toContain(HELPFUL_LINE);
    // And the course, when the evidence backs it, is claimed for.
    await others(h, 'slack:W3', 'basics-course', 25, 0.95);
    await others(h, 'slack:W3', 'basics-notes', 10, 0.2);
    const w3 = await newcomer(h, 'W3', 'fay');
    expect(w3).toMatch(/Today: Programming Basics Course/);
    expect(w3).toContain(HELPFUL_LINE);
  });

  it('records nothing from a quiz that measured nothing (every question skipped), and asks nothing after misses send the learner elsewhere', async () => {
    h = await CoachHarness.create({ graph: fixtureGraphWithNotes() });
    await newcomer(h, 'W1', 'gus');
    await h.say('done');
    let text = '';
    for (let i = 0; i < 5 && h.asking; i++) text = await h.say('skip');
    expect(text).not.toMatch(/help you\?/);
    expect(await h.store.resourceOutcomes('slack:W1')).toEqual([]);
    // Another learner misses every question: the rule's advice is the last word, but the measured gain is kept.
    await newcomer(h, 'W1', 'hal');
    await h.say('done');
    for (let i = 0; i < 5 && h.asking; i++) text = await h.answer(false);
    expect(text).toMatch(/in a row/);
    expect(text).not.toMatch(/help you\?/);
    expect(await h.store.resourceOutcomes('slack:W1')).toMatchObject([{ resourceId: 'basics-course', uses: 1, n: 1 }]);
  });

  it('keeps a learner on the resource the evidence gave them when the plan is made again for another reason', async () => {
    h = await CoachHarness.create({ graph: fixtureGraphWithNotes() });
    // Close evidence: each learner's draw may go either way, but it must not flip between two replans.
    await others(h, 'slack:W1', 'basics-notes', 20, 0.5);
    await others(h, 'slack:W1', 'basics-course', 20, 0.45);
    for (const user of ['ivy', 'jon', 'kit']) {
      const first = /Today: (Basics Notes|Programming Basics Course)/.exec(await newcomer(h, 'W1', user))?.[1];
      expect(first).toBeDefined();
      for (const minutes of [45, 20, 60, 30]) {
        expect(await h.command('settings', `minutes=${minutes}`)).toMatch(/Saved/);
        expect(await h.command('today')).toContain(`Today: ${first}`);
      }
    }
  });
});
