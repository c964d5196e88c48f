/**
 * Commands are data: every file in commands/ loads and passes the schema the
 * Discord and Slack renderers rely on; broken definitions are refused with
 * the file and the reason; options parse from text or platform options; free
 * text maps to intents.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config.ts';
import { checkCommands, loadCommands } from '../../src/coach/command-loader.ts';
import { parseArgs, usage, type CommandDefinition } from '../../src/coach/command.ts';
import { startTopic, understand } from '../../src/coach/intents.ts';
import { ContentError } from '../../src/core/errors.ts';

const commands = await loadCommands(join(PACKAGE_ROOT, 'commands'));
const settings = commands.find((c) => c.name === 'settings')!;
const quiz = commands.find((c) => c.name === 'quiz')!;

describe('command definitions', () => {
  it('loads the thirteen commands, each complete enough for Discord and Slack', () => {
    expect(commands.map((c) => c.name)).toEqual(['career', 'cohort', 'export', 'forget-me', 'goal', 'help', 'plan', 'profile', 'progress', 'quiz', 'review', 'settings', 'today']);
    for (const c of commands) {
      expect(c.name).toMatch(/^[a-z][a-z0-9-]{0,31}$/);
      expect(c.description.length).toBeLessThanOrEqual(100);
      for (const o of c.options) {
        expect(o.name).toMatch(/^[a-z][a-z0-9-]{0,31}$/);
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(100);
        expect(['string', 'integer', 'number', 'boolean']).toContain(o.type);
      }
    }
  });

  it('refuses a broken definition with the file and what is wrong', () => {
    const bad = { name: 'Bad Name', description: 'x'.repeat(101), options: [{ name: 'a', description: 'a', type: 'string', required: false }, { name: 'b', description: 'b', type: 'date', required: true }], handler: 'nope' };
    try {
      checkCommands([{ file: 'bad.ts', value: bad }, { file: 'missing.ts', value: undefined }]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ContentError);
      const text = (err as ContentError).issues.map((i) => `${i.file} ${i.path}: ${i.reason}`).join('\n');
      expect(text).toMatch(/bad\.ts name: lowercase/);
      expect(text).toMatch(/bad\.ts description: at most 100/);
      expect(text).toMatch(/bad\.ts options\.1\.type/);
      expect(text).toMatch(/bad\.ts handler: handler must be a function/);
      expect(text).toMatch(/missing\.ts/);
    }
    const dup = commands[0]!;
    expect(() => checkCommands([{ file: 'a.ts', value: dup }, { file: 'b.ts', value: dup }])).toThrow(/also defined in a\.ts/);
    const order: CommandDefinition = { ...dup, options: [{ name: 'a', description: 'a', type: 'string', required: false }, { name: 'b', description: 'b', type: 'string', required: true }] };
    expect(() => checkCommands([{ file: 'o.ts', value: order }])).toThrow(/required options must come before/);
  });

  it('parses options from text pairs, name=value, platform options, or the whole text', () => {
    expect(parseArgs(settings, 'hour=8 timezone=Europe/Berlin')).toEqual({ hour: 8, timezone: 'Europe/Berlin' });
    expect(parseArgs(settings, 'hour 8 paused')).toEqual({ hour: 8, paused: true });
    expect(parseArgs(settings, 'paused=no')).toEqual({ paused: false });
    expect(parseArgs(settings, '', { minutes: 45, prefer: 'video' })).toEqual({ minutes: 45, prefer: 'video' });
    expect(parseArgs(quiz, 'machine learning basics')).toEqual({ concept: 'machine learning basics' });
    expect(parseArgs(quiz, '')).toEqual({});
    expect(() => parseArgs(settings, 'hour=eight')).toThrow(/hour must be a whole number\. Usage: \/settings \[hour\]/);
    expect(() => parseArgs(settings, 'minutes=1')).toThrow(/between 5 and 600/);
    expect(() => parseArgs(commands.find((c) => c.name === 'progress')!, 'extra')).toThrow(/takes no options/);
    expect(usage(quiz)).toBe('/quiz [concept]');
  });
});

describe('free text intents', () => {
  const cases: [string, ReturnType<typeof understand>][] = [
    ['/plan', { kind: 'command', name: 'plan', text: '' }],
    ['/quiz python', { kind: 'command', name: 'quiz', text: 'python' }],
    ['/plna', { kind: 'unknown-command', name: 'plna' }],
    ['plan', { kind: 'command', name: 'plan', text: '' }],
    ['Quiz me!', { kind: 'command', name: 'quiz', text: '' }],
    ['quiz me on pandas', { kind: 'command', name: 'quiz', text: 'pandas' }],
    ['settings hour=7', { kind: 'command', name: 'settings', text: 'hour=7' }],
    ['next', { kind: 'command', name: 'today', text: '' }],
    ['forget me', { kind: 'command', name: 'forget-me', text: '' }],
    ['How am I doing?', { kind: 'command', name: 'progress', text: '' }],
    ['done', { kind: 'done' }],
    ["I'm done.", { kind: 'done' }],
    ['hello', { kind: 'greet' }],
    ['yes', { kind: 'yes' }],
    ['pause', { kind: 'pause' }],
    ['I want to learn docker', { kind: 'goal', text: 'I want to learn docker' }],
    // A question about the next step is not a goal (it once switched the goal to Next.js).
    ['What should I learn next?', { kind: 'command', name: 'today', text: '' }],
    ['so what do I do now', { kind: 'command', name: 'today', text: '' }],
    ['I want to learn Next.js', { kind: 'goal', text: 'I want to learn Next.js' }],
    ["what's next?", { kind: 'command', name: 'today', text: '' }],
    ['where do I start?', { kind: 'command', name: 'today', text: '' }],
    ['so where should I begin', { kind: 'command', name: 'today', text: '' }],
    ['what should I work on first', { kind: 'command', name: 'today', text: '' }],
    ['which one should I do first?', { kind: 'command', name: 'today', text: '' }],
    // A question about the first step that names a topic is read by name ("python" was once lost to today's task).
    ['where do I start with python first', { kind: 'text', text: 'where do I start with python first' }],
    ['where do I start with Python?', { kind: 'text', text: 'where do I start with Python?' }],
    ['what should I learn first for docker', { kind: 'goal', text: 'what should I learn first for docker' }],
    ['how do I begin with SQL', { kind: 'text', text: 'how do I begin with SQL' }],
    ['what kubernetes course first', { kind: 'text', text: 'what kubernetes course first' }],
    // Questions about the step said with words of the step ("topic", "course", "comes", "suggest", "focus"): still today's task.
    // "what topic should I learn next" was once read as a goal and offered Stream processing in place of Python.
    ...[
      'what topic should I learn next',
      'what comes next',
      'what do you suggest next',
      'what would you recommend now',
      'which chapter today',
      'what am I doing today',
      'what else now',
      'what video next',
      'what do you want me to do now',
      'what skill next',
      'what course next',
      'what should I focus on today',
    ].map((said): [string, ReturnType<typeof understand>] => [said, { kind: 'command', name: 'today', text: '' }]),
    ['what should I learn next in python', { kind: 'goal', text: 'what should I learn next in python' }],
    ['goal frontend developer', { kind: 'goal', text: 'frontend developer' }],
    // A goal said with a command's word first is a goal, not the command with an option it does not have.
    ['plan my path to become a data analyst', { kind: 'goal', text: 'plan my path to become a data analyst' }],
    ['plan picture', { kind: 'command', name: 'plan', text: 'picture' }],
    // Asking for help or saying "I don't know" is no goal and no fallback: the coach answers it by context ("help" alone lists the commands).
    ['help', { kind: 'command', name: 'help', text: '' }],
    ['help me please', { kind: 'stuck', ask: 'help' }],
    ['I need help', { kind: 'stuck', ask: 'help' }],
    ['Can you help me?', { kind: 'stuck', ask: 'help' }],
    ['I need some help with joins', { kind: 'stuck', on: 'joins', ask: 'help' }],
    ['help me with this', { kind: 'stuck', ask: 'help' }],
    ["I don't know", { kind: 'stuck', ask: 'unsure' }],
    ['idk', { kind: 'stuck', ask: 'unsure' }],
    ['not sure', { kind: 'stuck', ask: 'unsure' }],
    ['I have no idea', { kind: 'stuck', ask: 'unsure' }],
    ["I don't know what to do now", { kind: 'command', name: 'today', text: '' }],
    ['next one', { kind: 'command', name: 'today', text: '' }],
    ['What now?', { kind: 'command', name: 'today', text: '' }],
    // Saying what they do not know names a topic: read by name as usual.
    ["I don't know SQL", { kind: 'text', text: "I don't know SQL" }],
    // Career questions without a topic go to the career questions, not to a goal by meaning ("promoted" once set ML experiment tracking).
    ['help me get promoted', { kind: 'career-open' }],
    ['How do I get a raise?', { kind: 'career-open' }],
    ['I want to earn more', { kind: 'career-open' }],
    ['I want to get promoted', { kind: 'career-open' }],
    // Someone else's promotion is a topic: a model promoted to production.
    ['I want to learn how models get promoted to production', { kind: 'goal', text: 'I want to learn how models get promoted to production' }],
    // A question about what goes wrong is about their own answers: progress shows the weak spots.
    ['What am I doing wrong?', { kind: 'command', name: 'progress', text: '' }],
    ['kubernetes', { kind: 'text', text: 'kubernetes' }],
    // How it is going: never a goal by meaning ("I'm stuck" once offered Amazon CloudWatch monitoring, "explain that again" Advanced SQL).
    ["I'm stuck", { kind: 'stuck' }],
    ['I’m stuck!', { kind: 'stuck' }],
    ["I don't understand", { kind: 'stuck' }],
    ["I don't get it", { kind: 'stuck' }],
    ['this is too hard', { kind: 'stuck' }],
    ["I'm confused", { kind: 'stuck' }],
    ['can you explain that again', { kind: 'stuck' }],
    ['Explain that again please', { kind: 'stuck' }],
    ['I give up', { kind: 'stuck' }],
    ['help, I’m lost', { kind: 'stuck' }],
    // The topic as written: "REST" in capitals is a name, "rest" may be the everyday word.
    ["I'm stuck on joins in SQL", { kind: 'stuck', on: 'joins in SQL' }],
    ["I don't understand window functions", { kind: 'stuck', on: 'window functions' }],
    ['I’m stuck on REST!', { kind: 'stuck', on: 'REST' }],
    ['this is too easy', { kind: 'too-easy' }],
    ['I already know this', { kind: 'too-easy' }],
    ["I've done this before", { kind: 'too-easy' }],
    ['I already know SQL', { kind: 'too-easy', on: 'SQL' }],
    ['skip this one', { kind: 'skip' }],
    ['can I skip this?', { kind: 'skip' }],
    ['skip', { kind: 'skip' }],
    ['another resource please', { kind: 'skip', another: true }],
    ['give me another video', { kind: 'skip', another: true }],
    // A resource that does not suit them asks for another one (it got "I didn't catch that"); praise and "this is bad" alone do not.
    ['this resource is bad', { kind: 'skip', another: true }],
    ['ugh, the video is so boring', { kind: 'skip', another: true }],
    ["this course isn't helping", { kind: 'skip', another: true }],
    ['the course is great', { kind: 'text', text: 'the course is great' }],
    ['this is bad', { kind: 'text', text: 'this is bad' }],
    // "what's the next step" ends on the step's own word: today's task; with a topic after it, text.
    ["what's the next step", { kind: 'command', name: 'today', text: '' }],
    ['what is my next task?', { kind: 'command', name: 'today', text: '' }],
    // "what's today's task" asks for it by its own name (it got "I didn't catch that").
    ["what's today's task", { kind: 'command', name: 'today', text: '' }],
    ['what is todays task?', { kind: 'command', name: 'today', text: '' }],
    ["what's the next step in kubernetes", { kind: 'text', text: "what's the next step in kubernetes" }],
    ['the link is broken', { kind: 'broken-link' }],
    ["the video won't load", { kind: 'broken-link' }],
    ['page not found', { kind: 'broken-link' }],
    ["the link you sent doesn't work", { kind: 'broken-link' }],
    ['thanks', { kind: 'thanks' }],
    ['thank you so much!', { kind: 'thanks' }],
    ['great', { kind: 'thanks' }],
    ['cool', { kind: 'thanks' }],
    ['ok thanks', { kind: 'thanks' }],
    ['ok', { kind: 'yes' }],
    ["I'm bored", { kind: 'low-energy', why: 'bored' }],
    ['this is boring', { kind: 'low-energy', why: 'bored' }],
    ["I'm tired", { kind: 'low-energy', why: 'tired' }],
    ['no time this week', { kind: 'low-energy', why: 'busy' }],
    ["I'm busy", { kind: 'low-energy', why: 'busy' }],
    ["I don't have time today", { kind: 'low-energy', why: 'busy' }],
    ['so boring', { kind: 'low-energy', why: 'bored' }],
    ['I only have 10 minutes today', { kind: 'low-energy', why: 'busy' }],
    ['shorter tasks please', { kind: 'low-energy', why: 'busy' }],
    ["I'm on holiday next week", { kind: 'low-energy', why: 'away' }],
    ['can I skip the video', { kind: 'skip' }],
    ['thank u', { kind: 'thanks' }],
    // "good" answers the self-check ("well"), so it is no thanks.
    ['good', { kind: 'text', text: 'good' }],
    ['I know Python very well', { kind: 'too-easy', on: 'Python' }],
    ['I know nothing about docker', { kind: 'text', text: 'I know nothing about docker' }],
    // About the job, not the lesson: the career questions.
    ["I'm tired of my job", { kind: 'career-open' }],
    ["I'm stuck in my career", { kind: 'career-open' }],
    ['who are you', { kind: 'command', name: 'help', text: '' }],
    // A goal inside stays a goal; a topic the learner wants help with stays theirs.
    ["I'm bored of my job, I want to learn docker", { kind: 'goal', text: "I'm bored of my job, I want to learn docker" }],
    ['help me write SQL queries', { kind: 'text', text: 'help me write SQL queries' }],
    ['I want to learn how to fix broken links', { kind: 'goal', text: 'I want to learn how to fix broken links' }],
  ];
  for (const [input, expected] of cases) {
    it(`"${input}"`, () => expect(understand(input, commands)).toEqual(expected));
  }
});

describe('the topic of "where do I start with …"', () => {
  // The coach reads it by name: "go" there is Go when the roadmaps have it, though "go" is a step word elsewhere.
  const cases: [string, string | null][] = [
    ['where do I start with go first', 'go'],
    ['where do I start with Python?', 'Python'],
    ['what should I learn first for docker', 'docker'],
    ['how do I get started with SQL', 'SQL'],
    ["what's the first step for kubernetes", 'kubernetes'],
    ['where to begin with data science', 'data science'],
    ['where do I start with this', null],
    ['where do I start?', null],
    ['where do I go first', null],
    ['what should I learn next', null],
  ];
  for (const [input, topic] of cases) {
    it(`"${input}"`, () => expect(startTopic(input)).toBe(topic));
  }
});
