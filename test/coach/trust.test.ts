/**
 * What a learner meets in the first days, through the coach's own interface
 * (the fake chat adapter): quizzes whose layout gives nothing away and take
 * answers however they are typed, mastery that a memoriser cannot reach, a
 * conversation that keeps its thread (short replies are answers, never goals;
 * a new goal asks before replacing; "done" applies once; a restart shows the
 * pending question again), and a day's task that fits the day.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KnowledgeGraph } from '../../src/core/graph/types.ts';
import { buildGraph } from '../../src/core/graph/build.ts';
import { buttonsOf, CoachHarness, textOf } from '../support/coach-harness.ts';
import { fixtureRoadmap } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('quizzes that layout cannot give away', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  it('shows the question and every option in full in the message; the buttons carry only letters and "I don\'t know"', async () => {
    const roadmap = fixtureRoadmap() as { concepts: { quiz: { choices: string[]; answer: string }[] }[] };
    const long = 'It keeps the rows where the value is NULL (NULLs where the join found no match) and drops the rest';
    for (const q of roadmap.concepts[0]!.quiz) {
      q.choices[0] = `${long} ${q.choices[0]}`;
      q.answer = q.choices[0]!;
    }
    const built = buildGraph([{ file: 'f.yaml', data: roadmap }]);
    if (!built.ok) throw new Error('fixture');
    h = await CoachHarness.create({ graph: built.graph as KnowledgeGraph });
    await h.onboard();
    const q = await h.say('quiz me');
    expect(q).toContain(long); // nothing is cut
    expect(q).toMatch(/\nA\. .*\nB\. .*\nC\. .*\nD\. /);
    expect(buttonsOf(h.last).map((b) => b.label)).toEqual(['A', 'B', 'C', 'D', "I don't know"]);
  });

  it('takes an answer as a letter, "b)", "2.", a number, the option text or "idk", and keeps the letters fixed when asked again', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    await h.say('quiz me');
    const right = h.answerLetter(true);
    // Not an answer: the same question again, with the same letters, never a goal change.
    const again = await h.say('what is this even');
    expect(again).toMatch(/That isn't one of the answers\. Answer A–D, say "idk", or say "skip"/);
    expect(h.answerLetter(true)).toBe(right);
    expect(await h.say(`${right.toLowerCase()})`)).toMatch(/✅ Right!/);
    const n = 'ABCD'.indexOf(h.answerLetter(true)) + 1;
    expect(await h.say(`${n}.`)).toMatch(/✅ Right!/);
    expect(await h.say('idk')).toMatch(/The answer is ".*"/);
    const attempts = await h.store.listAttempts(h.learnerId);
    expect(attempts.map((a) => a.correct)).toEqual([true, true, false]);
  });

  it('a second press of an answered button changes nothing and shows where the learner is', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    await h.say('quiz me');
    const first = h.answerButton(true);
    await h.event({ kind: 'action', action: first.action, value: first.value });
    const second = await h.coach.handle({ from: h.from, kind: 'action', action: first.action, value: first.value });
    expect(textOf(second)).toMatch(/You already answered that question\. Here is where you are:[\s\S]*\(2\/3\)/);
    expect(second[0]!.replaceOriginal).toBeUndefined();
    expect(await h.store.listAttempts(h.learnerId)).toHaveLength(1);
  });
});

describe('mastery that means it', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  it('shown mastery never rises after a wrong answer', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    await h.say('quiz me');
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      await h.answer(false);
      seen.push((await h.learner())!.mastery.basics!.p);
    }
    expect(seen[1]).toBeLessThanOrEqual(seen[0]!);
    expect(seen[2]).toBeLessThanOrEqual(seen[1]!);
  });

  it('memorising the shown answers does not reach mastery: seen items feed review until they are due again', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    // Miss three, then keep re-taking quizzes minutes later: the answers have been shown.
    await h.say('quiz me on basics');
    while (h.asking) await h.answer(false);
    const low = (await h.learner())!.mastery.basics!.p;
    for (let round = 0; round < 6; round++) {
      h.clock.advance(2 * 60_000);
      const intro = await h.say('quiz me on basics');
      if (round >= 2) expect(intro).toMatch(/recently, so (they|those) count for review, not mastery/);
      while (h.asking) await h.answer(true);
    }
    const l = (await h.learner())!;
    // Seven fresh items existed: at most four more counted, and the shown belief is not "mastered".
    expect(l.mastery.basics!.p).toBeGreaterThan(low);
    expect(await h.say('progress')).not.toMatch(/Programming Basics[^\n]*mastered/i);
    const counted = l.mastery.basics!.observed!;
    expect(counted).toBeLessThanOrEqual(7);
    expect(l.mastery.basics!.attempts).toBe(21);
  });

  it('a harder concept needs a second sitting, an hour or more after the first', async () => {
    h = await CoachHarness.create();
    await h.onboard('I want to become a devops engineer');
    await h.say('quiz me on docker');
    while (h.asking) await h.answer(true);
    await h.say('quiz me on docker');
    while (h.asking) await h.answer(true);
    // Six right answers in one sitting: the belief is high, but Docker (difficulty 3) is not mastered yet.
    expect(textOf(h.last)).toMatch(/Docker mastery is 94% \(95% moves you on, and it also needs a second sitting/);
    expect(textOf(h.last)).not.toMatch(/mastered Docker/);
    h.clock.advance(2 * HOUR);
    await h.say('quiz me on docker');
    let said = '';
    while (h.asking) said = await h.answer(true);
    expect(said + textOf(h.last)).toMatch(/mastered Docker/);
  });
});

describe('a conversation that keeps its thread', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  it('"b" is never read as a goal, in a quiz or out of one', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    const reply = await h.say('b');
    expect(reply).not.toMatch(/your goal/);
    expect((await h.learner())!.goals).toEqual(['data-analyst']);
  });

  it('a new goal while one exists asks add or switch, and "add" keeps both', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    expect(await h.say('I want to learn docker')).toMatch(/Add Docker to your goals, or switch from Data Analyst to Docker\?/);
    expect((await h.learner())!.goals).toEqual(['data-analyst']);
    expect(await h.say('add')).toMatch(/Added Docker: your goals are now Data Analyst and Docker/);
    expect((await h.learner())!.goals).toEqual(['data-analyst', 'docker']);
  });

  it('"done" applies once, to the task last shown', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    const plan = (await h.learner())!.plan!.steps.map((s) => s.resourceId);
    expect(await h.say('done')).toMatch(/Done: Programming Basics Course/);
    while (h.asking) await h.answer(true);
    const second = await h.say('done');
    expect(second).toMatch(/You've already marked your last task done\. Here's what's next/);
    const l = (await h.learner())!;
    expect(l.plan!.steps.filter((s) => s.status === 'done').map((s) => s.resourceId)).toEqual([plan[0]]);
    // Now it was shown: the next "done" marks it.
    expect(await h.say('done')).toMatch(/Done: /);
  });

  it('after a restart the pending question is shown again, and a typed "3" answers it', async () => {
    const dir = tempDir().dir;
    h = await CoachHarness.create({ dir });
    await h.onboard();
    await h.say('quiz me');
    const right = h.answerLetter(true);
    await h.cleanup();
    h = await CoachHarness.create({ dir });
    expect(await h.say('hi')).toMatch(/Welcome back! You were in the middle of a question:[\s\S]*\(1\/3\)/);
    expect(h.answerLetter(true)).toBe(right);
    const n = String('ABCD'.indexOf(right) + 1);
    expect(await h.say(n)).toMatch(/✅ Right!/);
    expect((await h.learner())!.goals).toEqual(['data-analyst']);
  });
});

describe("today's task fits the day", () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  it('a long resource comes a day at a time with a stopping point, and resumes there', async () => {
    const roadmap = fixtureRoadmap() as { resources: { id: string; minutes?: number; parts?: unknown[] }[] };
    const course = roadmap.resources.find((r) => r.id === 'basics-course')!;
    delete course.minutes;
    course.parts = [
      { title: 'Unit 1', minutes: 20 },
      { title: 'Unit 2', minutes: 70 },
    ];
    const built = buildGraph([{ file: 'f.yaml', data: roadmap }]);
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    h = await CoachHarness.create({ graph: built.graph });
    await h.onboard(); // 30 min a day
    const day1 = await h.say('today');
    expect(day1).toMatch(/Today: Programming Basics Course — Unit 1 \(course, 20 min\)/);
    expect(await h.say('done')).toMatch(/Done: Programming Basics Course — Unit 1 \(\+20 min\)/);
    while (h.asking) await h.say('skip');
    h.clock.advance(DAY);
    const day2 = await h.say('today');
    expect(day2).toMatch(/Unit 2 \(course: minutes 0–30 of 70; stop around minute 30/);
    // What is left of the part after today, said as an amount.
    expect(day2).toMatch(/After today, 40 min of it is left\./);
    await h.say('done');
    h.clock.advance(DAY);
    expect(await h.say('today')).toMatch(/Unit 2 \(course: minutes 30–60 of 70/);
    const step = (await h.learner())!.plan!.steps.find((s) => s.resourceId === 'basics-course')!;
    expect(step).toMatchObject({ status: 'todo', progress: { part: 1, minute: 30 } });
  });
});

describe("a turn's writes, in one order", () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  it('a failed attempt write saves nothing of the turn: mastery unchanged, the question still pending, and the retry records one attempt', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    await h.say('quiz me');
    const before = (await h.learner())!;
    const right = h.answerButton(true);
    const original = h.store.appendAttempt.bind(h.store);
    let fail = 1;
    h.store.appendAttempt = async (a) => {
      if (fail-- > 0) throw new Error('disk full');
      return original(a);
    };
    expect(await h.event({ kind: 'action', action: right.action, value: right.value })).toMatch(/Sorry, something went wrong on my side/);
    const after = (await h.learner())!;
    expect(after.mastery).toEqual(before.mastery);
    expect(after.pending).toEqual(before.pending);
    expect(await h.store.listAttempts(h.learnerId)).toHaveLength(0);
    // Pressed again: it goes through, once.
    expect(await h.event({ kind: 'action', action: right.action, value: right.value })).toMatch(/✅ Right!/);
    expect(await h.store.listAttempts(h.learnerId)).toHaveLength(1);
  });
});
