/**
 * Career conversations through the whole coach: jobs for the skills a
 * learner names, a move from their occupation into tech, and the questions
 * behind "I want a better job"; every answer names O*NET and offers a button
 * that sets the goal. The careers come from the small fixture catalogue.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, CoachHarness } from '../support/coach-harness.ts';

let h: CoachHarness;
afterEach(async () => h?.cleanup());

describe('career conversations', () => {
  it('"what jobs can I get with Excel and SQL?" ranks occupations by what the learner has, with the hours of the gap, and sets the goal from a button', async () => {
    h = await CoachHarness.create();
    const out = await h.say('What jobs can I get with Excel and SQL?');
    expect(out).toContain('Business Intelligence Analysts: you have 2 of its 3 in-demand technologies (Structured query language SQL, Microsoft Excel)');
    expect(out).toMatch(/our Data Analyst goal: about [\d.]+ h to learn/);
    expect(out).toContain('O*NET');
    expect(out).toContain('CC BY 4.0');
    expect(out.indexOf('Business Intelligence')).toBeLessThan(out.indexOf('Network and Computer Systems') === -1 ? Infinity : out.indexOf('Network and Computer Systems'));
    const goalSet = await h.press('Set goal: Data Analyst');
    expect(goalSet).toContain('Goal: Data Analyst');
    expect((await h.learner())!.goals).toEqual(['data-analyst']);
  });

  it('counts what the learner has mastered: knowing SQL shortens the gap', async () => {
    h = await CoachHarness.create();
    const before = await h.say('what jobs can I get with Excel?');
    const hoursBefore = Number(/Data Analyst goal: about ([\d.]+) h/.exec(before)?.[1]);
    const after = await h.say('what jobs can I get with Excel and SQL?');
    const hoursAfter = Number(/Data Analyst goal: about ([\d.]+) h/.exec(after)?.[1]);
    expect(hoursAfter).toBeLessThan(hoursBefore);
  });

  it('"I\'m a teacher, how do I move into tech?" starts from the occupation, its related ones and what carries over', async () => {
    h = await CoachHarness.create();
    await h.onboard('I want to learn docker');
    const out = await h.say("I'm a teacher, how do I move into tech?");
    expect(out).toContain('From Secondary School Teachers');
    expect(out).toContain('Instructional Coordinators');
    expect(out).toMatch(/Data Analyst: carries over Microsoft Excel, Python; about [\d.]+ h to learn/);
    expect(out).toContain('O*NET');
    // A goal already exists: the button asks to add or switch, as any new goal does.
    expect(await h.press('Set goal: Data Analyst')).toMatch(/add|switch/i);
  });

  it('"I want a better job" asks what they do, what they like and what they use, then proposes goals', async () => {
    h = await CoachHarness.create();
    expect(await h.say('I want a better job')).toContain('what do you do now?');
    expect(await h.say('high school teacher')).toContain('Which sounds most like you?');
    expect(await h.press('Working with data')).toContain('which tools or skills do you already use?');
    const out = await h.say('Excel and SQL');
    expect(out).toContain('Starting from Secondary School Teachers');
    expect(out).toContain('1. Data Analyst');
    expect(out).not.toContain('DevOps');
    expect(out).toContain('O*NET');
    expect(buttonsOf(h.last).map((b) => b.label)).toContain('Set goal: Data Analyst');
    expect((await h.learner())!.pending).toBeNull();
  });

  it('"I don\'t know" (or "idk", "dunno", "no idea") to "what do you do now?" is no job title: it skips the question, and the proposal starts from what they use', async () => {
    for (const [i, unsure] of ["I don't know", 'idk', 'dunno', 'no idea', 'Not sure.'].entries()) {
      if (i > 0) await h.cleanup();
      h = await CoachHarness.create();
      expect(await h.say('I want a better job')).toContain('what do you do now?');
      expect(await h.say(unsure)).toMatch(/^That's fine, we'll go without it\.\nWhich sounds most like you\?/);
      const p = (await h.learner())!.pending as { kind: string; now?: string };
      expect(p.kind).toBe('career');
      expect(p.now).toBeUndefined();
      expect(await h.say('dunno')).toContain('which tools or skills do you already use?');
      const out = await h.say('Excel and SQL');
      expect(out).toMatch(/^From what you told me, these goals fit best/);
      expect(out).not.toMatch(/Starting from/);
    }
  });

  it('a command in the middle of the questions still works, and the answer is asked for again', async () => {
    h = await CoachHarness.create();
    await h.onboard('I want to learn docker');
    await h.say('I want a better job');
    expect(await h.say('help')).toContain('/pathwise career');
    expect(await h.say('skip')).toContain('Which sounds most like you?');
  });

  it('/career takes skills, or "from" an occupation', async () => {
    h = await CoachHarness.create();
    await h.onboard('I want to learn docker');
    expect(await h.command('career', 'Docker and Linux')).toContain('Network and Computer Systems Administrators: you have 2 of its 3 in-demand technologies');
    expect(await h.command('career', 'from teacher')).toContain('Instructional Coordinators');
    expect(await h.command('career', 'from astronaut')).toContain("couldn't find");
  });
});

describe('goals understood by meaning, in the chat', () => {
  it('a skill described without its name is said back and becomes the goal on yes, and text from elsewhere still gets the menu', async () => {
    h = await CoachHarness.create({ meaning: true });
    const asked = await h.say('package my service so it runs the same on every machine');
    // Understood by meaning alone: said back with what it is, nothing set until the learner agrees.
    expect(asked).toMatch(/I think you mean Docker \(.+\)\. Is that it\?/);
    expect(asked).not.toContain('Goal:');
    expect((await h.learner())!.goals).toEqual([]);
    expect(await h.say('yes')).toContain('Goal: Docker');
    await h.cleanup();
    h = await CoachHarness.create({ meaning: true });
    // A name said needs no asking.
    expect(await h.say('learn docker')).toContain('Goal: Docker');
    await h.cleanup();
    h = await CoachHarness.create({ meaning: true });
    const out = await h.say('how do I bake sourdough bread');
    expect(out).not.toContain('Goal:');
  });
});
