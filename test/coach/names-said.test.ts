/**
 * Names a learner says, read at the coach's interface with the shipped
 * roadmaps and word vectors: a common word a one-word name also is ("react",
 * "express") is the word only where the phrase uses it as a verb, so "switch
 * to react" or "I want to do react" still set React; and the "Do you want to
 * make X your goal?" offer that a name or "where do I start with X" gets
 * takes a typed "yes" as its answer, as its button does, and "no" keeps the
 * path as it is.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';
import { usedAsVerb } from '../../src/coach/flows/names-said.ts';
import { CoachHarness } from '../support/coach-harness.ts';

const shipped = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph;
const said = (x: string) => ` ${x} `;

describe('a common word used as a verb', () => {
  it('is a verb after an infinitive "to", a subject or a modal', () => {
    for (const [text, word] of [
      ['how to express it', 'express'],
      ['i want to express myself', 'express'],
      ['i want to go', 'go'],
      ['how can i react', 'react'],
    ] as const) {
      expect(usedAsVerb(said(text), word), text).toBe(true);
    }
  });

  it('is a name after "to" that says where to ("switch to", "new to", "from … to") and after "do"', () => {
    for (const [text, word] of [
      ['i want to switch to react', 'react'],
      ['moving to express', 'express'],
      ['i m new to react', 'react'],
      ['an intro to express', 'express'],
      ['from angular to react', 'react'],
      ['i want to do react', 'react'],
      ['learn react', 'react'],
    ] as const) {
      expect(usedAsVerb(said(text), word), text).toBe(false);
    }
  });
});

describe('goals said with a common word', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  for (const text of ['I want to switch to react', 'I want to do react', 'from angular to react']) {
    it(`"${text}" sets React before a goal`, async () => {
      h = await CoachHarness.create({ meaning: true, graph: shipped });
      await h.say('hi');
      expect(await h.say(text)).toMatch(/Goal: React\./);
    });
  }
});

describe('"Do you want to make X your goal?"', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  it('a typed "yes" takes the goal offered, as the button does; "no" keeps the goal', async () => {
    h = await CoachHarness.create({ meaning: true, graph: shipped });
    await h.onboard('learn sql');
    expect(await h.say('where do I start with docker')).toMatch(/^Do you want to make Docker and containers your goal\?/);
    const yes = await h.say('yes');
    expect(yes).not.toMatch(/Yes or no to what/);
    expect(yes).toMatch(/Add Docker and containers to your goals, or switch from SQL/);
    expect(await h.say('add')).toMatch(/Docker and containers/);
    expect((await h.learner())!.goals).toEqual(['sql', 'docker']);
  });

  it('"no" declines it and keeps the goal', async () => {
    h = await CoachHarness.create({ meaning: true, graph: shipped });
    await h.onboard('learn sql');
    expect(await h.say('how to use express')).toMatch(/^Do you want to make Express your goal\?/);
    const no = await h.say('no');
    expect(no).not.toMatch(/Yes or no to what/);
    expect(no).toMatch(/^No problem: your path to SQL stays as it is\./);
    expect((await h.learner())!.goals).toEqual(['sql']);
  });
});

describe('an unanswered "Do you want to make X your goal?"', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());
  const offer = async () => {
    h = await CoachHarness.create({ meaning: true, graph: shipped });
    await h.onboard('learn sql');
    expect(await h.say('where do I start with docker')).toMatch(/^Do you want to make Docker and containers your goal\?/);
  };
  const stillSql = async (later: string) => {
    expect(await h.say('ok'), later).not.toMatch(/Docker/);
    expect(await h.say('yes'), later).not.toMatch(/Docker/);
    expect((await h.learner())!.goals, later).toEqual(['sql']);
    expect((await h.learner())!.pending, later).toBeNull();
  };

  for (const [later, answer] of [['next', /Today: PostgreSQL/], ['thanks', /welcome/i], ['plan', /Your path to SQL/]] as const) {
    it(`closes when the learner says "${later}": a later "ok" or "yes" takes nothing`, async () => {
      await offer();
      const out = await h.say(later);
      expect(out).not.toMatch(/Docker/);
      expect(out).toMatch(answer);
      await stillSql(later);
    });
  }

  it('closes on a command or another button too', async () => {
    await offer();
    await h.command('today');
    await stillSql('/today');
    await offer();
    await h.press('No');
    await stillSql('No');
  });

  it('closes when a quiz starts, and the quiz keeps its question: "a" answers it, "yes" after it takes no goal', async () => {
    await offer();
    await h.say('quiz me');
    expect(h.asking).toBe(true);
    expect((await h.learner())!.pending).toMatchObject({ kind: 'quiz' });
    const letter = h.answerLetter(true);
    expect(await h.say(letter)).toMatch(/Correct|✅/);
    while (h.asking) await h.answer(true);
    expect(await h.say('yes')).not.toMatch(/Docker/);
    expect((await h.learner())!.goals).toEqual(['sql']);
  });
});

describe('"where do I start with …" a word of the plan', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  it('"the rest", "the next step", "the exercises" and "my goal" are the plan, never REST API design or Next.js; "the rest api" is REST', async () => {
    h = await CoachHarness.create({ meaning: true, graph: shipped });
    await h.onboard('learn sql');
    for (const text of ['where do I start with the rest', 'where do I start with the rest of it', 'where do I start with the next step', 'what should I learn first for the exercises', 'where should I begin with my goal', 'how do I get started with my plan']) {
      const out = await h.say(text);
      expect(out, text).not.toMatch(/REST API|Next\.js|your goal\?/);
      expect(out, text).toMatch(/Today: PostgreSQL 18 manual/);
    }
    expect(await h.say('where do I start with the rest api')).toMatch(/^Do you want to make REST API design your goal\?/);
    expect((await h.learner())!.goals).toEqual(['sql']);
  });
});

describe('words of the plan before a goal', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  it('"where do I start with the next step" names nothing: no plan yet, pick one; "learn next.js" and "Next.js" still offer Next.js', async () => {
    h = await CoachHarness.create({ meaning: true, graph: shipped });
    await h.say('hi');
    for (const text of ['where do I start with the next step', 'where do I start with the next one', "what's the next step", 'the next one', 'where should I begin with my plan']) {
      const out = await h.say(text);
      expect(out, text).not.toMatch(/Next\.js/);
      expect(out, text).toMatch(/There's no plan yet: tell me what you want to learn/);
      expect((await h.learner())!.goals, text).toEqual([]);
    }
    expect(await h.say('learn next.js')).toMatch(/Goal: Next\.js\./);
  });

  it('said first, before any hello, it names nothing either', async () => {
    h = await CoachHarness.create({ meaning: true, graph: shipped });
    const out = await h.say('where do I start with the next step');
    expect(out).not.toMatch(/Next\.js/);
    expect(out).toMatch(/There's no plan yet/);
  });

  it('"Next.js" alone is still Next.js', async () => {
    h = await CoachHarness.create({ meaning: true, graph: shipped });
    await h.say('hi');
    expect(await h.say('Next.js')).toMatch(/Goal: Next\.js\./);
  });
});
